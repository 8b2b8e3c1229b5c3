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
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  ENDED,
  ENDED_API,
  LEAVING,
  LEAVING_API,
  LEAVING_FEED,
  NOW,
  TERMINATED,
} from '../__testUtils__/offboarding';
import {
  item,
  offboardingTools,
  openOffboardingService,
} from '../__testUtils__/offboardingService';
import { DatabaseOffboardingStore } from '../database/DatabaseOffboardingStore';
import { offboardingReasons, OffboardingService } from './OffboardingService';

jest.setTimeout(90_000);

describe('offboardingReasons', () => {
  const now = new Date('2026-11-01T12:00:00.000Z');
  const candidate = { partnerRef: 'partner:default/x', stage: 'measurement' };

  it('names the stage and an ended contract, and nothing otherwise', () => {
    expect(
      offboardingReasons({ ...candidate, stage: 'offboarding' }, now),
    ).toEqual(['stage-offboarding']);
    expect(
      offboardingReasons(
        { ...candidate, stage: 'offboarding', contractStatus: 'expired' },
        now,
      ),
    ).toEqual(['stage-offboarding', 'contract-ended']);
    expect(
      offboardingReasons({ ...candidate, contractEnd: '2026-10-31' }, now),
    ).toEqual(['contract-ended']);
    expect(
      offboardingReasons(
        { ...candidate, contractEnd: '2026-10-31T23:59:00-05:00' },
        now,
      ),
    ).toEqual(['contract-ended']);
    // ends today: not past yet
    expect(
      offboardingReasons({ ...candidate, contractEnd: '2026-11-01' }, now),
    ).toEqual([]);
    expect(
      offboardingReasons(
        { ...candidate, contractEnd: '2027-01-01', contractStatus: 'notice' },
        now,
      ),
    ).toEqual([]);
    expect(
      offboardingReasons({ ...candidate, contractEnd: 'not a date' }, now),
    ).toEqual([]);
    expect(
      offboardingReasons({ ...candidate, stage: 'offboarded' }, now),
    ).toEqual([]);
  });
});

describe('OffboardingService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let service: OffboardingService;

    beforeEach(async () => {
      ({ knex, service } = await openOffboardingService(databases, databaseId));
    });

    const { checklists, items, dump } = offboardingTools(() => ({
      knex,
      service,
    }));

    describe('openDueChecklists', () => {
      it('opens one checklist per leaving partner, with an item per active identity, shared secret and integration', async () => {
        await expect(service.openDueChecklists()).resolves.toEqual({
          opened: 3,
          reopened: 0,
          items: 9,
        });
        expect(
          (await checklists()).map(c => ({
            ...c,
            id: Number(c.id),
            reasons: JSON.parse(c.reasons),
          })),
        ).toEqual([
          {
            id: 1,
            partner_ref: ENDED,
            status: 'open',
            open_key: ENDED,
            reasons: ['contract-ended'],
          },
          {
            id: 2,
            partner_ref: LEAVING,
            status: 'open',
            open_key: LEAVING,
            reasons: ['stage-offboarding'],
          },
          {
            id: 3,
            partner_ref: TERMINATED,
            status: 'open',
            open_key: TERMINATED,
            reasons: ['contract-ended'],
          },
        ]);
        expect(
          (await items()).map(i => ({
            ...i,
            checklist_id: Number(i.checklist_id),
          })),
        ).toEqual([
          item(1, ENDED_API, 'revoke', 'ended-key'),
          // its secret location is also key-e's
          item(1, ENDED_API, 'rotate', 'ended-key'),
          item(1, ENDED_API, 'close', null),
          // key-c is revoked, key-d gone, key-e suspended: nothing to revoke
          item(2, LEAVING_API, 'revoke', 'key-a'),
          item(2, LEAVING_API, 'revoke', 'key-b'),
          // key-b has sharedWith; key-e's secret is ended-key's too
          item(2, LEAVING_API, 'rotate', 'key-b'),
          item(2, LEAVING_API, 'rotate', 'key-e'),
          item(2, LEAVING_API, 'close', null),
          item(2, LEAVING_FEED, 'close', null),
        ]);
        const descriptions = (
          await knex('offboarding_items')
            .where('partner_ref', LEAVING)
            .orderBy('id')
        ).map(row => row.description);
        expect(descriptions).toEqual([
          `Revoke api-key key-a of ${LEAVING_API}`,
          `Revoke oauth-client key-b of ${LEAVING_API}`,
          `Rotate the shared secret of oauth-client key-b of ${LEAVING_API} (shared with group:default/team-x)`,
          `Rotate the shared secret of api-key key-e of ${LEAVING_API} (its secret is held by 1 other identity too)`,
          `Close ${LEAVING_API}`,
          `Close ${LEAVING_FEED}`,
        ]);
        // secret locations are never written into an item
        expect(JSON.stringify(await knex('offboarding_items'))).not.toMatch(
          /vault:/,
        );

        const events = await knex('audit_events').orderBy('id');
        expect(events.map(e => [e.action, e.actor, e.partner_ref])).toEqual([
          ['offboarding.opened', 'plugin:partners', ENDED],
          ['offboarding.opened', 'plugin:partners', LEAVING],
          ['offboarding.opened', 'plugin:partners', TERMINATED],
        ]);
        expect(JSON.parse(events[1].after)).toEqual({
          checklistId: 2,
          status: 'open',
          reasons: ['stage-offboarding'],
          items: [
            {
              itemId: 4,
              kind: 'revoke',
              integrationRef: LEAVING_API,
              identity: 'key-a',
              source: 'offboarding',
            },
            {
              itemId: 5,
              kind: 'revoke',
              integrationRef: LEAVING_API,
              identity: 'key-b',
              source: 'offboarding',
            },
            {
              itemId: 6,
              kind: 'rotate',
              integrationRef: LEAVING_API,
              identity: 'key-b',
              source: 'offboarding',
            },
            {
              itemId: 7,
              kind: 'rotate',
              integrationRef: LEAVING_API,
              identity: 'key-e',
              source: 'offboarding',
            },
            {
              itemId: 8,
              kind: 'close',
              integrationRef: LEAVING_API,
              source: 'offboarding',
            },
            {
              itemId: 9,
              kind: 'close',
              integrationRef: LEAVING_FEED,
              source: 'offboarding',
            },
          ],
        });
      });

      it('is idempotent, also when two instances run at once', async () => {
        const other = new OffboardingService({
          store: new DatabaseOffboardingStore(knex),
          logger: mockServices.logger.mock(),
          clock: () => NOW,
        });
        const results = await Promise.all([
          service.openDueChecklists(),
          other.openDueChecklists(),
        ]);
        expect(results.reduce((n, r) => n + r.opened, 0)).toBe(3);
        expect(results.reduce((n, r) => n + r.items, 0)).toBe(9);
        const before = await dump();
        expect(before.checklists).toHaveLength(3);
        expect(before.items).toHaveLength(9);
        expect(before.audit).toHaveLength(3);

        await expect(service.openDueChecklists()).resolves.toEqual({
          opened: 0,
          reopened: 0,
          items: 0,
        });
        expect(await dump()).toEqual(before);
      });
    });
  });
});
