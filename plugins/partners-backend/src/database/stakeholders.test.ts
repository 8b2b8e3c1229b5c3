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

import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  changes,
  identity,
  integrationChange,
  openIdentityIndexStore,
  partnerChange,
  T2,
  T3,
} from '../__testUtils__/identityIndex';
import type { DatabaseIdentityIndexStore } from './DatabaseIdentityIndexStore';
import { stakeholdersOf } from './stakeholders';

jest.setTimeout(90_000);

const ACME = 'partner:default/acme';
const API = 'partnerintegration:default/acme-api';
const FEED = 'partnerintegration:default/acme-feed';

describe('the stakeholders the index keeps', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseIdentityIndexStore;

    beforeEach(async () => {
      ({ knex, store } = await openIdentityIndexStore(databases, databaseId));
    });

    const rows = () =>
      knex('stakeholders')
        .select('entity_ref', 'partner_ref', 'stakeholder_ref', 'role')
        .orderBy(['entity_ref', 'stakeholder_ref', 'role']);

    /** acme, with an offboarding stage owner, and two integrations. */
    async function indexAcme() {
      const acme = partnerChange('acme');
      acme.entity.spec.lifecycle.stageOwners = { offboarding: 'Legal' };
      await store.apply(
        changes({
          partners: [acme],
          integrations: [
            integrationChange('acme-api', {
              identities: [identity('alpha'), identity('beta')],
              custodians: { beta: 'user:default/Noor-Haddad' },
            }),
            integrationChange('acme-feed'),
          ],
        }),
      );
    }

    it('records owners, stage owners and custodians, in lower case', async () => {
      await indexAcme();
      const owner = (entity: string, ref: string, role = 'owner') => ({
        entity_ref: entity,
        partner_ref: ACME,
        stakeholder_ref: ref,
        role,
      });
      await expect(rows()).resolves.toEqual([
        owner(ACME, 'group:default/legal', 'stage-owner'),
        owner(ACME, 'group:default/partner-operations'),
        owner(API, 'group:default/team-orders', 'custodian'),
        owner(API, 'group:default/team-orders'),
        owner(API, 'user:default/noor-haddad', 'custodian'),
        owner(FEED, 'group:default/team-orders', 'custodian'),
        owner(FEED, 'group:default/team-orders'),
      ]);
      // a partner's stakeholders include those of its integrations; an
      // integration's, its partner's owner and stage owners
      const of = await stakeholdersOf(knex, [ACME, FEED]);
      expect([...of.get(ACME)!].sort()).toEqual([
        'group:default/legal',
        'group:default/partner-operations',
        'group:default/team-orders',
        'user:default/noor-haddad',
      ]);
      expect([...of.get(FEED)!].sort()).toEqual([
        'group:default/legal',
        'group:default/partner-operations',
        'group:default/team-orders',
      ]);
    });

    it('replaces them when an entity changes, and keeps them when it leaves', async () => {
      await indexAcme();
      const moved = integrationChange('acme-api', {
        hash: 'hash-acme-api-2',
        identities: [identity('alpha')],
      });
      moved.ownerRef = 'group:default/team-payments';
      moved.custodians = new Map([['alpha', 'group:default/team-payments']]);
      await store.apply(changes({ now: T2, integrations: [moved] }));
      await expect(
        knex('stakeholders')
          .where('entity_ref', API)
          .orderBy(['stakeholder_ref', 'role'])
          .select('stakeholder_ref', 'role'),
      ).resolves.toEqual([
        { stakeholder_ref: 'group:default/team-payments', role: 'custodian' },
        { stakeholder_ref: 'group:default/team-payments', role: 'owner' },
      ]);

      const before = await rows();
      await store.apply(
        changes({ now: T3, gonePartners: [ACME], goneIntegrations: [FEED] }),
      );
      // who had a stake still answers who may read their history
      await expect(rows()).resolves.toEqual(before);
    });
  });
});
