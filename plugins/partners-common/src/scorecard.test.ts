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

import type { PartnerIdentity } from './kinds/PartnerIntegrationEntityV1alpha1';
import { RULE_IDS } from './rules/registry';
import { computeScorecard } from './scorecard';

const NOW = new Date('2026-11-20T00:00:00Z');

const INCIDENTS = [
  { date: '2026-06-01', severity: 'low', summary: 'within the year' },
  { date: '2025-11-20', severity: 'low', summary: 'a year ago to the day' },
  { date: '2025-11-19', severity: 'low', summary: 'older' },
  { date: '2026-11-21', severity: 'low', summary: 'dated tomorrow' },
];

const IDENTITIES: PartnerIdentity[] = [
  { name: 'used', type: 'api-key', lastUsed: '2026-11-01' },
  { name: 'used-30-days-ago', type: 'api-key', lastUsed: '2026-10-21' },
  { name: 'unused-31-days', type: 'api-key', lastUsed: '2026-10-20' },
  { name: 'never-used', type: 'token' },
  { name: 'revoked', type: 'token', status: 'revoked', lastUsed: '2026-11-19' },
  {
    name: 'suspended',
    type: 'token',
    status: 'suspended',
    lastUsed: '2026-11-19',
  },
];

describe('computeScorecard', () => {
  it('measures adherence, usage, exceptions and incidents', () => {
    expect(
      computeScorecard({
        incidents: INCIDENTS,
        findings: [
          { ruleId: 'identity-overprivileged' },
          { ruleId: 'identity-overprivileged' },
          { ruleId: 'identity-dormant' },
        ],
        identities: IDENTITIES,
        openExceptions: 3,
        now: NOW,
      }),
    ).toEqual({
      controlAdherence: {
        passing: RULE_IDS.length - 2,
        total: RULE_IDS.length,
      },
      usage: { used: 2, granted: 4 },
      openExceptions: 3,
      incidentsLastYear: 2,
    });
  });

  it('gives full adherence and zero counts to a partner with nothing recorded', () => {
    const card = computeScorecard({
      incidents: [],
      findings: [],
      identities: [],
      openExceptions: 0,
      now: NOW,
    });
    expect(card).toEqual({
      controlAdherence: { passing: RULE_IDS.length, total: RULE_IDS.length },
      usage: { used: 0, granted: 0 },
      openExceptions: 0,
      incidentsLastYear: 0,
    });
  });
});
