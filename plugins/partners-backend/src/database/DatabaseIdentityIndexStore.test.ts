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

import type {
  PartnerEntityV1alpha1,
  PartnerIdentity,
  PartnerIntegrationEntityV1alpha1,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
  NOT_NULL_VIOLATION,
} from '../__testUtils__/databases';
import { DatabaseIdentityIndexStore } from './DatabaseIdentityIndexStore';
import type { IndexChanges } from './IdentityIndexStore';

jest.setTimeout(90_000);

const T1 = '2026-11-01T08:00:00.000Z';
const T2 = '2026-11-02T08:00:00.000Z';
const T3 = '2026-11-03T08:00:00.000Z';

type PartnerChange = IndexChanges['partners'][number];
type IntegrationChange = IndexChanges['integrations'][number];

function partnerChange(
  name: string,
  options: { hash?: string; stage?: 'enablement' | 'offboarding' } = {},
): PartnerChange {
  const entity: PartnerEntityV1alpha1 = {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'Partner',
    metadata: { name, namespace: 'default', title: `Partner ${name}` },
    spec: {
      type: 'integrator',
      owner: 'group:partner-operations',
      lifecycle: { stage: options.stage ?? 'enablement' },
      risk: { tier: 'medium' },
      contract: { end: '2027-06-30', status: 'active' },
    },
  };
  return {
    entity,
    ref: `partner:default/${name}`,
    ownerRef: 'group:default/partner-operations',
    hash: options.hash ?? `hash-${name}-1`,
  };
}

function identity(
  name: string,
  overrides: Partial<PartnerIdentity> = {},
): PartnerIdentity {
  return {
    name,
    type: 'api-key',
    scopes: ['orders:read'],
    secretRef: `vault:kv/partners/${name}`,
    issued: '2026-01-10',
    lastUsed: '2026-11-20',
    ...overrides,
  };
}

function integrationChange(
  name: string,
  options: {
    partner?: string;
    hash?: string;
    identities?: PartnerIdentity[];
    accesses?: string[];
    custodians?: Record<string, string>;
  } = {},
): IntegrationChange {
  const partner = options.partner ?? 'acme';
  const identities = options.identities ?? [identity(`${name}-key`)];
  const entity: PartnerIntegrationEntityV1alpha1 = {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'PartnerIntegration',
    metadata: { name, namespace: 'default' },
    spec: {
      partner: `partner:${partner}`,
      type: 'api',
      owner: 'group:team-orders',
      environment: 'production',
      accessPackage: 'orders-read',
      accesses: options.accesses ?? ['component:orders-api'],
      identities,
    },
  };
  return {
    entity,
    ref: `partnerintegration:default/${name}`,
    partnerRef: `partner:default/${partner}`,
    ownerRef: 'group:default/team-orders',
    accesses: (options.accesses ?? ['component:orders-api']).map(target =>
      target.replace(/^(\w+):(?!default\/)/, '$1:default/'),
    ),
    custodians: new Map(
      identities.map(i => [
        i.name,
        options.custodians?.[i.name] ?? 'group:default/team-orders',
      ]),
    ),
    hash: options.hash ?? `hash-${name}-1`,
  };
}

function changes(partial: Partial<IndexChanges>): IndexChanges {
  return {
    partners: [],
    integrations: [],
    gonePartners: [],
    goneIntegrations: [],
    now: T1,
    ...partial,
  };
}

describe('DatabaseIdentityIndexStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseIdentityIndexStore;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      store = await DatabaseIdentityIndexStore.create({
        database: created.database,
      });
    });

    const identitiesOf = (integrationRef: string) =>
      knex('identities')
        .where('integration_ref', integrationRef)
        .orderBy('name');
    const accessesOf = async (integrationRef: string) =>
      (
        await knex('integration_accesses')
          .where('integration_ref', integrationRef)
          .orderBy('target_ref')
      ).map(row => row.target_ref);

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

    it('upserts identities of a changed integration, keeping their ids, marking removed ones gone and replacing accesses', async () => {
      await store.apply(
        changes({
          partners: [partnerChange('acme')],
          integrations: [
            integrationChange('acme-api', {
              identities: [
                identity('alpha'),
                identity('beta'),
                identity('gamma'),
              ],
              accesses: ['component:orders-api', 'api:orders'],
            }),
            integrationChange('acme-feed', {
              identities: [identity('alpha')],
              accesses: ['component:orders-api'],
            }),
          ],
        }),
      );
      const before = await identitiesOf('partnerintegration:default/acme-api');
      const idBefore = new Map(before.map(row => [row.name, String(row.id)]));
      const feedBefore = await identitiesOf(
        'partnerintegration:default/acme-feed',
      );

      const written = await store.apply(
        changes({
          now: T2,
          integrations: [
            integrationChange('acme-api', {
              hash: 'hash-acme-api-2',
              identities: [
                identity('alpha', { lastUsed: '2026-11-30' }),
                identity('gamma'),
                identity('delta'),
              ],
              accesses: ['api:orders', 'resource:orders-db'],
            }),
          ],
        }),
      );
      // 1 integration + 3 identities upserted + 1 marked gone + 2 accesses
      expect(written).toBe(7);

      const after = await identitiesOf('partnerintegration:default/acme-api');
      expect(after.map(row => [row.name, row.gone_at])).toEqual([
        ['alpha', null],
        ['beta', T2],
        ['delta', null],
        ['gamma', null],
      ]);
      for (const name of ['alpha', 'beta', 'gamma']) {
        expect(String(after.find(row => row.name === name).id)).toBe(
          idBefore.get(name),
        );
      }
      expect(idBefore.has('delta')).toBe(false);
      expect(after.find(row => row.name === 'alpha').last_used).toBe(
        '2026-11-30',
      );
      // the removed identity keeps what it last was
      expect(after.find(row => row.name === 'beta')).toMatchObject({
        secret_ref: 'vault:kv/partners/beta',
        last_used: '2026-11-20',
      });

      await expect(
        accessesOf('partnerintegration:default/acme-api'),
      ).resolves.toEqual(['api:default/orders', 'resource:default/orders-db']);
      // the other integration, and its identity of the same name, are untouched
      await expect(
        identitiesOf('partnerintegration:default/acme-feed'),
      ).resolves.toEqual(feedBefore);
      await expect(
        accessesOf('partnerintegration:default/acme-feed'),
      ).resolves.toEqual(['component:default/orders-api']);

      const integration = await knex('integrations')
        .where('entity_ref', 'partnerintegration:default/acme-api')
        .first();
      expect(integration).toMatchObject({
        hash: 'hash-acme-api-2',
        synced_at: T2,
      });

      // an identity that comes back is live again, with its old id
      await store.apply(
        changes({
          now: T3,
          integrations: [
            integrationChange('acme-api', {
              hash: 'hash-acme-api-3',
              identities: [identity('beta')],
              accesses: [],
            }),
          ],
        }),
      );
      const third = await identitiesOf('partnerintegration:default/acme-api');
      expect(third.map(row => [row.name, row.gone_at])).toEqual([
        ['alpha', T3],
        ['beta', null],
        ['delta', T3],
        ['gamma', T3],
      ]);
      expect(String(third.find(row => row.name === 'beta').id)).toBe(
        idBefore.get('beta'),
      );
      await expect(
        accessesOf('partnerintegration:default/acme-api'),
      ).resolves.toEqual([]);
    });

    it('marks every identity gone when an integration is left with none', async () => {
      await store.apply(
        changes({
          integrations: [
            integrationChange('acme-api', {
              identities: [identity('alpha'), identity('beta')],
            }),
          ],
        }),
      );
      const written = await store.apply(
        changes({
          now: T2,
          integrations: [
            integrationChange('acme-api', {
              hash: 'hash-acme-api-2',
              identities: [],
              accesses: [],
            }),
          ],
        }),
      );
      // 1 integration + 2 identities marked gone
      expect(written).toBe(3);
      const rows = await identitiesOf('partnerintegration:default/acme-api');
      expect(rows.map(row => row.gone_at)).toEqual([T2, T2]);
    });

    it('marks gone partners, integrations and their identities without deleting rows', async () => {
      await store.apply(
        changes({
          partners: [partnerChange('acme'), partnerChange('globex')],
          integrations: [
            integrationChange('acme-api', {
              identities: [identity('alpha'), identity('beta')],
            }),
            integrationChange('globex-api', {
              partner: 'globex',
              identities: [identity('alpha')],
            }),
          ],
        }),
      );
      // an identity removed earlier keeps the time it went
      await store.apply(
        changes({
          now: T2,
          integrations: [
            integrationChange('acme-api', {
              hash: 'hash-acme-api-2',
              identities: [identity('alpha')],
            }),
          ],
        }),
      );

      const written = await store.apply(
        changes({
          now: T3,
          gonePartners: ['partner:default/acme'],
          goneIntegrations: ['partnerintegration:default/acme-api'],
        }),
      );
      // 1 partner + 1 integration + 1 live identity
      expect(written).toBe(3);

      expect(
        await knex('partners')
          .select('entity_ref', 'gone_at')
          .orderBy('entity_ref'),
      ).toEqual([
        { entity_ref: 'partner:default/acme', gone_at: T3 },
        { entity_ref: 'partner:default/globex', gone_at: null },
      ]);
      expect(
        await knex('integrations')
          .select('entity_ref', 'gone_at')
          .orderBy('entity_ref'),
      ).toEqual([
        { entity_ref: 'partnerintegration:default/acme-api', gone_at: T3 },
        { entity_ref: 'partnerintegration:default/globex-api', gone_at: null },
      ]);
      expect(
        (await identitiesOf('partnerintegration:default/acme-api')).map(row => [
          row.name,
          row.gone_at,
        ]),
      ).toEqual([
        ['alpha', T3],
        ['beta', T2],
      ]);
      expect(
        (await identitiesOf('partnerintegration:default/globex-api')).map(
          row => row.gone_at,
        ),
      ).toEqual([null]);
      // accesses stay with the gone integration, for the audit trail
      await expect(
        accessesOf('partnerintegration:default/acme-api'),
      ).resolves.toEqual(['component:default/orders-api']);

      const states = await store.getStates();
      expect(states.partners.get('partner:default/acme')).toEqual({
        hash: 'hash-acme-1',
        gone: true,
      });
      expect(
        states.integrations.get('partnerintegration:default/acme-api'),
      ).toEqual({ hash: 'hash-acme-api-2', gone: true });

      // coming back clears gone_at on the entity and its current identities
      await store.apply(
        changes({
          now: T3,
          partners: [partnerChange('acme')],
          integrations: [
            integrationChange('acme-api', {
              hash: 'hash-acme-api-2',
              identities: [identity('alpha')],
            }),
          ],
        }),
      );
      expect(
        (await knex('partners').whereNotNull('gone_at')).map(r => r.entity_ref),
      ).toEqual([]);
      expect(
        (await identitiesOf('partnerintegration:default/acme-api')).map(row => [
          row.name,
          row.gone_at,
        ]),
      ).toEqual([
        ['alpha', null],
        ['beta', T2],
      ]);
    });

    it('reports hashes and gone states, and lists only live entities', async () => {
      const acme = partnerChange('acme', { hash: 'a'.repeat(64) });
      const globex = partnerChange('globex', { hash: 'b'.repeat(64) });
      const api = integrationChange('acme-api', { hash: 'c'.repeat(64) });
      const feed = integrationChange('globex-feed', {
        partner: 'globex',
        hash: 'd'.repeat(64),
      });
      await store.apply(
        changes({ partners: [acme, globex], integrations: [api, feed] }),
      );

      let states = await store.getStates();
      expect(Object.fromEntries(states.partners)).toEqual({
        'partner:default/acme': { hash: 'a'.repeat(64), gone: false },
        'partner:default/globex': { hash: 'b'.repeat(64), gone: false },
      });
      expect(Object.fromEntries(states.integrations)).toEqual({
        'partnerintegration:default/acme-api': {
          hash: 'c'.repeat(64),
          gone: false,
        },
        'partnerintegration:default/globex-feed': {
          hash: 'd'.repeat(64),
          gone: false,
        },
      });
      const byName = (entities: Array<{ metadata: { name: string } }>) =>
        [...entities].sort((a, b) =>
          a.metadata.name.localeCompare(b.metadata.name),
        );
      expect(byName(await store.listLiveEntities())).toEqual([
        acme.entity,
        api.entity,
        globex.entity,
        feed.entity,
      ]);

      await store.apply(
        changes({
          now: T2,
          gonePartners: ['partner:default/globex'],
          goneIntegrations: ['partnerintegration:default/globex-feed'],
        }),
      );
      states = await store.getStates();
      expect(states.partners.get('partner:default/globex')).toEqual({
        hash: 'b'.repeat(64),
        gone: true,
      });
      expect(
        states.integrations.get('partnerintegration:default/globex-feed'),
      ).toEqual({ hash: 'd'.repeat(64), gone: true });
      expect(states.partners.get('partner:default/acme')?.gone).toBe(false);
      expect(byName(await store.listLiveEntities())).toEqual([
        acme.entity,
        api.entity,
      ]);
    });

    it('writes more rows than one batch holds', async () => {
      const partners = Array.from({ length: 600 }, (_, i) =>
        partnerChange(`partner-${String(i).padStart(3, '0')}`),
      );
      const identities = Array.from({ length: 120 }, (_, i) =>
        identity(`identity-${String(i).padStart(3, '0')}`),
      );
      const accesses = Array.from(
        { length: 120 },
        (_, i) => `component:service-${String(i).padStart(3, '0')}`,
      );
      const integrations = [
        integrationChange('big-api', {
          partner: 'partner-000',
          identities,
          accesses,
        }),
        ...Array.from({ length: 75 }, (_, i) =>
          integrationChange(`small-${String(i).padStart(3, '0')}`),
        ),
      ];

      const written = await store.apply(changes({ partners, integrations }));
      // 600 partners + 76 integrations + (120 + 75) identities + (120 + 75) accesses
      expect(written).toBe(600 + 76 + 195 + 195);
      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      expect(await count('partners')).toBe(600);
      expect(await count('integrations')).toBe(76);
      expect(await count('identities')).toBe(195);
      expect(await count('integration_accesses')).toBe(195);

      // changing the big integration: 100 kept, 20 gone, 30 new
      const ids = new Map(
        (await identitiesOf('partnerintegration:default/big-api')).map(row => [
          row.name,
          String(row.id),
        ]),
      );
      const next = [
        ...identities.slice(20),
        ...Array.from({ length: 30 }, (_, i) =>
          identity(`identity-new-${String(i).padStart(3, '0')}`),
        ),
      ];
      await store.apply(
        changes({
          now: T2,
          integrations: [
            integrationChange('big-api', {
              partner: 'partner-000',
              hash: 'hash-big-api-2',
              identities: next,
              accesses: accesses.slice(60),
            }),
          ],
        }),
      );
      const rows = await identitiesOf('partnerintegration:default/big-api');
      expect(rows).toHaveLength(150);
      expect(rows.filter(row => row.gone_at === T2)).toHaveLength(20);
      expect(rows.filter(row => row.gone_at === null)).toHaveLength(130);
      const kept = rows.filter(row => ids.has(row.name));
      expect(kept).toHaveLength(120);
      expect(kept.map(row => String(row.id))).toEqual(
        kept.map(row => ids.get(row.name)),
      );
      expect(
        await accessesOf('partnerintegration:default/big-api'),
      ).toHaveLength(60);

      // all 600 partners gone at once
      const goneWritten = await store.apply(
        changes({
          now: T3,
          gonePartners: partners.map(p => p.ref),
        }),
      );
      expect(goneWritten).toBe(600);
      const states = await store.getStates();
      expect([...states.partners.values()].every(s => s.gone)).toBe(true);
      expect(await count('partners')).toBe(600);
      expect(await store.listLiveEntities()).toHaveLength(76);
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

    it('writes nothing when a change fails half-way', async () => {
      await store.apply(
        changes({
          partners: [partnerChange('acme')],
          integrations: [integrationChange('acme-api')],
        }),
      );
      const dump = async () => ({
        partners: await knex('partners').orderBy('entity_ref'),
        integrations: await knex('integrations').orderBy('entity_ref'),
        identities: await knex('identities').orderBy('name'),
        accesses: await knex('integration_accesses').orderBy('target_ref'),
      });
      const before = await dump();

      const broken = integrationChange('broken-api');
      // a NOT NULL column left empty: the integrations insert fails after the
      // partner was already written in the same transaction
      (broken.entity.spec as any).type = undefined;
      await expect(
        store.apply(
          changes({
            now: T2,
            partners: [partnerChange('acme', { hash: 'hash-acme-2' })],
            integrations: [
              integrationChange('acme-api', {
                hash: 'hash-acme-api-2',
                identities: [],
              }),
              broken,
            ],
            goneIntegrations: [],
          }),
        ),
      ).rejects.toMatchObject({
        message: expect.stringMatching(NOT_NULL_VIOLATION),
      });
      expect(await dump()).toEqual(before);
    });
  });
});
