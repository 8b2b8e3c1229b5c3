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

import {
  pagesOf,
  partnersIdentitySourcesExtensionPoint,
  type IdentitySource,
  type IdentitySourceFactory,
  type ObservedIdentity,
} from '@partner-governance/plugin-partners-node';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Attribute, Change, Client, type Entry } from 'ldapts';
import { DateTime } from 'luxon';

const PAGE_SIZE = 500;

/** What ppolicy writes to lock an account until an administrator unlocks it. */
const LOCKED_FOR_GOOD = '000001010000Z';

/** The operational attributes the source reads, besides the partner's. */
const ATTRIBUTES = [
  'uid',
  'cn',
  'createTimestamp',
  'pwdChangedTime',
  'authTimestamp',
  'pwdAccountLockedTime',
];

interface LdapOptions {
  url: string;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  filter: string;
  partnerAttribute: string;
}

/** An LDAP error as its result name and code (ldapts's messages say little). */
function reasonOf(error: unknown): string {
  const { name, code } = error as { name?: string; code?: number };
  return code === undefined ? String(name ?? error) : `${name} (code ${code})`;
}

/** An attribute's first value as text, if the entry has it. */
function first(entry: Entry, attribute: string): string | undefined {
  const value = entry[attribute];
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined) {
    return undefined;
  }
  return Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
}

/** A generalized time (`20261207135408Z`, maybe with a fraction) as ISO-8601. */
function isoOf(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const time = DateTime.fromFormat(
    value.replace(/\.\d+(?=Z$)/, ''),
    "yyyyMMddHHmmss'Z'",
    { zone: 'utc' },
  );
  return time.isValid ? time.toISO() ?? undefined : undefined;
}

/**
 * Service accounts of an LDAP directory (OpenLDAP with the ppolicy and
 * lastbind overlays): the entries under `baseDn` that `filter` selects,
 * attributed to the partner `partnerAttribute` names, with `pwdChangedTime`
 * as the last rotation, `authTimestamp` as the last use and
 * `pwdAccountLockedTime` as disabled. Revoking locks the account.
 */
class LdapIdentitySource implements IdentitySource {
  constructor(readonly id: string, private readonly options: LdapOptions) {}

  private async withClient<T>(use: (client: Client) => Promise<T>) {
    const client = new Client({
      url: this.options.url,
      timeout: 60_000,
      connectTimeout: 10_000,
    });
    try {
      await client.bind(this.options.bindDn, this.options.bindPassword);
    } catch (error) {
      await client.unbind().catch(() => undefined);
      throw new Error(
        `Cannot bind to ${this.options.url} as ${
          this.options.bindDn
        }: ${reasonOf(error)}`,
      );
    }
    try {
      return await use(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  async *observe(): AsyncIterable<ObservedIdentity[]> {
    const { baseDn, filter, partnerAttribute } = this.options;
    const { searchEntries } = await this.withClient(client =>
      client.search(baseDn, {
        scope: 'sub',
        filter,
        attributes: [partnerAttribute, ...ATTRIBUTES],
        paged: { pageSize: PAGE_SIZE },
      }),
    );
    const observed = searchEntries.map((entry): ObservedIdentity => {
      const partner = first(entry, partnerAttribute);
      const created = isoOf(first(entry, 'createTimestamp'));
      const lastRotated = isoOf(first(entry, 'pwdChangedTime'));
      const lastUsed = isoOf(first(entry, 'authTimestamp'));
      return {
        externalId: entry.dn,
        type: 'service-account',
        name: first(entry, 'uid') ?? first(entry, 'cn') ?? entry.dn,
        ...(partner && { partner }),
        scopes: [],
        ...(created && { created }),
        ...(lastRotated && { lastRotated }),
        ...(lastUsed && { lastUsed }),
        status:
          first(entry, 'pwdAccountLockedTime') === undefined
            ? 'active'
            : 'disabled',
      };
    });
    yield* pagesOf(observed, PAGE_SIZE);
  }

  /** Locks the account (ppolicy's pwdAccountLockedTime), for good. */
  async revoke(externalId: string): Promise<void> {
    const { baseDn, filter } = this.options;
    await this.withClient(async client => {
      let entries: Entry[] = [];
      try {
        ({ searchEntries: entries } = await client.search(externalId, {
          scope: 'base',
          filter,
          attributes: ['dn'],
        }));
      } catch {
        entries = [];
      }
      const [entry] = entries;
      if (
        !entry ||
        !entry.dn.toLowerCase().endsWith(`,${baseDn.toLowerCase()}`)
      ) {
        throw new Error(
          `Source ${this.id} acts only on accounts under its base DN that its filter selects`,
        );
      }
      await client.modify(
        entry.dn,
        new Change({
          operation: 'replace',
          modification: new Attribute({
            type: 'pwdAccountLockedTime',
            values: [LOCKED_FOR_GOOD],
          }),
        }),
      );
    });
  }
}

/** The `ldap` type of identity source. */
export const ldapIdentitySourceFactory: IdentitySourceFactory = {
  type: 'ldap',
  create({ id, config }) {
    return new LdapIdentitySource(id, {
      url: config.getString('url'),
      bindDn: config.getString('bindDn'),
      bindPassword: config.getString('bindPassword'),
      baseDn: config.getString('baseDn'),
      filter: config.getOptionalString('filter') ?? '(objectClass=*)',
      partnerAttribute: config.getString('partnerAttribute'),
    });
  },
};

/**
 * Adds the `ldap` identity source type to the partners backend: service
 * accounts of a directory, locked to revoke.
 *
 * @public
 */
export const partnersModuleLdapIdentitySource = createBackendModule({
  pluginId: 'partners',
  moduleId: 'ldap-identity-source',
  register(env) {
    env.registerInit({
      deps: { sources: partnersIdentitySourcesExtensionPoint },
      async init({ sources }) {
        sources.addIdentitySourceFactory(ldapIdentitySourceFactory);
      },
    });
  },
});
