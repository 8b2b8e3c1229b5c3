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
import { ConfigReader } from '@backstage/config';
import {
  evaluatePartnerRules,
  readPartnersConfig,
  type Finding,
} from '@partner-governance/plugin-partners-common';
import { withRegister } from './registerFacts';
import { registerRow } from '../../__testUtils__/registerRows';

const NOW = new Date('2026-11-28T12:00:00Z');
const READ_AT = '2026-11-28T09:00:00.000Z';
const API_VERSION = 'partners.governance.dev/v1alpha1';

function partner(
  name: string,
  stage: string,
  contract: Record<string, string>,
  crm?: string,
): Entity {
  return {
    apiVersion: API_VERSION,
    kind: 'Partner',
    metadata: {
      name,
      namespace: 'default',
      ...(crm && {
        annotations: { 'partners.governance.dev/crm-account': crm },
      }),
    },
    spec: {
      type: 'reseller',
      owner: 'group:default/alliances',
      lifecycle: {
        stage,
        stageOwners: { [stage]: 'group:default/alliances' },
      },
      risk: { tier: 'low', dueDiligence: { completed: '2026-01-10' } },
      contract,
    },
  };
}

function integration(name: string, partnerName: string): Entity {
  return {
    apiVersion: API_VERSION,
    kind: 'PartnerIntegration',
    metadata: { name, namespace: 'default' },
    spec: {
      partner: `partner:default/${partnerName}`,
      type: 'api',
      owner: 'group:default/team-orders',
      accessPackage: 'orders-read',
      identities: [
        {
          name: 'orders-key',
          type: 'api-key',
          expires: '2027-06-01',
          issued: '2026-10-01',
          lastUsed: '2026-11-27',
        },
      ],
    },
  };
}

const row = registerRow;

const config = readPartnersConfig(
  new ConfigReader({
    partners: {
      accessPackages: {
        'orders-read': {
          description: 'Read orders',
          scopes: [],
          environments: ['production'],
        },
      },
    },
  }),
);

function contractFindings(
  entities: Entity[],
  annotate: (finding: Finding, partnerRef: string) => Finding,
) {
  return evaluatePartnerRules({ entities, config, now: NOW })
    .filter(finding => finding.ruleId.startsWith('contract-'))
    .map(finding => {
      const partnerRef = finding.entityRef.startsWith('partner:')
        ? finding.entityRef
        : 'partner:default/tidewell-commerce';
      return annotate(finding, partnerRef);
    })
    .map(({ ruleId, entityRef, message }) => ({ ruleId, entityRef, message }));
}

describe('withRegister', () => {
  const tidewell = partner(
    'tidewell-commerce',
    'measurement',
    { start: '2024-06-01', end: '2027-12-31', status: 'active' },
    'KBP-1012',
  );
  const entities = [
    tidewell,
    integration('tidewell-orders', 'tidewell-commerce'),
  ];

  it('puts a terminated contract of the register in place of the file’s: contract-ended-access-active fires, naming the register', () => {
    expect(contractFindings(entities, f => f)).toEqual([]);
    const terminated = row('Tidewell Commerce', {
      row: 7,
      crmAccount: 'KBP-1012',
      contractStart: '2024-06-01',
      contractEnd: '2026-11-20',
      status: 'terminated',
      contractStatus: 'terminated',
    });
    const overlay = withRegister(
      entities,
      { readAt: READ_AT, rows: [terminated] },
      NOW,
    );
    expect(overlay.entities[0].spec?.contract).toEqual({
      start: '2024-06-01',
      end: '2026-11-20',
      status: 'terminated',
    });
    expect(overlay.entities[1]).toBe(entities[1]);
    expect(contractFindings(overlay.entities, overlay.annotate)).toEqual([
      {
        ruleId: 'contract-ended-access-active',
        entityRef: 'partnerintegration:default/tidewell-orders',
        message:
          'Identity "orders-key" is still active though the contract ended on 2026-11-20' +
          ` (contract from the partner register, row 7, read at ${READ_AT})`,
      },
    ]);
    expect(overlay.ungoverned).toEqual([]);
    expect(overlay.links).toEqual(
      new Map([['partner:default/tidewell-commerce', terminated]]),
    );
  });

  it('matches by the CRM account the catalog gives when the entity carries no annotations', () => {
    const bare = {
      ...tidewell,
      metadata: { ...tidewell.metadata, annotations: undefined },
    };
    const snapshot = {
      readAt: READ_AT,
      rows: [row('Tidewell (EMEA)', { crmAccount: 'KBP-1012' })],
    };
    expect(withRegister([bare], snapshot, NOW).links.size).toBe(0);
    const overlay = withRegister(
      [bare],
      {
        ...snapshot,
        crmAccounts: new Map([
          ['partner:default/tidewell-commerce', 'kbp-1012'],
        ]),
      },
      NOW,
    );
    expect(overlay.links).toEqual(
      new Map([['partner:default/tidewell-commerce', snapshot.rows[0]]]),
    );
    expect(overlay.ungoverned).toEqual([]);
  });

  it('takes the register’s dates whole: an end within the notice days raises contract-ending-no-offboarding', () => {
    const overlay = withRegister(
      entities,
      {
        readAt: READ_AT,
        rows: [
          row('Tidewell Commerce', {
            contractEnd: '2026-12-15',
            status: 'renewing',
          }),
        ],
      },
      NOW,
    );
    expect(overlay.entities[0].spec?.contract).toEqual({
      end: '2026-12-15',
      status: 'active',
    });
    expect(contractFindings(overlay.entities, overlay.annotate)).toEqual([
      {
        ruleId: 'contract-ending-no-offboarding',
        entityRef: 'partner:default/tidewell-commerce',
        message: expect.stringMatching(
          /^Contract ends on 2026-12-15 \(in 17 days, notice 30\) and the partner is in measurement \(contract from the partner register, row 2, read at /,
        ),
      },
    ]);
  });

  it('leaves the files alone before the register was read, and findings of other rules unannotated', () => {
    const overlay = withRegister(
      entities,
      { rows: [row('Tidewell Commerce', { contractStatus: 'terminated' })] },
      NOW,
    );
    expect(overlay.entities).toBe(entities);
    expect(overlay.ungoverned).toEqual([]);
    const read = withRegister(
      entities,
      { readAt: READ_AT, rows: [row('Tidewell Commerce')] },
      NOW,
    );
    const other: Finding = {
      ruleId: 'partner-dormant',
      severity: 'medium',
      entityRef: 'partner:default/tidewell-commerce',
      message: 'dormant',
      frameworks: [],
    };
    expect(read.annotate(other, other.entityRef)).toBe(other);
  });

  it('raises partner-ungoverned for each live contract no Partner matches, and not for ended ones', () => {
    const overlay = withRegister(
      entities,
      {
        readAt: READ_AT,
        rows: [
          row('Tidewell Commerce'),
          row('Thornbury Analytics', {
            row: 20,
            crmAccount: 'KBP-1101',
            contractEnd: '2028-10-14',
          }),
          row('Marlow, Finch & Co', { row: 21, status: 'notice' }),
          row('Eastbrook Telecom', {
            contractEnd: '2025-04-30',
            status: 'active',
          }),
          row('Gone Partner', {
            status: 'cancelled',
            contractStatus: 'terminated',
          }),
          row('Ends Today', { contractEnd: '2026-11-28' }),
        ],
      },
      NOW,
    );
    expect(
      overlay.ungoverned.map(({ entityRef, partnerRef, message }) => ({
        entityRef,
        partnerRef,
        message,
      })),
    ).toEqual([
      {
        entityRef: 'partner:default/thornbury-analytics',
        partnerRef: 'partner:default/thornbury-analytics',
        message: `The partner register lists "Thornbury Analytics" (CRM account KBP-1101), active until 2028-10-14, and no Partner entity matches it by CRM account or name (register row 20, read at ${READ_AT})`,
      },
      {
        entityRef: 'partner:default/marlow-finch-co',
        partnerRef: 'partner:default/marlow-finch-co',
        message: `The partner register lists "Marlow, Finch & Co", notice, and no Partner entity matches it by CRM account or name (register row 21, read at ${READ_AT})`,
      },
      expect.objectContaining({
        entityRef: 'partner:default/ends-today',
      }),
    ]);
    expect(overlay.ungoverned[0]).toMatchObject({
      ruleId: 'partner-ungoverned',
      severity: 'high',
      frameworks: ['GV.SC-04', 'GV.OV-01', 'CIS 15.1', 'ISO 5.19'],
    });
  });
});
