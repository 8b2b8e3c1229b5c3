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

import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_PARTNERS_POLICY } from '@partner-governance/plugin-partners-common';
import { readPartnersBackendConfig } from './config';

const read = (partners: object = {}) =>
  readPartnersBackendConfig(new ConfigReader({ partners }));

describe('readPartnersBackendConfig', () => {
  it('has defaults for everything', () => {
    expect(readPartnersBackendConfig(new ConfigReader({}))).toEqual({
      partners: expect.objectContaining({ policy: DEFAULT_PARTNERS_POLICY }),
      syncSchedule: {
        frequency: { minutes: 5 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 15 },
      },
      maxGoneFraction: 0.5,
      notificationsEnabled: true,
      entityAccessCacheTtlMs: 5_000,
      identitySources: [],
      blastRadius: { defaultDepth: 2, maxDepth: 5 },
    });
  });

  it('reads how far a blast radius goes, and refuses depths it cannot use', () => {
    expect(read({ blastRadius: { maxDepth: 1 } }).blastRadius).toEqual({
      defaultDepth: 1,
      maxDepth: 1,
    });
    expect(
      read({ blastRadius: { defaultDepth: 0, maxDepth: 10 } }).blastRadius,
    ).toEqual({ defaultDepth: 0, maxDepth: 10 });
    expect(() => read({ blastRadius: { maxDepth: 11 } })).toThrow(
      'Invalid config at partners.blastRadius.maxDepth: must be an integer from 0 to 10, got 11',
    );
    expect(() => read({ blastRadius: { defaultDepth: 1.5 } })).toThrow(
      'Invalid config at partners.blastRadius.defaultDepth: must be an integer from 0 to 10, got 1.5',
    );
    expect(() =>
      read({ blastRadius: { defaultDepth: 4, maxDepth: 3 } }),
    ).toThrow(
      'Invalid config at partners.blastRadius.defaultDepth: must be at most partners.blastRadius.maxDepth (3), got 4',
    );
  });

  it('reads identity sources with their type, schedule and entry', () => {
    const [db, directory] = read({
      identitySources: {
        'partner-db': { type: 'postgres', rolePattern: '^partner_' },
        directory: {
          type: 'ldap',
          schedule: { frequency: { hours: 1 }, timeout: { minutes: 2 } },
        },
      },
    }).identitySources;
    expect(db).toMatchObject({
      id: 'partner-db',
      type: 'postgres',
      schedule: { frequency: { minutes: 15 }, timeout: { minutes: 10 } },
    });
    expect(db.config.getString('rolePattern')).toBe('^partner_');
    expect(directory).toMatchObject({
      id: 'directory',
      type: 'ldap',
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 2 } },
    });
    expect(() =>
      read({ identitySources: { 'partner-db': { rolePattern: 'x' } } }),
    ).toThrow(/partners\.identitySources\.partner-db\.type/);
    const longest = 'a'.repeat(63);
    expect(
      read({ identitySources: { [longest]: { type: 'ldap' } } })
        .identitySources[0].id,
    ).toBe(longest);
    for (const id of ['a'.repeat(64), '-db', 'db:x', 'db.x']) {
      expect(() =>
        read({ identitySources: { [id]: { type: 'ldap' } } }),
      ).toThrow('a source id is 1 to 63 letters');
    }
  });

  it('reads the share of the index a sync may mark gone, from 0 to 1', () => {
    const share = (value: unknown) =>
      read({ sync: { maxGoneFraction: value } }).maxGoneFraction;
    expect(share(0)).toBe(0);
    expect(share(1)).toBe(1);
    expect(share(0.25)).toBe(0.25);
    expect(() => share(1.5)).toThrow(
      'Invalid config at partners.sync.maxGoneFraction: must be a number from 0 to 1, got 1.5',
    );
    expect(() => share(-0.1)).toThrow(/partners\.sync\.maxGoneFraction/);
    expect(() => share('half')).toThrow(/partners\.sync\.maxGoneFraction/);
  });

  it('reads the sync schedule and the notifications switch', () => {
    const config = read({
      sync: { schedule: { frequency: { hours: 1 }, timeout: 'PT5M' } },
      notifications: { enabled: false },
      policy: { rotationMaxDays: 30 },
    });
    expect(config.syncSchedule).toEqual({
      frequency: { hours: 1 },
      timeout: { minutes: 5 },
    });
    expect(config.notificationsEnabled).toBe(false);
    expect(config.partners.policy.rotationMaxDays).toBe(30);
  });

  it('reads the access page TTL as a duration object or string, 0 for off', () => {
    const ttl = (value: unknown) =>
      read({ entityAccessCache: { ttl: value } }).entityAccessCacheTtlMs;
    expect(ttl({ minutes: 1 })).toBe(60_000);
    expect(ttl('PT2S')).toBe(2_000);
    expect(ttl('90s')).toBe(90_000);
    expect(ttl({ seconds: 0 })).toBe(0);
    expect(() => ttl('soon')).toThrow(
      "Invalid duration 'soon' in config at 'partners.entityAccessCache.ttl'",
    );
  });

  it('reads the partner register: where, which format, when, how much and which columns', () => {
    expect(
      read({ register: { target: 'exports/partners.CSV' } }).register,
    ).toEqual({
      target: 'exports/partners.CSV',
      location: { type: 'file', path: path.resolve('exports/partners.CSV') },
      format: 'csv',
      schedule: {
        frequency: { hours: 1 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 5 },
      },
      maxBytes: 10 * 1024 * 1024,
      columns: {
        partnerName: 'partner name',
        crmAccount: 'crm account',
        contractStart: 'contract start',
        contractEnd: 'contract end',
        status: 'status',
        renewalDate: 'renewal date',
        commercialOwner: 'commercial owner',
      },
    });
    const url = read({
      register: {
        target: 'https://crm.example/api/export?token=ref',
        format: 'json',
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
        maxBytes: 1000,
        columns: { partnerName: 'Account Name', crmAccount: 'Account ID' },
      },
    }).register!;
    expect(url).toMatchObject({
      location: {
        type: 'url',
        url: 'https://crm.example/api/export?token=ref',
      },
      format: 'json',
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
      maxBytes: 1000,
      columns: expect.objectContaining({
        partnerName: 'Account Name',
        crmAccount: 'Account ID',
        status: 'status',
      }),
    });
    expect(
      read({ register: { target: 'file:///srv/crm/partners.json' } }).register,
    ).toMatchObject({
      location: { type: 'file', path: '/srv/crm/partners.json' },
      format: 'json',
    });
    expect(read().register).toBeUndefined();
  });

  it.each([
    [{}, "Missing required config value at 'partners.register.target'"],
    [
      { target: 'https://crm.example/export' },
      "Invalid config at partners.register.format: the target's extension names no format; give format (csv or json)",
    ],
    [
      { target: 'p.csv', format: 'xlsx' },
      'Invalid config at partners.register.format: must be one of csv, json, got xlsx',
    ],
    [
      { target: 'ftp://crm.example/p.csv' },
      'Invalid config at partners.register.target: the URL reader reads http and https URLs, got ftp:',
    ],
    [
      { target: 'p.csv', maxBytes: 0 },
      'Invalid config at partners.register.maxBytes: must be a whole number of bytes from 1 to 104857600, got 0',
    ],
    [
      { target: 'p.csv', maxBytes: 200 * 1024 * 1024 },
      'Invalid config at partners.register.maxBytes: must be a whole number of bytes from 1 to 104857600',
    ],
    [
      { target: 'p.csv', columns: { status: '—' } },
      'Invalid config at partners.register.columns.status: a column header of 1 to 100 characters with a letter or digit',
    ],
    [
      { target: 'p.csv', columns: { renewalDate: 'Contract End' } },
      'Invalid config at partners.register.columns.renewalDate: names the same column as partners.register.columns.contractEnd',
    ],
  ])('refuses the register %j, naming the key', (register, message) => {
    expect(() => read({ register })).toThrow(message);
  });

  it('refuses a policy it cannot use, naming the key', () => {
    expect(() => read({ policy: { rotationMaxDays: 0 } })).toThrow(
      /rotationMaxDays/,
    );
    expect(() => read({ notifications: { enabled: 'sometimes' } })).toThrow(
      /partners\.notifications\.enabled/,
    );
  });
});
