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

import type { Entity } from '@backstage/catalog-model';
import fc from 'fast-check';
import {
  lookupOf,
  nameKey,
  partnerKeysOf,
  registerRowFor,
  ungovernedRefOf,
  type RegisterRow,
} from './registerKeys';

const row = (partnerName: string, crmAccount?: string): RegisterRow => ({
  row: 2,
  partnerName,
  nameKey: nameKey(partnerName),
  ...(crmAccount && { crmAccount }),
  status: 'active',
  contractStatus: 'active',
});

const partner = (
  name: string,
  extra: { title?: string; crm?: string } = {},
): Entity => ({
  apiVersion: 'partners.governance.dev/v1alpha1',
  kind: 'Partner',
  metadata: {
    name,
    ...(extra.title && { title: extra.title }),
    ...(extra.crm && {
      annotations: { 'partners.governance.dev/crm-account': extra.crm },
    }),
  },
});

describe('nameKey', () => {
  it.each([
    ['Ashcombe Hosting', 'ashcombe-hosting'],
    ['ashcombe-hosting', 'ashcombe-hosting'],
    ['  ASHCOMBE__Hosting!! ', 'ashcombe-hosting'],
    ['Marlow, Finch & Co', 'marlow-finch-co'],
    ['Zürich Partners', 'zürich-partners'],
    ['  Zürich -- Partners_ ', 'zürich-partners'],
    ['Straße & Söhne', 'straße-söhne'],
    ['---', ''],
    ['-a-', 'a'],
    ['', ''],
  ])('%p is %p', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it('is the runs of letters and digits in lower case, joined by "-", for any text', () => {
    // ASCII names take a shorter way than the others: both must agree
    // with this
    const expected = (name: string) =>
      name
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(part => part !== '')
        .join('-');
    const text = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.stringMatching(/^[A-Za-z0-9 _-]{0,40}$/),
    );
    fc.assert(
      fc.property(text, name => {
        expect(nameKey(name)).toBe(expected(name));
      }),
      { numRuns: 500 },
    );
  });
});

describe('registerRowFor', () => {
  const rows = [
    row('Ashcombe Hosting', 'KBP-1080'),
    row('Tidewell Commerce'),
    row('Other Name', 'KBP-1012'),
    row('Corvid Works', 'KBP-2000'),
  ];
  const find = (entity: Entity) =>
    registerRowFor(partnerKeysOf(entity), lookupOf(rows))?.partnerName;

  it('matches by the CRM account the annotation names, before any name', () => {
    expect(find(partner('tidewell-commerce', { crm: 'kbp-1012' }))).toBe(
      'Other Name',
    );
  });

  it('matches by name, then by title, as keys', () => {
    expect(find(partner('ashcombe-hosting'))).toBe('Ashcombe Hosting');
    expect(find(partner('ash', { title: 'Ashcombe  HOSTING' }))).toBe(
      'Ashcombe Hosting',
    );
    expect(find(partner('tidewell-commerce', { crm: 'KBP-9' }))).toBe(
      'Tidewell Commerce',
    );
  });

  it('does not match a row by name when it names another CRM account', () => {
    expect(find(partner('corvid-works', { crm: 'KBP-3000' }))).toBeUndefined();
    expect(find(partner('corvid-works'))).toBe('Corvid Works');
  });

  it('matches nothing for a partner the register does not list', () => {
    expect(find(partner('lindenway-support', { crm: 'KBP-1093' }))).toBe(
      undefined,
    );
  });
});

describe('ungovernedRefOf', () => {
  it('files a register row under the ref a Partner of its name would have', () => {
    expect(ungovernedRefOf('thornbury-analytics')).toBe(
      'partner:default/thornbury-analytics',
    );
  });

  it('cuts a key longer than an entity name, ending it in a hash so two never meet', () => {
    const a = ungovernedRefOf(`${'a'.repeat(70)}-one`);
    const b = ungovernedRefOf(`${'a'.repeat(70)}-two`);
    expect(a).not.toBe(b);
    for (const ref of [a, b]) {
      const name = ref.slice('partner:default/'.length);
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(/^a+-[0-9a-f]{8}$/);
    }
  });
});
