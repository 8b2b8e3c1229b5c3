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

import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod/v3';
import { partnersIntegrationResourceRef } from './resource';

/** The user's ownership entity refs: their own ref and their groups'. */
const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      'Ownership entity refs of the user, e.g. group:default/team-orders',
    ),
});

/**
 * Allows an integration when its owner is one of the given ownership refs,
 * typically the user's `ownershipEntityRefs` (their own ref and the groups
 * they belong to). Refs compare case-insensitively.
 *
 * @public
 */
export const IS_INTEGRATION_OWNER = createPermissionRule({
  name: 'IS_INTEGRATION_OWNER',
  description:
    'Allow integrations owned by one of the given entities (the user and their groups)',
  resourceRef: partnersIntegrationResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => {
    const owner = resource.ownerRef.toLocaleLowerCase('en-US');
    return claims.some(claim => claim.toLocaleLowerCase('en-US') === owner);
  },
  toQuery: ({ claims }) => ({
    key: 'owner_ref',
    values: [...new Set(claims.map(c => c.toLocaleLowerCase('en-US')))],
  }),
});

/**
 * Allows an integration when one of the given ownership refs (typically the
 * user's `ownershipEntityRefs`) has a stake in it: owns it, is custodian of
 * one of its identities, or owns its partner or one of the partner's stages.
 * Refs compare case-insensitively.
 *
 * @public
 */
export const IS_INTEGRATION_STAKEHOLDER = createPermissionRule({
  name: 'IS_INTEGRATION_STAKEHOLDER',
  description:
    'Allow integrations in which one of the given entities (the user and their groups) has a stake: owner, custodian, partner owner or stage owner',
  resourceRef: partnersIntegrationResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => {
    const stakeholders = new Set(
      resource.stakeholderRefs.map(ref => ref.toLocaleLowerCase('en-US')),
    );
    return claims.some(claim =>
      stakeholders.has(claim.toLocaleLowerCase('en-US')),
    );
  },
  toQuery: ({ claims }) => ({
    key: 'stakeholder',
    values: [...new Set(claims.map(c => c.toLocaleLowerCase('en-US')))],
  }),
});

/** The rules of partner integrations. @public */
export const partnersIntegrationRules = {
  IS_INTEGRATION_OWNER,
  IS_INTEGRATION_STAKEHOLDER,
};
