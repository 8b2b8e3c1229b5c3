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

import { compilePartnerPattern, partnerOf } from './partnerPattern';

const KEY = 'partners.identitySources.partner-db.rolePattern';

describe('compilePartnerPattern', () => {
  it('compiles a pattern with a partner group, which names the partner', () => {
    const pattern = compilePartnerPattern(
      '^partner_(?<partner>[a-z0-9-]+)_',
      KEY,
    );
    expect(partnerOf(pattern, 'partner_lumen_reader')).toBe('lumen');
    expect(partnerOf(pattern, 'partner_acme-eu_sync')).toBe('acme-eu');
    expect(partnerOf(pattern, 'app_orders')).toBeUndefined();
    expect(partnerOf(pattern, 'partner__x')).toBeUndefined();
  });

  it('refuses a pattern without a partner group, naming the key', () => {
    expect(() => compilePartnerPattern('^partner_([a-z]+)_', KEY)).toThrow(
      `Invalid config at ${KEY}: the pattern needs a named group "partner"`,
    );
  });

  it('refuses what is not a regular expression', () => {
    expect(() =>
      compilePartnerPattern('^partner_(?<partner>[a-z', KEY),
    ).toThrow(`Invalid config at ${KEY}: not a regular expression`);
  });

  it('refuses a pattern that backtracks super-linearly', () => {
    expect(() =>
      compilePartnerPattern('^partner_(?<partner>([a-z]+)+)_$', KEY),
    ).toThrow(
      `Invalid config at ${KEY}: the pattern can backtrack super-linearly`,
    );
  });
});
