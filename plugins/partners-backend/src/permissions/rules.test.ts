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

import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { partnersReviewDecidePermission } from '@partner-governance/plugin-partners-common';
import {
  createPartnersIntegrationConditionalDecision,
  IS_INTEGRATION_OWNER,
  IS_INTEGRATION_STAKEHOLDER,
  partnersIntegrationConditions,
  partnersIntegrationResourceRef,
} from '.';

const resource = {
  entityRef: 'partnerintegration:default/acme-orders',
  ownerRef: 'group:default/team-orders',
  partnerRef: 'partner:default/acme',
  stakeholderRefs: [
    'group:default/team-orders',
    'group:default/security',
    'group:default/partner-ops',
  ],
};

describe('partnersIntegrationResourceRef', () => {
  it('names the plugin and the resource type', () => {
    expect(partnersIntegrationResourceRef).toMatchObject({
      pluginId: 'partners',
      resourceType: 'partners-integration',
    });
  });
});

describe('IS_INTEGRATION_OWNER', () => {
  it('belongs to the partners-integration resource type', () => {
    expect(IS_INTEGRATION_OWNER.name).toBe('IS_INTEGRATION_OWNER');
    expect(IS_INTEGRATION_OWNER.resourceType).toBe('partners-integration');
  });

  describe('apply', () => {
    it('allows an integration owned by one of the claims', () => {
      expect(
        IS_INTEGRATION_OWNER.apply(resource, {
          claims: ['user:default/guest', 'group:default/team-orders'],
        }),
      ).toBe(true);
    });

    it('compares refs case-insensitively', () => {
      expect(
        IS_INTEGRATION_OWNER.apply(resource, {
          claims: ['Group:Default/Team-Orders'],
        }),
      ).toBe(true);
      expect(
        IS_INTEGRATION_OWNER.apply(
          { ...resource, ownerRef: 'GROUP:default/TEAM-orders' },
          { claims: ['group:default/team-orders'] },
        ),
      ).toBe(true);
    });

    it('refuses an integration owned by someone else', () => {
      expect(
        IS_INTEGRATION_OWNER.apply(resource, {
          claims: ['user:default/guest', 'group:default/team-payments'],
        }),
      ).toBe(false);
    });

    it('refuses everything without claims', () => {
      expect(IS_INTEGRATION_OWNER.apply(resource, { claims: [] })).toBe(false);
    });

    it('does not match on a prefix of the owner', () => {
      expect(
        IS_INTEGRATION_OWNER.apply(resource, {
          claims: ['group:default/team'],
        }),
      ).toBe(false);
    });
  });

  describe('toQuery', () => {
    it('filters owner_ref by the lower-cased, deduplicated claims', () => {
      expect(
        IS_INTEGRATION_OWNER.toQuery({
          claims: [
            'User:Default/Guest',
            'group:default/team-orders',
            'GROUP:default/team-orders',
          ],
        }),
      ).toEqual({
        key: 'owner_ref',
        values: ['user:default/guest', 'group:default/team-orders'],
      });
    });

    it('filters by no value without claims', () => {
      expect(IS_INTEGRATION_OWNER.toQuery({ claims: [] })).toEqual({
        key: 'owner_ref',
        values: [],
      });
    });
  });

  describe('paramsSchema', () => {
    it('accepts a list of refs', () => {
      expect(
        IS_INTEGRATION_OWNER.paramsSchema?.safeParse({
          claims: ['group:default/team-orders'],
        }).success,
      ).toBe(true);
    });

    it.each([
      [{}],
      [{ claims: 'group:default/team-orders' }],
      [{ claims: [1] }],
    ])('rejects %j', params => {
      expect(IS_INTEGRATION_OWNER.paramsSchema?.safeParse(params).success).toBe(
        false,
      );
    });
  });
});

describe('partnersIntegrationConditions', () => {
  it('builds an IS_INTEGRATION_OWNER condition', () => {
    expect(
      partnersIntegrationConditions.IS_INTEGRATION_OWNER({
        claims: ['group:default/team-orders'],
      }),
    ).toEqual({
      rule: 'IS_INTEGRATION_OWNER',
      resourceType: 'partners-integration',
      params: { claims: ['group:default/team-orders'] },
    });
  });

  it('builds a conditional decision for partners.review.decide', () => {
    expect(
      createPartnersIntegrationConditionalDecision(
        partnersReviewDecidePermission,
        partnersIntegrationConditions.IS_INTEGRATION_OWNER({
          claims: ['group:default/team-orders'],
        }),
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'partners',
      resourceType: 'partners-integration',
      conditions: {
        rule: 'IS_INTEGRATION_OWNER',
        resourceType: 'partners-integration',
        params: { claims: ['group:default/team-orders'] },
      },
    });
  });
});

describe('IS_INTEGRATION_STAKEHOLDER', () => {
  it('allows a stakeholder of the integration, whatever the case of the ref', () => {
    for (const claim of [
      'group:default/team-orders',
      'Group:Default/Security',
      'group:default/partner-ops',
    ]) {
      expect(
        IS_INTEGRATION_STAKEHOLDER.apply(resource, {
          claims: ['user:default/x', claim],
        }),
      ).toBe(true);
    }
  });

  it('refuses anyone else, and everyone without claims', () => {
    expect(
      IS_INTEGRATION_STAKEHOLDER.apply(resource, {
        claims: ['user:default/x', 'group:default/team-payments'],
      }),
    ).toBe(false);
    expect(IS_INTEGRATION_STAKEHOLDER.apply(resource, { claims: [] })).toBe(
      false,
    );
  });

  it('turns claims into a stakeholder filter, lower case and once each', () => {
    expect(
      IS_INTEGRATION_STAKEHOLDER.toQuery({
        claims: ['Group:default/A', 'group:default/a', 'user:default/b'],
      }),
    ).toEqual({
      key: 'stakeholder',
      values: ['group:default/a', 'user:default/b'],
    });
  });
});
