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

/* eslint-disable @backstage/no-relative-monorepo-imports */

/*
 * The partners backend's partner register, as the register benchmark
 * measures it: the runner, its store and the config reader are internal to
 * the plugin (not its public API), so they come from its source, loaded
 * through the TypeScript transform.
 */

export { readPartnersBackendConfig } from '../../../../plugins/partners-backend/src/config';
export {
  DatabasePartnerRegisterStore,
  type RegisterChanges,
} from '../../../../plugins/partners-backend/src/database/DatabasePartnerRegisterStore';
export { PartnerRegisterRunner } from '../../../../plugins/partners-backend/src/services/register/PartnerRegisterRunner';
export { parseRegister } from '../../../../plugins/partners-backend/src/services/register/parseRegister';
export { visitRegisterRecords } from '../../../../plugins/partners-backend/src/services/register/registerRecords';
export { REGISTER_COLUMNS } from '../../../../plugins/partners-backend/src/services/register/registerKeys';
