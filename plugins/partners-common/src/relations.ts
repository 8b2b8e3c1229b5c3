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
 * A PartnerIntegration accesses the components, APIs, resources and systems
 * in its spec.accesses.
 *
 * @public
 */
export const RELATION_ACCESSES = 'accesses';

/** Reverse of {@link RELATION_ACCESSES}. @public */
export const RELATION_ACCESSED_BY = 'accessedBy';

/**
 * A PartnerIntegration is custodied by each distinct identity custodian that
 * differs from its owner.
 *
 * @public
 */
export const RELATION_CUSTODIED_BY = 'custodiedBy';

/** Reverse of {@link RELATION_CUSTODIED_BY}. @public */
export const RELATION_CUSTODIAN_OF = 'custodianOf';
