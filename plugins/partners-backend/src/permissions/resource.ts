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

import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { PARTNERS_INTEGRATION_RESOURCE_TYPE } from '@partner-governance/plugin-partners-common';

/**
 * A partner integration as permission rules see it. Refs are lower case, as
 * the identity index stores them.
 *
 * @public
 */
export interface IntegrationResource {
  /** The integration's entity ref, e.g. `partnerintegration:default/acme-orders`. */
  entityRef: string;
  /** The owning group or user, e.g. `group:default/team-orders`. */
  ownerRef: string;
  /** The partner the integration belongs to. */
  partnerRef: string;
  /**
   * Everyone with a stake in the integration: its owner, the custodians of
   * its identities, and its partner's owner and stage owners.
   */
  stakeholderRefs: string[];
}

/**
 * A filter over integrations that a conditional decision turns into: the
 * integration's `key` is one of `values` (lower-case refs). `stakeholder`
 * matches any of {@link IntegrationResource.stakeholderRefs}.
 *
 * @public
 */
export interface IntegrationQuery {
  /** What of the integration to match. */
  key: 'owner_ref' | 'entity_ref' | 'partner_ref' | 'stakeholder';
  /** The lower-case values it may hold; none matches no integration. */
  values: string[];
}

/**
 * The permission resource ref of partner integrations, for rules, condition
 * exports and the resource type registration.
 *
 * @public
 */
export const partnersIntegrationResourceRef = createPermissionResourceRef<
  IntegrationResource,
  IntegrationQuery
>().with({
  pluginId: 'partners',
  resourceType: PARTNERS_INTEGRATION_RESOURCE_TYPE,
});
