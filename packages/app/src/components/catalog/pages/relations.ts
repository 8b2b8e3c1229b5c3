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

import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
} from '@backstage/plugin-catalog-graph';

/*
 * Custom relations emitted by the partners catalog processor for the
 * Partner / PartnerIntegration kinds (partners.governance.dev/v1alpha1).
 * They are declared here rather than imported so that the app does not depend
 * on any workspace plugin package.
 */
export const RELATION_ACCESSES = 'accesses';
export const RELATION_ACCESSED_BY = 'accessedBy';
export const RELATION_CUSTODIED_BY = 'custodiedBy';
export const RELATION_CUSTODIAN_OF = 'custodianOf';

/*
 * The catalog graph only draws the relations it is told about (by default the
 * built-in ones), so the custom relations have to be passed explicitly. The
 * pairs let the graph merge a relation with its reverse into a single edge.
 */
export const graphRelationPairs: [string, string][] = [
  ...ALL_RELATION_PAIRS,
  [RELATION_ACCESSES, RELATION_ACCESSED_BY],
  [RELATION_CUSTODIAN_OF, RELATION_CUSTODIED_BY],
];

// Built-in relations plus `accessedBy`, so that a component, API, resource or
// system shows the partner integrations that access it.
export const defaultGraphRelations = [...ALL_RELATIONS, RELATION_ACCESSED_BY];
