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
  integrationRows,
  openIdentityIndexStore,
  partnerChange,
  T1,
  T2,
} from '../__testUtils__/identityIndex';
import type { DatabaseIdentityIndexStore } from './DatabaseIdentityIndexStore';

jest.setTimeout(90_000);

describe('DatabaseIdentityIndexStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseIdentityIndexStore;

    beforeEach(async () => {
      ({ knex, store } = await openIdentityIndexStore(databases, databaseId));
    });

    const { identitiesOf, accessesOf } = integrationRows(() => knex);

    it('starts empty', async () => {
      const states = await store.getStates();
      expect(states.partners.size).toBe(0);
      expect(states.integrations.size).toBe(0);
      await expect(store.listLiveEntities()).resolves.toEqual([]);
    });

    it('inserts partners, integrations, identities and accesses', async () => {
      const acme = partnerChange('acme');
      const api = integrationChange('acme-api', {
        identities: [
          identity('orders-key', {
            privileged: true,
            rotationDays: 30,
            expires: '2027-01-10',
            lastRotated: '2026-06-01',
            sharedWith: ['partnerintegration:acme-feed'],
            custodian: 'user:sofia',
          }),
          identity('webhook', {
            type: 'webhook-secret',
            status: 'suspended',
            environment: 'staging',
            scopes: undefined,
            secretRef: undefined,
          }),
        ],
        accesses: [
          'component:orders-api',
          'api:orders',
          'component:orders-api',
        ],
        custodians: { 'orders-key': 'user:default/sofia' },
      });

      const written = await store.apply(
        changes({ partners: [acme], integrations: [api] }),
      );
      // 1 partner + 1 integration + 2 identities + 2 distinct accesses
      expect(written).toBe(6);

      const partners = await knex('partners');
      expect(partners).toHaveLength(1);
      expect(partners[0]).toMatchObject({
        entity_ref: 'partner:default/acme',
        title: 'Partner acme',
        type: 'integrator',
        stage: 'enablement',
        tier: 'medium',
        owner_ref: 'group:default/partner-operations',
        contract_end: '2027-06-30',
        contract_status: 'active',
        hash: 'hash-acme-1',
        synced_at: T1,
        gone_at: null,
      });
      expect(JSON.parse(partners[0].entity)).toEqual(acme.entity);

      const integrations = await knex('integrations');
      expect(integrations).toHaveLength(1);
      expect(integrations[0]).toMatchObject({
        entity_ref: 'partnerintegration:default/acme-api',
        partner_ref: 'partner:default/acme',
        title: null,
        type: 'api',
        owner_ref: 'group:default/team-orders',
        environment: 'production',
        access_package: 'orders-read',
        hash: 'hash-acme-api-1',
        synced_at: T1,
        gone_at: null,
      });
      expect(JSON.parse(integrations[0].entity)).toEqual(api.entity);

      const identities = await identitiesOf(api.ref);
      expect(identities).toHaveLength(2);
      expect(identities[0]).toMatchObject({
        integration_ref: api.ref,
        name: 'orders-key',
        type: 'api-key',
        status: 'active',
        custodian_ref: 'user:default/sofia',
        environment: 'production',
        secret_ref: 'vault:kv/partners/orders-key',
        issued: '2026-01-10',
        last_rotated: '2026-06-01',
        rotation_days: 30,
        expires: '2027-01-10',
        last_used: '2026-11-20',
        gone_at: null,
      });
      expect(Boolean(identities[0].privileged)).toBe(true);
      expect(JSON.parse(identities[0].scopes)).toEqual(['orders:read']);
      expect(JSON.parse(identities[0].shared_with)).toEqual([
        'partnerintegration:acme-feed',
      ]);
      expect(identities[1]).toMatchObject({
        name: 'webhook',
        type: 'webhook-secret',
        status: 'suspended',
        custodian_ref: 'group:default/team-orders',
        environment: 'staging',
        secret_ref: null,
        rotation_days: null,
        expires: null,
        gone_at: null,
      });
      expect(Boolean(identities[1].privileged)).toBe(false);
      expect(JSON.parse(identities[1].scopes)).toEqual([]);
      expect(JSON.parse(identities[1].shared_with)).toEqual([]);

      await expect(accessesOf(api.ref)).resolves.toEqual([
        'api:default/orders',
        'component:default/orders-api',
      ]);
    });

    it('stores long free-text values the catalog accepts, on every database', async () => {
      // Valid entities whose values outgrow short varchar columns: a long
      // title, a timestamp with nanoseconds and an offset (the kinds' date
      // pattern allows any number of fraction digits), a long ARN and long
      // names. On PostgreSQL a too-narrow column would fail the whole sync.
      const longTitle = `Acme ${'very '.repeat(80)}long title`;
      const timestamp = '2026-03-01T10:00:00.123456789+05:30';
      const secretRef = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${'p/'.repeat(
        300,
      )}key`;
      const name = `identity-${'n'.repeat(300)}`;
      const accessPackage = `package-${'a'.repeat(300)}`;
      const owner = `group:default/${'o'.repeat(300)}`;
      const target = `component:default/${'t'.repeat(300)}`;

      const acme = partnerChange('acme');
      acme.entity.metadata.title = longTitle;
      acme.entity.spec.contract!.end = timestamp;
      acme.ownerRef = owner;
      const api = integrationChange('acme-api', {
        identities: [
          identity(name, {
            secretRef,
            issued: timestamp,
            lastRotated: timestamp,
            expires: timestamp,
            lastUsed: timestamp,
          }),
        ],
        accesses: [target],
        custodians: { [name]: owner },
      });
      api.entity.metadata.title = longTitle;
      api.entity.spec.accessPackage = accessPackage;
      api.ownerRef = owner;
      api.partnerRef = `partner:default/${'p'.repeat(300)}`;

      await store.apply(changes({ partners: [acme], integrations: [api] }));

      expect(await knex('partners').first()).toMatchObject({
        title: longTitle,
        contract_end: timestamp,
        owner_ref: owner,
      });
      expect(await knex('integrations').first()).toMatchObject({
        title: longTitle,
        access_package: accessPackage,
        owner_ref: owner,
        partner_ref: api.partnerRef,
      });
      expect(await knex('identities').first()).toMatchObject({
        name,
        secret_ref: secretRef,
        custodian_ref: owner,
        issued: timestamp,
        last_rotated: timestamp,
        expires: timestamp,
        last_used: timestamp,
      });
      await expect(accessesOf(api.ref)).resolves.toEqual([target]);

      // and the upsert by (integration, name) still finds the long name
      await store.apply(
        changes({
          now: T2,
          integrations: [{ ...api, hash: 'hash-acme-api-2' }],
        }),
      );
      expect(await knex('identities')).toHaveLength(1);
    });
  });
});
