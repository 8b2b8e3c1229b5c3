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

import { PARTNER_LIFECYCLE_STAGES } from '@partner-governance/plugin-partners-common';
import { createTestDatabases } from './__testUtils__/databases';
import { NOTICE_DAYS, NOW } from './__testUtils__/portalEstate';
import { CRIT } from './__testUtils__/reviews';
import { portalRouter } from './__testUtils__/portalRouter';

jest.setTimeout(90_000);

describe('portal routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = portalRouter(databases, databaseId);
    const { get, walk, inputError, countQueries } = fx;

    const refsOf = async (query: string) => {
      const pages = await walk(`/partners?${query}`);
      return pages.flat().map(p => p.entityRef);
    };

    describe('GET /partners', () => {
      it('shows pending and overdue reviews of live integrations', async () => {
        const { status, body } = await get('/partners');
        expect(status).toBe(200);
        expect(
          body.items.map((p: any) => [p.entityRef, p.reviews, p.openFindings]),
        ).toEqual([
          [
            CRIT,
            { pending: 1, overdue: 1 },
            { critical: 1, high: 1, medium: 1, low: 0 },
          ],
          [
            'partner:default/high',
            { pending: 1, overdue: 0 },
            { critical: 0, high: 0, medium: 0, low: 0 },
          ],
          [
            'partner:default/low',
            { pending: 0, overdue: 0 },
            { critical: 0, high: 0, medium: 0, low: 0 },
          ],
          [
            'partner:default/med',
            { pending: 1, overdue: 0 },
            { critical: 0, high: 0, medium: 0, low: 1 },
          ],
          [
            'partner:default/off',
            { pending: 1, overdue: 1 },
            { critical: 1, high: 0, medium: 0, low: 0 },
          ],
        ]);
      });

      it('shows the review counts on the partner page', async () => {
        const { status, body } = await get('/partners/crit');
        expect(status).toBe(200);
        expect(body.reviews).toEqual({ pending: 1, overdue: 1 });
      });

      it('costs the same queries for one partner as for a page of them', async () => {
        const one = await countQueries(() => get('/partners?limit=1'));
        const all = await countQueries(() => get('/partners?limit=100'));
        // the page, then findings, reviews and shadow identities per page
        expect(one).toBe(4);
        expect(all).toBe(4);
      });

      it.each([
        // a review due exactly now is not overdue (high)
        ['hasOverdueReviews=true', [CRIT, 'partner:default/off']],
        // accepted risk (high), resolved (med) and gone (gone) do not count
        ['hasCriticalFindings=true', [CRIT, 'partner:default/off']],
        // today only; yesterday's (low) and gone partners' are out
        ['contractEndsWithinDays=0', [CRIT]],
        // a timestamp counts as the calendar day written in it
        ['contractEndsWithinDays=1', [CRIT, 'partner:default/off']],
        [
          'contractEndsWithinDays=30',
          [CRIT, 'partner:default/high', 'partner:default/off'],
        ],
        [
          'contractEndsWithinDays=31',
          [
            CRIT,
            'partner:default/high',
            'partner:default/med',
            'partner:default/off',
          ],
        ],
        ['contractEndsWithinDays=3650&tier=medium', ['partner:default/med']],
        [
          'hasOverdueReviews=true&hasCriticalFindings=true&contractEndsWithinDays=0',
          [CRIT],
        ],
        ['hasCriticalFindings=true&stage=offboarded', ['partner:default/off']],
      ])('filters by %s', async (query, expected) => {
        expect(await refsOf(query)).toEqual(expected);
      });

      it('filters nothing on false', async () => {
        const all = await refsOf('');
        expect(all).toHaveLength(5);
        expect(
          await refsOf('hasOverdueReviews=false&hasCriticalFindings=false'),
        ).toEqual(all);
      });

      it('pages a filtered list, each partner once', async () => {
        const pages = await walk(
          '/partners?contractEndsWithinDays=31&hasCriticalFindings=false&limit=1',
        );
        expect(pages.map(p => p.map(i => i.entityRef))).toEqual([
          [CRIT],
          ['partner:default/high'],
          ['partner:default/med'],
          ['partner:default/off'],
        ]);
        const overdue = await walk('/partners?hasOverdueReviews=true&limit=1');
        expect(overdue.map(p => p.map(i => i.entityRef))).toEqual([
          [CRIT],
          ['partner:default/off'],
        ]);
      });

      it.each([
        ['contractEndsWithinDays=-1', 'contractEndsWithinDays'],
        ['contractEndsWithinDays=3651', 'contractEndsWithinDays'],
        ['contractEndsWithinDays=soon', 'contractEndsWithinDays'],
        ['contractEndsWithinDays=1.5', 'contractEndsWithinDays'],
        ['hasOverdueReviews=yes', 'hasOverdueReviews'],
        ['hasCriticalFindings=1', 'hasCriticalFindings'],
      ])('answers 400 on %s', async (query, field) => {
        expect(await inputError(`/partners?${query}`)).toContain(field);
      });
    });

    describe('GET /partners/summary', () => {
      it('counts live partners, reviews, open findings and ending contracts', async () => {
        const { status, body } = await get('/partners/summary');
        expect(status).toBe(200);
        expect(body).toEqual({
          total: 5,
          byStage: {
            ...Object.fromEntries(PARTNER_LIFECYCLE_STAGES.map(s => [s, 0])),
            measurement: 4,
            offboarded: 1,
          },
          reviews: { pending: 4, overdue: 2 },
          openFindings: { critical: 2, high: 1, medium: 1, low: 1 },
          contractsEnding: { days: NOTICE_DAYS, count: 3 },
        });
        expect(Object.keys(body.byStage).sort()).toEqual(
          [...PARTNER_LIFECYCLE_STAGES].sort(),
        );
      });

      it('is not taken for a partner named summary', async () => {
        await fx.knex('partners').insert({
          entity_ref: 'partner:default/summary',
          title: null,
          type: 'integrator',
          stage: 'onboarding',
          tier: 'low',
          owner_ref: 'group:default/x',
          contract_end: null,
          contract_status: null,
          entity: '{}',
          hash: 'h',
          synced_at: NOW.toISOString(),
          gone_at: null,
        });
        try {
          const overview = await get('/partners/summary');
          expect(overview.status).toBe(200);
          expect(overview.body.total).toBe(6);
          const partner = await get(
            `/partners/${encodeURIComponent('partner:default/summary')}`,
          );
          expect(partner.status).toBe(200);
          expect(partner.body.entityRef).toBe('partner:default/summary');
        } finally {
          await fx
            .knex('partners')
            .where('entity_ref', 'partner:default/summary')
            .delete();
        }
      });

      it('answers 400 on an unknown query parameter', async () => {
        expect(
          await inputError('/partners/summary?stage=onboarding'),
        ).toContain('stage');
      });
    });
  });
});
