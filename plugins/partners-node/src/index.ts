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
 * Node.js library of partner governance: the secret guard and the partner
 * file reader that the catalog module, the backend and the `partners`
 * command line share, and the extension point of identity sources.
 *
 * @packageDocumentation
 */

export {
  REDACTED_SECRET_VALUE,
  findSecrets,
  redactSecrets,
  redactSecretsOfAll,
  type SecretFinding,
} from './secrets/guard';
export {
  SECRET_VALUE_ERROR_NAME,
  SecretValueError,
  describeSecretFinding,
} from './secrets/describe';
export {
  DEFAULT_DOCUMENT_LIMITS,
  readEntityDocuments,
  readEntityFiles,
  type DocumentLimits,
  type EntityDocument,
  type EntityFile,
} from './documents/readEntityDocuments';
export {
  partnersIdentitySourcesExtensionPoint,
  type PartnersIdentitySourcesExtensionPoint,
} from './identitySources/extensionPoint';
export type {
  IdentitySource,
  IdentitySourceFactory,
  IdentitySourceFactoryOptions,
  ObservedIdentity,
} from './identitySources/types';
export {
  OBSERVED_IDENTITY_LIMITS,
  checkObservedIdentities,
  type CheckedObservedIdentity,
} from './identitySources/checkObservedIdentities';
export {
  compilePartnerPattern,
  partnerOf,
} from './identitySources/partnerPattern';
export { pagesOf } from './identitySources/pagesOf';
