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
  FindingRecord,
  SeverityCounts,
} from '@partner-governance/plugin-partners-common';
import { ACME, ACME_API, ACME_SANDBOX, ORPHAN_FEED } from './readEstate';

/** The counts of open findings among `findings`: accepted risk is not open. */
function openCounts(findings: FindingRecord[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const finding of findings) {
    if (!finding.acceptedRisk) {
      counts[finding.severity] += 1;
    }
  }
  return counts;
}

/**
 * The integrations of the read estate that access the orders service, as
 * GET /entities/{ref}/access lists them; finding details and secret
 * locations only of the integrations in `shown` (every one with `true`, none
 * with `false`).
 */
export function expectedAccessItems(
  F: Record<number, FindingRecord>,
  ids: number[],
  shown: boolean | string[],
) {
  const isShown = (ref: string) =>
    Array.isArray(shown) ? shown.includes(ref) : shown;
  const details = (ref: string, findings: FindingRecord[]) => ({
    openFindings: openCounts(findings),
    findings: isShown(ref) ? findings : [],
  });
  const secretRefs = isShown(ACME_API);
  return [
    {
      entityRef: ACME_API,
      title: 'Acme API',
      type: 'api',
      owner: 'group:default/payments',
      environment: 'production',
      accessPackage: 'payments-read',
      partner: {
        entityRef: ACME,
        title: 'Acme Corp',
        stage: 'measurement',
        tier: 'high',
      },
      identities: [
        {
          name: 'acme-admin',
          type: 'service-account',
          scopes: ['admin'],
          privileged: true,
          environment: 'production',
          status: 'suspended',
          custodian: 'group:default/platform',
          ...(secretRefs && {
            secretRef: 'arn:aws:secretsmanager:eu-west-1:123:secret:acme-admin',
          }),
        },
        {
          name: 'acme-api-key',
          type: 'api-key',
          scopes: ['orders:read', 'orders:write'],
          privileged: false,
          environment: 'production',
          status: 'active',
          lastUsed: '2026-11-20',
          expires: '2026-12-31',
          lastRotated: '2026-01-10',
          custodian: 'group:default/payments',
          ...(secretRefs && {
            secretRef: 'vault:secret/partners/acme/api-key',
          }),
        },
      ],
      ...details(ACME_API, [F[ids[0]]]),
    },
    {
      entityRef: ACME_SANDBOX,
      type: 'sandbox',
      owner: 'group:default/payments',
      environment: 'sandbox',
      partner: {
        entityRef: ACME,
        title: 'Acme Corp',
        stage: 'measurement',
        tier: 'high',
      },
      identities: [
        {
          name: 'sandbox-token',
          type: 'token',
          scopes: [],
          privileged: false,
          environment: 'sandbox',
          status: 'active',
          custodian: 'group:default/payments',
        },
      ],
      ...details(ACME_SANDBOX, [F[ids[3]]]),
    },
    {
      entityRef: ORPHAN_FEED,
      type: 'data-feed',
      owner: 'group:default/data',
      partner: { entityRef: 'partner:default/unknown' },
      identities: [
        {
          name: 'feed-cert',
          type: 'certificate',
          scopes: [],
          privileged: false,
          status: 'active',
          custodian: 'group:default/data',
        },
      ],
      ...details(ORPHAN_FEED, [F[ids[5]]]),
    },
  ];
}
