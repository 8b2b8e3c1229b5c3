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
  compilePartnerPattern,
  type ObservedIdentity,
} from '@partner-governance/plugin-partners-node';
import fc from 'fast-check';
import { readCredentialReport } from './readCredentialReport';

const PATTERN = compilePartnerPattern(
  '^partner-(?<partner>[a-z0-9]+)-',
  'partners.identitySources.aws-prod.userPattern',
);

const HEADER = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
].join(',');

/** A row as AWS writes it: user, then key 1 and key 2 as [active, rotated, used, region, service]. */
const row = (user: string, key1: string[], key2: string[]) =>
  [
    user,
    `arn:aws:iam::123456789012:user/${user}`,
    '2025-01-10T09:00:00+00:00',
    'false',
    'N/A',
    'N/A',
    'N/A',
    'false',
    ...key1,
    ...key2,
    'false',
    'N/A',
    'false',
    'N/A',
  ].join(',');

const UNUSED = ['false', 'N/A', 'N/A', 'N/A', 'N/A'];

const REPORT = [
  HEADER,
  [
    '<root_account>',
    'arn:aws:iam::123456789012:root',
    '2024-01-01T00:00:00+00:00',
    'not_supported',
    '2026-11-01T00:00:00+00:00',
    'not_supported',
    'not_supported',
    'true',
    'false',
    'N/A',
    'N/A',
    'N/A',
    'N/A',
    'false',
    'N/A',
    'N/A',
    'N/A',
    'N/A',
    'false',
    'N/A',
    'false',
    'N/A',
  ].join(','),
  // both keys active: one rotated and used, one never used
  row(
    'partner-lumen-sync',
    [
      'true',
      '2026-09-01T10:00:00+00:00',
      '2026-11-30T08:00:00+00:00',
      'eu-west-1',
      's3',
    ],
    ['true', '2026-11-20T10:00:00+00:00', 'N/A', 'N/A', 'N/A'],
  ),
  // key 1 rotated away (inactive), key 2 in use
  row(
    'partner-acme-export',
    [
      'false',
      '2025-03-01T10:00:00+00:00',
      '2025-06-01T10:00:00+00:00',
      'us-east-1',
      'sqs',
    ],
    [
      'true',
      '2026-06-01T10:00:00+00:00',
      '2026-12-01T07:00:00+00:00',
      'us-east-1',
      'sqs',
    ],
  ),
  // not a partner user
  row(
    'ci-deployer',
    [
      'true',
      '2026-01-01T00:00:00+00:00',
      '2026-12-01T00:00:00+00:00',
      'eu-west-1',
      'ecr',
    ],
    UNUSED,
  ),
  // no keys at all
  row('partner-zeta-console', UNUSED, UNUSED),
].join('\n');

/** What reading a text gives: its identities, or its error message. */
function outcomeOf(text: string): {
  identities?: ObservedIdentity[];
  error?: string;
} {
  try {
    return { identities: readCredentialReport(text, PATTERN).identities };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('readCredentialReport', () => {
  it('reads one identity per active access key of a partner user', () => {
    expect(readCredentialReport(REPORT, PATTERN)).toEqual({
      identities: [
        {
          externalId: 'partner-lumen-sync/key1',
          type: 'api-key',
          name: 'partner-lumen-sync/key1',
          partner: 'lumen',
          scopes: [],
          lastRotated: '2026-09-01T10:00:00+00:00',
          lastUsed: '2026-11-30T08:00:00+00:00',
          status: 'active',
          attributes: {
            arn: 'arn:aws:iam::123456789012:user/partner-lumen-sync',
            userCreated: '2025-01-10T09:00:00+00:00',
            lastUsedRegion: 'eu-west-1',
            lastUsedService: 's3',
          },
        },
        {
          externalId: 'partner-lumen-sync/key2',
          type: 'api-key',
          name: 'partner-lumen-sync/key2',
          partner: 'lumen',
          scopes: [],
          lastRotated: '2026-11-20T10:00:00+00:00',
          status: 'active',
          attributes: {
            arn: 'arn:aws:iam::123456789012:user/partner-lumen-sync',
            userCreated: '2025-01-10T09:00:00+00:00',
          },
        },
        {
          externalId: 'partner-acme-export/key2',
          type: 'api-key',
          name: 'partner-acme-export/key2',
          partner: 'acme',
          scopes: [],
          lastRotated: '2026-06-01T10:00:00+00:00',
          lastUsed: '2026-12-01T07:00:00+00:00',
          status: 'active',
          attributes: {
            arn: 'arn:aws:iam::123456789012:user/partner-acme-export',
            userCreated: '2025-01-10T09:00:00+00:00',
            lastUsedRegion: 'us-east-1',
            lastUsedService: 'sqs',
          },
        },
      ],
      problems: [],
    });
  });

  it('reads a report with a byte order mark and CRLF line ends', () => {
    const { identities } = readCredentialReport(
      `\ufeff${REPORT.replace(/\n/g, '\r\n')}`,
      PATTERN,
    );
    expect(identities.map(i => i.externalId)).toEqual([
      'partner-lumen-sync/key1',
      'partner-lumen-sync/key2',
      'partner-acme-export/key2',
    ]);
  });

  it('leaves out a key whose active flag it cannot read, keeping the rest, and says which line', () => {
    const report = [
      HEADER,
      row(
        'partner-lumen-a',
        ['yes', 'N/A', 'N/A', 'N/A', 'N/A'],
        ['true', '2026-01-01T00:00:00+00:00', 'N/A', 'N/A', 'N/A'],
      ),
    ].join('\n');
    expect(readCredentialReport(report, PATTERN)).toEqual({
      identities: [
        expect.objectContaining({ externalId: 'partner-lumen-a/key2' }),
      ],
      problems: ['line 2: access_key_1_active is neither true nor false'],
    });
  });

  it('refuses a report without a documented column, naming it', () => {
    const report = REPORT.replace('access_key_2_last_used_date', 'key2_used');
    expect(() => readCredentialReport(report, PATTERN)).toThrow(
      'The credential report has no column access_key_2_last_used_date',
    );
    expect(() =>
      readCredentialReport(HEADER.replace('arn,', ''), PATTERN),
    ).toThrow('The credential report has no column arn');
  });

  it('refuses an empty report rather than reading every key as gone', () => {
    for (const text of ['', '\n\n', '   ']) {
      expect(() => readCredentialReport(text, PATTERN)).toThrow(
        'The credential report is empty',
      );
    }
  });

  it('reads a report of the header alone as no keys', () => {
    expect(readCredentialReport(HEADER, PATTERN)).toEqual({
      identities: [],
      problems: [],
    });
  });

  it('refuses what is not CSV without quoting it', () => {
    const secret = 'AKIA' + 'ABCDEFGHIJKLMNOP';
    const { error } = outcomeOf(`${HEADER}\n"${secret},x`);
    expect(error).toMatch(
      /^The credential report is not CSV as AWS writes it \(CSV_/,
    );
    expect(error).not.toContain(secret);
  });

  it('answers any text with identities or one of its own errors', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc
            .array(fc.array(fc.string({ maxLength: 30 }), { maxLength: 24 }), {
              maxLength: 6,
            })
            .map(rows => [HEADER, ...rows.map(r => r.join(','))].join('\n')),
        ),
        text => {
          const { identities = [], error } = outcomeOf(text);
          expect(error ?? 'The credential report ').toMatch(
            /^The credential report /,
          );
          expect(
            identities.every(
              i => /\/key[12]$/.test(i.externalId) && Boolean(i.partner),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
