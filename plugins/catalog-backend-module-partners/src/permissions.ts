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

import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import {
  createConditionFactory,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { RELATION_CUSTODIED_BY } from '@partner-governance/plugin-partners-common';
import { z } from 'zod/v3';

/**
 * Allows catalog entities whose identities are in the custody of one of the
 * given ownership refs (typically the user's `ownershipEntityRefs`): a
 * PartnerIntegration with a `custodiedBy` relation to one of them. Applied
 * in the catalog's own queries, so lists are narrowed in SQL.
 *
 * @public
 */
export const IS_ENTITY_CUSTODIAN = createPermissionRule({
  name: 'IS_ENTITY_CUSTODIAN',
  description:
    'Allow entities whose identities are in the custody of one of the given entities (the user and their groups)',
  resourceRef: catalogEntityPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'Ownership entity refs of the user, e.g. group:default/team-orders',
      ),
  }),
  apply: (entity, { claims }) => {
    const custodians = new Set(
      (entity.relations ?? [])
        .filter(relation => relation.type === RELATION_CUSTODIED_BY)
        .map(relation => relation.targetRef.toLocaleLowerCase('en-US')),
    );
    return claims.some(claim =>
      custodians.has(claim.toLocaleLowerCase('en-US')),
    );
  },
  toQuery: ({ claims }) => ({
    key: `relations.${RELATION_CUSTODIED_BY}`,
    values: claims,
  }),
});

/**
 * Catalog conditions of partner governance, for permission policies:
 * `partnersCatalogConditions.isEntityCustodian({ claims })`.
 *
 * @public
 */
export const partnersCatalogConditions = {
  isEntityCustodian: createConditionFactory(IS_ENTITY_CUSTODIAN),
};
