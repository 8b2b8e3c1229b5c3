/*
 * Copyright 2026 The Partner Governance Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import type { Knex } from 'knex';
import { EntityAccessReadModel } from './EntityAccessReadModel';
import { FindingsReadModel } from './FindingsReadModel';
import { PartnerIdentitiesReadModel } from './PartnerIdentitiesReadModel';
import { PartnersReadModel } from './PartnersReadModel';
import { StageHistoryReadModel } from './StageHistoryReadModel';
import type { ReadModelOptions } from './ReadModel';

/** The read side of the partners API, by resource. @internal */
export interface ReadModels {
  partners: PartnersReadModel;
  entityAccess: EntityAccessReadModel;
  findings: FindingsReadModel;
  identities: PartnerIdentitiesReadModel;
  stageHistory: StageHistoryReadModel;
}

/** The read models over one database. @internal */
export function createReadModels(
  db: Knex,
  options: ReadModelOptions = {},
): ReadModels {
  return {
    partners: new PartnersReadModel(db, options),
    entityAccess: new EntityAccessReadModel(db, options),
    findings: new FindingsReadModel(db, options),
    identities: new PartnerIdentitiesReadModel(db, options),
    stageHistory: new StageHistoryReadModel(db, options),
  };
}
