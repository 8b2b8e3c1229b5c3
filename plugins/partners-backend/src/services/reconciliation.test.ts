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

import { RULES } from '@partner-governance/plugin-partners-common';
import type { ObservedIdentity } from '@partner-governance/plugin-partners-node';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from '../__testUtils__/databases';
import { integration, partner } from '../__testUtils__/offboarding';
import { identity } from '../__testUtils__/reviews';
import { observedRole as role } from '../__testUtils__/observations';
import { DatabaseObservationStore } from '../database/DatabaseObservationStore';
import { reconciliationFindings } from './reconciliation';

jest.setTimeout(90_000);

const LUMEN = 'partner:default/lumen';
const ACME = 'partner:default/acme';
const LUMEN_DB = 'partnerintegration:default/lumen-db';
const ACME_DB = 'partnerintegration:default/acme-db';
const T1 = '2026-12-01T00:00:00.000Z';

const declared = (
  integrationRef: string,
  name: string,
  observedAs: string,
  extra: Record<string, unknown> = {},
) =>
  identity(integrationRef, name, {
    observed_as: observedAs,
    scopes: '["select:orders.orders"]',
    ...extra,
  });

describe('reconciliationFindings', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseObservationStore;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      store = await DatabaseObservationStore.create({
        database: created.database,
      });
      await knex('partners').insert([
        partner(LUMEN),
        partner(ACME, { stage: 'offboarded' }),
      ]);
      await knex('integrations').insert([
        integration(LUMEN_DB, LUMEN),
        integration(ACME_DB, ACME),
      ]);
      await knex('identities').insert([
        declared(LUMEN_DB, 'reader', 'partner-db:lumen_reader'),
        declared(LUMEN_DB, 'writer', 'partner-db:lumen_writer'),
        declared(LUMEN_DB, 'old', 'partner-db:lumen_old', {
          status: 'revoked',
        }),
        declared(LUMEN_DB, 'retired', 'partner-db:lumen_retired', {
          gone_at: T1,
        }),
        declared(LUMEN_DB, 'directory', 'directory:uid=svc-lumen'),
        declared(ACME_DB, 'sync', 'partner-db:acme_sync'),
        declared(ACME_DB, 'quiet', 'partner-db:acme_quiet'),
      ]);
    });

    const observe = (identities: ObservedIdentity[]) =>
      store.runSucceeded('partner-db', 'postgres', T1, identities, 0);

    const summary = async () =>
      (await reconciliationFindings(knex))
        .map(f => `${f.ruleId} ${f.entityRef} ${f.identity}`)
        .sort();

    it('finds nothing before a source has run successfully', async () => {
      await store.runFailed('partner-db', 'postgres', T1, 'refused');
      expect(await reconciliationFindings(knex)).toEqual([]);
    });

    it('reconciles what the files declare with what the source observes', async () => {
      await observe([
        role('lumen_reader', {
          scopes: ['select:orders.orders', 'UPDATE:orders.orders'],
        }),
        role('lumen_old'),
        role('lumen_retired'),
        role('lumen_shadow'),
        role('lumen_locked', { status: 'disabled' }),
        role('app_orders', { partner: undefined }),
        role('acme_sync', { partner: 'acme' }),
      ]);
      expect(await summary()).toEqual([
        `identity-not-observed ${LUMEN_DB} writer`,
        `identity-revocation-not-enforced ${ACME_DB} sync`,
        `identity-revocation-not-enforced ${LUMEN_DB} old`,
        `identity-scope-drift ${LUMEN_DB} reader`,
        `identity-undeclared ${LUMEN} partner-db:lumen_retired`,
        `identity-undeclared ${LUMEN} partner-db:lumen_shadow`,
      ]);
      const byRule = new Map(
        (await reconciliationFindings(knex)).map(f => [
          `${f.ruleId} ${f.identity}`,
          f,
        ]),
      );
      expect(byRule.get('identity-scope-drift reader')).toEqual({
        ruleId: 'identity-scope-drift',
        severity: 'high',
        frameworks: RULES['identity-scope-drift'].frameworks,
        entityRef: LUMEN_DB,
        identity: 'reader',
        partnerRef: LUMEN,
        message: `reader of ${LUMEN_DB} holds UPDATE:orders.orders in source partner-db, beyond its declared scopes`,
      });
      expect(
        byRule.get('identity-undeclared partner-db:lumen_shadow'),
      ).toMatchObject({
        severity: 'high',
        partnerRef: LUMEN,
        message: `Source partner-db observes lumen_shadow, active and attributed to ${LUMEN}, which no declared identity names in observedAs`,
      });
      expect(byRule.get('identity-revocation-not-enforced sync')).toMatchObject(
        {
          severity: 'critical',
          message: `sync of ${ACME_DB} is of ${ACME}, which is offboarded, but source partner-db observes partner-db:acme_sync active`,
        },
      );
    });

    it('is quiet when the files and the source agree', async () => {
      await observe([
        role('lumen_reader'),
        role('lumen_writer'),
        role('lumen_old', { status: 'disabled' }),
      ]);
      expect(await summary()).toEqual([]);
    });

    it('keeps the findings of the last success through a failed run', async () => {
      await observe([role('lumen_reader'), role('lumen_shadow')]);
      const before = await summary();
      await store.runFailed('partner-db', 'postgres', T1, 'timeout');
      expect(await summary()).toEqual(before);
      expect(before).toContain(`identity-not-observed ${LUMEN_DB} writer`);
    });

    it('names ten drifted scopes and counts the rest', async () => {
      const scopes = Array.from({ length: 12 }, (_, i) => `s${i + 10}`);
      await observe([role('lumen_reader', { scopes })]);
      const drift = (await reconciliationFindings(knex)).find(
        f => f.ruleId === 'identity-scope-drift',
      );
      expect(drift?.message).toBe(
        `reader of ${LUMEN_DB} holds ${scopes
          .slice(0, 10)
          .join(
            ', ',
          )} and 2 more in source partner-db, beyond its declared scopes`,
      );
    });
  });
});
