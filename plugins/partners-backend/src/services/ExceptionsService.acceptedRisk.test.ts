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

import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_PARTNERS_POLICY,
  type PartnersPolicy,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { ALICE, BOB } from '../__testUtils__/actors';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  NOW,
  openExceptionsService,
  openFinding,
  request,
} from '../__testUtils__/exceptionsService';
import { CRIT } from '../__testUtils__/reviews';
import { CRIT_API, day } from '../__testUtils__/reviews';
import type { DatabaseExceptionsStore } from '../database/DatabaseExceptionsStore';
import { ExceptionsService } from './ExceptionsService';
import { createReadModels } from './read';

jest.setTimeout(90_000);

describe('ExceptionsService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseExceptionsStore;
    let policy: PartnersPolicy;

    beforeEach(async () => {
      policy = { ...DEFAULT_PARTNERS_POLICY };
      ({ knex, store } = await openExceptionsService(
        databases,
        databaseId,
        () => policy,
      ));
    });

    describe('accepted risk', () => {
      it('shows covered findings as accepted risk and leaves them out of open counts', async () => {
        await knex('findings').insert([
          openFinding(),
          openFinding({ identity: 'crit-key', severity: 'high' }),
          openFinding({
            identity: 'crit-gone',
            resolved_at: day(10).toISOString(),
          }),
        ]);
        const reads = createReadModels(knex);
        // exceptions are checked against the real clock: expire far ahead
        const far = new ExceptionsService({
          store,
          policy: () => ({ ...policy, exceptionMaxDays: 100000 }),
          logger: mockServices.logger.mock(),
          clock: () => NOW,
        });
        const covering = await far.request(
          request({ expiresAt: '2099-01-01' }),
          ALICE,
        );
        // requested only: not yet accepted
        expect(
          (await reads.findings.listFindings({ status: 'accepted' })).items,
        ).toEqual([]);
        await far.decide(covering.id, 'approve', {}, { actor: BOB });
        // an approved exception already past its expiry covers nothing
        await knex('exceptions').insert({
          rule_id: 'identity-dormant',
          entity_ref: CRIT_API,
          identity: 'crit-key',
          partner_ref: CRIT,
          justification: 'old',
          requested_by: ALICE,
          requested_at: day(0).toISOString(),
          expires_at: day(1).toISOString(),
          status: 'approved',
          decided_by: BOB,
          decided_at: day(0).toISOString(),
        });

        const acceptedRisk = {
          exceptionId: covering.id,
          expiresAt: '2099-01-01T00:00:00.000Z',
          approvedBy: BOB,
        };
        const all = await reads.findings.listFindings();
        expect(all.items.map(f => [f.identity, f.acceptedRisk])).toEqual([
          ['crit-old', acceptedRisk],
          ['crit-key', undefined],
          ['crit-gone', undefined],
        ]);
        expect(
          (await reads.findings.listFindings({ status: 'accepted' })).items.map(
            f => f.identity,
          ),
        ).toEqual(['crit-old']);
        expect(
          (await reads.findings.listFindings({ status: 'open' })).items.map(
            f => f.identity,
          ),
        ).toEqual(['crit-key']);
        expect(
          (await reads.findings.listFindings({ status: 'resolved' })).items.map(
            f => f.identity,
          ),
        ).toEqual(['crit-gone']);

        const partner = await reads.partners.getPartner(CRIT);
        expect(partner.openFindings).toEqual({
          critical: 0,
          high: 1,
          medium: 0,
          low: 0,
        });
        expect(partner.findings.map(f => [f.identity, f.acceptedRisk])).toEqual(
          [
            ['crit-key', undefined],
            ['crit-old', acceptedRisk],
          ],
        );
        await knex('integration_accesses').insert({
          integration_ref: CRIT_API,
          target_ref: 'component:default/orders',
        });
        const access = await reads.entityAccess.getEntityAccess('orders', {
          scope: 'all',
        });
        expect(
          access.items[0].findings.map(f => [f.identity, f.acceptedRisk]),
        ).toEqual([
          ['crit-key', undefined],
          ['crit-old', acceptedRisk],
        ]);
        // two approved exceptions covering one finding: still listed once
        await knex('exceptions').insert({
          rule_id: 'identity-dormant',
          entity_ref: CRIT_API,
          identity: 'crit-old',
          partner_ref: CRIT,
          justification: 'a second approval',
          requested_by: ALICE,
          requested_at: day(0).toISOString(),
          expires_at: '2099-06-01T00:00:00.000Z',
          status: 'approved',
          decided_by: BOB,
          decided_at: day(0).toISOString(),
        });
        const twice = await reads.entityAccess.getEntityAccess('orders', {
          scope: 'all',
        });
        expect(
          twice.items[0].findings.map(f => [
            f.identity,
            f.acceptedRisk?.approvedBy,
          ]),
        ).toEqual([
          ['crit-key', undefined],
          ['crit-old', BOB],
        ]);
        const list = await reads.partners.listPartners();
        expect(
          list.items.find(p => p.entityRef === CRIT)?.openFindings,
        ).toEqual({ critical: 0, high: 1, medium: 0, low: 0 });
      });
    });
  });
});
