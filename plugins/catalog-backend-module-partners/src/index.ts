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

/**
 * Catalog module for partner governance: accepts Partner and
 * PartnerIntegration entities from allowed locations only, validates them,
 * rejects secret values and emits relations.
 *
 * @packageDocumentation
 */

export { catalogModulePartners as default } from './module';
export {
  PartnerEntitiesProcessor,
  REJECTED_SECRETS_ANNOTATION,
  type PartnerEntitiesProcessorOptions,
} from './processor/PartnerEntitiesProcessor';
export { PartnerIntakeLocations } from './processor/intake';
export { partnersEntityDataParser } from './processor/parser';
export { IS_ENTITY_CUSTODIAN, partnersCatalogConditions } from './permissions';
