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

import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { IdentitySource } from '@partner-governance/plugin-partners-node';
import { observeAll } from '@partner-governance/plugin-partners-node/testUtils';
import { Attribute, Change, Client } from 'ldapts';
import { startTestDirectory, type TestDirectory } from './__testUtils__/slapd';
// The end-to-end test runs the source in the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  partnerEntities,
  startPartnersTestBackend,
} from '@partner-governance/plugin-partners-backend/testUtils';
import {
  ldapIdentitySourceFactory,
  partnersModuleLdapIdentitySource,
} from './module';

jest.setTimeout(120_000);

/** Passwords of the service accounts; none may show in an error. */
const SERVICE_PASSWORD = ['lumen', 'Q7#', 'wx9', '!pass'].join('-');
const WRONG_PASSWORD = ['nope', 'K3#', 'zz8'].join('-');

/*
 * Against OpenLDAP's slapd, started for these tests in a directory of their
 * own. Without slapd on the machine the test command says the LDAP runs are
 * skipped.
 */
const onSlapd = process.env.PARTNERS_TEST_SKIP_SLAPD ? describe.skip : describe;

onSlapd('the ldap source', () => {
  let directory: TestDirectory;
  let admin: Client;
  const partners = (dn: string) => `${dn},ou=partners,${directory.baseDn}`;

  const add = (dn: string, attributes: Record<string, string | string[]>) =>
    admin.add(dn, attributes);

  const bindAs = async (dn: string, password: string) => {
    const client = new Client({ url: directory.url });
    try {
      await client.bind(dn, password);
    } finally {
      await client.unbind();
    }
  };

  const create = (entry: Record<string, unknown> = {}) =>
    ldapIdentitySourceFactory.create({
      id: 'directory',
      config: new ConfigReader({
        type: 'ldap',
        url: directory.url,
        bindDn: directory.adminDn,
        bindPassword: directory.adminPassword,
        baseDn: `ou=partners,${directory.baseDn}`,
        filter: '(objectClass=inetOrgPerson)',
        partnerAttribute: 'o',
        ...entry,
      }),
      logger: mockServices.logger.mock(),
      urlReader: mockServices.urlReader.mock(),
    }) as IdentitySource;

  const account = (uid: string, extra: Record<string, string> = {}) =>
    add(partners(`uid=${uid}`), {
      objectClass: 'inetOrgPerson',
      uid,
      cn: uid,
      sn: uid,
      userPassword: SERVICE_PASSWORD,
      ...extra,
    });

  beforeAll(async () => {
    directory = await startTestDirectory();
    admin = new Client({ url: directory.url });
    await admin.bind(directory.adminDn, directory.adminPassword);
    await add(directory.baseDn, {
      objectClass: ['dcObject', 'organization'],
      o: 'example',
      dc: 'example',
    });
    await add(`ou=policies,${directory.baseDn}`, {
      objectClass: 'organizationalUnit',
      ou: 'policies',
    });
    await add(`cn=default,ou=policies,${directory.baseDn}`, {
      objectClass: ['person', 'pwdPolicy'],
      cn: 'default',
      sn: 'default',
      pwdAttribute: 'userPassword',
      pwdLockout: 'TRUE',
    });
    await add(`ou=partners,${directory.baseDn}`, {
      objectClass: 'organizationalUnit',
      ou: 'partners',
    });
    await account('svc-lumen', { o: 'lumen' });
    await account('svc-acme', { o: 'acme' });
    await account('svc-internal');
    await add(partners('ou=archive'), {
      objectClass: 'organizationalUnit',
      ou: 'archive',
    });
    await add(`uid=svc-outside,${directory.baseDn}`, {
      objectClass: 'inetOrgPerson',
      uid: 'svc-outside',
      cn: 'svc-outside',
      sn: 'svc-outside',
      o: 'lumen',
    });
    // a password change, a bind, and a lock
    await admin.modify(
      partners('uid=svc-lumen'),
      new Change({
        operation: 'replace',
        modification: new Attribute({
          type: 'userPassword',
          values: [SERVICE_PASSWORD],
        }),
      }),
    );
    await bindAs(partners('uid=svc-lumen'), SERVICE_PASSWORD);
    await admin.modify(
      partners('uid=svc-acme'),
      new Change({
        operation: 'replace',
        modification: new Attribute({
          type: 'pwdAccountLockedTime',
          values: ['000001010000Z'],
        }),
      }),
    );
  });

  afterAll(async () => {
    await admin?.unbind();
    await directory?.stop();
  });

  it('observes the accounts its filter selects under its base, with rotation, last bind and lock', async () => {
    const [page, ...more] = await observeAll(create());
    expect(more).toEqual([]);
    const iso = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    expect(page).toEqual([
      {
        externalId: partners('uid=svc-lumen'),
        type: 'service-account',
        name: 'svc-lumen',
        partner: 'lumen',
        scopes: [],
        created: iso,
        lastRotated: iso,
        lastUsed: iso,
        status: 'active',
      },
      {
        externalId: partners('uid=svc-acme'),
        type: 'service-account',
        name: 'svc-acme',
        partner: 'acme',
        scopes: [],
        created: iso,
        status: 'disabled',
      },
      {
        externalId: partners('uid=svc-internal'),
        type: 'service-account',
        name: 'svc-internal',
        scopes: [],
        created: iso,
        status: 'active',
      },
    ]);
  });

  it('revokes by locking the account: it can no longer bind', async () => {
    await account('svc-lumen-2', { o: 'lumen' });
    await bindAs(partners('uid=svc-lumen-2'), SERVICE_PASSWORD);
    const source = create();
    await source.revoke!(partners('uid=svc-lumen-2'));
    await expect(
      bindAs(partners('uid=svc-lumen-2'), SERVICE_PASSWORD),
    ).rejects.toMatchObject({ name: 'InvalidCredentialsError', code: 49 });
    const observed = (await observeAll(source)).flat();
    expect(
      observed.find(i => i.externalId === partners('uid=svc-lumen-2'))?.status,
    ).toBe('disabled');
  });

  it('acts on no entry outside its base or its filter', async () => {
    const source = create();
    for (const dn of [
      `uid=svc-outside,${directory.baseDn}`,
      partners('ou=archive'),
      partners('uid=nobody'),
    ]) {
      await expect(source.revoke!(dn)).rejects.toThrow(
        'Source directory acts only on accounts under its base DN that its filter selects',
      );
    }
    await bindAs(partners('uid=svc-lumen'), SERVICE_PASSWORD);
  });

  it('yields pages of at most 500 accounts', async () => {
    await add(partners('ou=bulk'), {
      objectClass: 'organizationalUnit',
      ou: 'bulk',
    });
    for (let i = 0; i < 501; i++) {
      await add(partners(`uid=bulk-${i},ou=bulk`), {
        objectClass: 'inetOrgPerson',
        uid: `bulk-${i}`,
        cn: `bulk-${i}`,
        sn: 'bulk',
      });
    }
    const pages = await observeAll(create({ baseDn: partners('ou=bulk') }));
    expect(pages.map(p => p.length)).toEqual([500, 1]);
  });

  it('fails a run it cannot bind for, without the password in the error', async () => {
    const source = create({ bindPassword: WRONG_PASSWORD });
    const error = await observeAll(source).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toBe(
      `Cannot bind to ${directory.url} as ${directory.adminDn}: InvalidCredentialsError (code 49)`,
    );
    expect(error?.message).not.toContain(WRONG_PASSWORD);
  });

  it('revokes through the partners backend, and its next run verifies the offboarding item', async () => {
    await account('svc-leaving', { o: 'leaving' });
    const dn = partners('uid=svc-leaving');
    const backend = await startPartnersTestBackend({
      features: [partnersModuleLdapIdentitySource],
      entities: partnerEntities({
        partner: 'leaving',
        identities: [{ name: 'sync-account', observedAs: `directory:${dn}` }],
      }),
      identitySources: {
        directory: {
          type: 'ldap',
          url: directory.url,
          bindDn: directory.adminDn,
          bindPassword: directory.adminPassword,
          baseDn: `ou=partners,${directory.baseDn}`,
          filter: '(uid=svc-leaving)',
          partnerAttribute: 'o',
        },
      },
    });
    try {
      await backend.runTask('partners-identity-source-directory');
      await backend.runTask('partners-index-sync');
      const [item] = await backend.offboardingItems('partner:default/leaving');
      expect(item).toMatchObject({
        identity: 'sync-account',
        status: 'pending',
        revocableThrough: 'directory',
      });

      const revoked = await backend.fetch(
        `/offboarding/items/${item.id}/revoke`,
        { method: 'POST' },
      );
      expect(revoked.status).toBe(200);
      await expect(bindAs(dn, SERVICE_PASSWORD)).rejects.toThrow();

      await backend.runTask('partners-identity-source-directory');
      const [verified] = await backend.offboardingItems(
        'partner:default/leaving',
      );
      expect(verified).toMatchObject({
        status: 'done',
        revocation: { state: 'verified' },
      });
      expect(verified.evidence).toContain(`observed ${dn} disabled`);
    } finally {
      await backend.stop();
    }
  });
});
