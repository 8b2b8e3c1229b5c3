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
import {
  PARTNERS_INTEGRATION_RESOURCE_TYPE,
  RULES,
} from '@partner-governance/plugin-partners-common';
import { createTestDatabases } from './__testUtils__/databases';
import { NOW } from './__testUtils__/readEstate';
import { readRouter } from './__testUtils__/readRouter';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** A partner the register lists and no Partner entity is: it has no stakeholders. */
const UNGOVERNED = 'partner:default/thornbury-analytics';

/*
 * A partner-ungoverned finding is filed under a ref no entity has: its
 * details are for those who may read every detail (the security group in
 * the example, and services); everyone else sees it counted.
 */
describe.each(databases.eachSupportedId())(
  'partner-ungoverned findings on %s',
  databaseId => {
    const fx = readRouter(databases, databaseId);

    beforeAll(async () => {
      const rule = RULES['partner-ungoverned'];
      await fx.knex('findings').insert({
        rule_id: rule.id,
        entity_ref: UNGOVERNED,
        identity: '',
        partner_ref: UNGOVERNED,
        severity: rule.severity,
        message: 'The partner register lists "Thornbury Analytics" …',
        frameworks: JSON.stringify(rule.frameworks),
        first_seen_at: NOW,
        last_seen_at: NOW,
      });
    });

    const ungoverned = async () => {
      const { status, body } = await fx.get(
        '/findings?ruleId=partner-ungoverned',
      );
      expect(status).toBe(200);
      return body.items.map((f: { entityRef: string }) => f.entityRef);
    };

    it('lists it to a caller who may read every detail', async () => {
      expect(await ungoverned()).toEqual([UNGOVERNED]);
    });

    it('lists it to no stakeholder of other partners, and to no one denied details', async () => {
      fx.permissions.authorizeConditional.mockResolvedValue([
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'partners',
          resourceType: PARTNERS_INTEGRATION_RESOURCE_TYPE,
          conditions: {
            rule: 'IS_INTEGRATION_STAKEHOLDER',
            resourceType: PARTNERS_INTEGRATION_RESOURCE_TYPE,
            params: { claims: ['group:default/partner-ops'] },
          },
        },
      ]);
      expect(await ungoverned()).toEqual([]);
      // the partner-ops group holds acme: its findings are still listed
      const { body } = await fx.get('/findings?partner=acme');
      expect(body.items.length).toBeGreaterThan(0);

      fx.permissions.authorizeConditional.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      expect(await ungoverned()).toEqual([]);
    });

    it('counts it for anyone, by rule', async () => {
      fx.permissions.authorizeConditional.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      const { body } = await fx.get('/findings/rules');
      expect(body.items).toContainEqual(
        expect.objectContaining({
          ruleId: 'partner-ungoverned',
          severity: 'high',
          open: 1,
          accepted: 0,
        }),
      );
    });
  },
);
