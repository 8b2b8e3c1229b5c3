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

import type { EvidencePack } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from '../__testUtils__/databases';
import { identity } from '../__testUtils__/reviews';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import { EvidenceService } from './EvidenceService';
import { evidenceFileName, frameworkSummary } from './evidencePack';
import {
  EVIDENCE_CSV_COLUMNS,
  evidencePackToCsv,
  neutraliseCell,
} from './evidenceCsv';

jest.setTimeout(60_000);

const NOW = new Date('2026-11-30T23:59:59.000Z');

/** The smallest pack, with the given changes. */
const pack = (extra: Partial<EvidencePack> = {}): EvidencePack => ({
  generatedAt: NOW.toISOString(),
  partner: {
    entityRef: 'partner:default/acme',
    type: 'reseller',
    stage: 'measurement',
    tier: 'high',
    owner: 'group:default/partner-ops',
    stageOwners: {},
  },
  ownership: [],
  integrations: [],
  identities: [],
  reviews: [],
  exceptions: [],
  findings: [],
  frameworks: [],
  scorecard: {
    controlAdherence: { passing: 20, total: 20 },
    usage: { used: 0, granted: 0 },
    openExceptions: 0,
    incidentsLastYear: 0,
  },
  auditEvents: [],
  ...extra,
});

describe('neutraliseCell', () => {
  it.each(['=1+1', '+44 20', '-2', '@SUM(A1)', '\tx', '\rx'])(
    'prefixes %p with a quote',
    value => {
      expect(neutraliseCell(value)).toBe(`'${value}`);
    },
  );

  it.each(['', 'a=1', '1-2', ' =1', "'quoted", 'partner:default/acme'])(
    'leaves %p as it is',
    value => {
      expect(neutraliseCell(value)).toBe(value);
    },
  );
});

describe('evidencePackToCsv', () => {
  it('quotes commas, quotes and newlines, and writes no rows for empty sections', () => {
    const csv = evidencePackToCsv(
      pack({
        partner: {
          ...pack().partner,
          title: 'Acme, "the" company\nand more',
        },
      }),
    );
    const lines = csv.split('\n');
    expect(lines[0]).toBe(EVIDENCE_CSV_COLUMNS.join(','));
    expect(csv).toContain('"Acme, ""the"" company\nand more"');
    // the partner row, then the ownership register and the rest are empty
    expect(csv.split('\npartner,')).toHaveLength(2);
    expect(csv).not.toMatch(/\n(ownership|integration|identity),/);
  });

  it('writes one scorecard row per measure, with what it is out of', () => {
    const csv = evidencePackToCsv(
      pack({
        scorecard: {
          controlAdherence: { passing: 18, total: 20 },
          usage: { used: 3, granted: 5 },
          openExceptions: 2,
          incidentsLastYear: 1,
        },
      }),
    );
    const line = (cells: Partial<Record<string, string>>) =>
      EVIDENCE_CSV_COLUMNS.map(c => cells[c] ?? '').join(',');
    const scorecard = (title: string, count: string, details?: string) =>
      line({ section: 'scorecard', title, count, details });
    expect(csv.split('\n').filter(row => row.startsWith('scorecard,'))).toEqual(
      [
        scorecard('control adherence', '18', '"{""of"":20}"'),
        scorecard('usage', '3', '"{""of"":5}"'),
        scorecard('open exceptions', '2'),
        scorecard('incidents last year', '1'),
      ],
    );
  });

  it('guards list cells and leaves JSON details readable', () => {
    const csv = evidencePackToCsv(
      pack({
        identities: [
          {
            integrationRef: 'partnerintegration:default/acme-api',
            name: 'key',
            type: 'api-key',
            status: 'active',
            scopes: ['-all', 'read'],
            privileged: false,
            sharedWith: ['group:default/support'],
          },
        ],
      }),
    );
    expect(csv).toContain(`'-all;read`);
    expect(csv).toContain('"{""sharedWith"":[""group:default/support""]}"');
  });
});

describe('frameworkSummary', () => {
  it('counts open and accepted findings per control, not resolved ones', () => {
    const finding = {
      id: 1,
      ruleId: 'identity-dormant',
      severity: 'medium' as const,
      entityRef: 'partnerintegration:default/acme-api',
      message: 'm',
      frameworks: ['NHI1', 'X-CUSTOM'],
      firstSeen: 'f',
      lastSeen: 'l',
    };
    const summary = frameworkSummary([
      { ...finding, status: 'open' },
      { ...finding, id: 2, status: 'accepted' },
      { ...finding, id: 3, status: 'resolved', resolvedAt: 'r' },
    ]);
    expect(summary.find(c => c.control === 'X-CUSTOM')).toEqual({
      control: 'X-CUSTOM',
      framework: 'other',
      ruleIds: ['identity-dormant'],
      findingIds: [1, 2, 3],
      openFindings: 1,
      acceptedRisks: 1,
    });
    expect(summary.find(c => c.control === 'NHI1')).toMatchObject({
      framework: 'OWASP NHI Top 10 2025',
      title: 'Improper offboarding',
      findingIds: [1, 2, 3],
      openFindings: 1,
      acceptedRisks: 1,
    });
    expect(summary.find(c => c.control === 'NHI9')).toMatchObject({
      findingIds: [],
      openFindings: 0,
      acceptedRisks: 0,
    });
  });

  it('groups controls by framework, in the catalog order, unknown ids last', () => {
    const summary = frameworkSummary([]);
    const frameworks = summary.map(c => c.framework);
    const firsts = frameworks.filter((f, i) => frameworks.indexOf(f) === i);
    expect(firsts).toEqual([
      'OWASP NHI Top 10 2025',
      'NIST CSF 2.0',
      'CIS Controls v8',
      'ISO/IEC 27001:2022',
      'NIST AI RMF',
    ]);
    // each framework's controls together
    expect(new Set(frameworks).size).toBe(firsts.length);
    expect(summary.every(c => c.framework !== 'other')).toBe(true);
  });
});

describe('evidenceFileName', () => {
  it('names the file after the partner and the UTC day', () => {
    expect(evidenceFileName(pack(), 'csv')).toBe(
      'acme-evidence-2026-11-30.csv',
    );
    const odd = pack({
      partner: { ...pack().partner, entityRef: 'partner:default/a"b c' },
    });
    expect(evidenceFileName(odd, 'json')).toBe(
      'a_b_c-evidence-2026-11-30.json',
    );
  });
});

describe('EvidenceService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let audit: DatabaseAuditStore;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      await DatabaseIdentityIndexStore.create({ database: created.database });
      audit = new DatabaseAuditStore(knex);
      await knex('partners').insert({
        entity_ref: 'partner:default/acme',
        title: null,
        type: 'reseller',
        stage: 'measurement',
        tier: 'high',
        owner_ref: 'group:default/partner-ops',
        contract_end: null,
        contract_status: null,
        entity: 'not json',
        hash: 'h',
        synced_at: NOW.toISOString(),
        gone_at: null,
      });
      await knex('integrations').insert({
        entity_ref: 'partnerintegration:default/acme-api',
        partner_ref: 'partner:default/acme',
        title: null,
        type: 'api',
        owner_ref: 'group:default/payments',
        environment: null,
        access_package: null,
        entity: '{}',
        hash: 'h',
        synced_at: NOW.toISOString(),
        gone_at: null,
      });
      await knex('identities').insert(
        identity('partnerintegration:default/acme-api', 'key', {
          secret_ref: 'vault:kv/acme',
        }),
      );
    });

    it('builds a pack without the exceptions and offboarding services, and an unreadable entity', async () => {
      const service = new EvidenceService({
        db: knex,
        audit,
        clock: () => NOW,
      });
      const built = await service.build('acme');
      expect(built.partner).toEqual({
        entityRef: 'partner:default/acme',
        type: 'reseller',
        stage: 'measurement',
        tier: 'high',
        owner: 'group:default/partner-ops',
        stageOwners: {},
      });
      expect(built.exceptions).toEqual([]);
      expect(built.offboarding).toBeUndefined();
      expect(built.identities).toHaveLength(1);
      expect(JSON.stringify(built)).not.toContain('vault:kv/acme');
      // building is a read: only an export is audited
      expect(await knex('audit_events')).toEqual([]);
    });

    it('pages through a long audit trail, oldest first', async () => {
      for (let i = 0; i < 230; i += 1) {
        await audit.append({
          at: new Date(Date.parse('2026-01-01') + i * 1000).toISOString(),
          actor: 'user:default/jane',
          action: 'review.opened',
          subjectType: 'access-review',
          subjectRef: 'partnerintegration:default/acme-api',
          partnerRef: 'partner:default/acme',
          after: { i },
        });
      }
      const service = new EvidenceService({
        db: knex,
        audit,
        clock: () => NOW,
      });
      const exported = await service.exportPack('partner:default/acme', {
        actor: 'user:default/auditor',
        format: 'csv',
      });
      expect(exported.auditEvents.map(e => e.after?.i)).toEqual(
        Array.from({ length: 230 }, (_, i) => i),
      );
      const rows = await knex('audit_events')
        .where('action', 'evidence.exported')
        .select('actor', 'partner_ref', 'after');
      expect(rows).toEqual([
        {
          actor: 'user:default/auditor',
          partner_ref: 'partner:default/acme',
          after: JSON.stringify({ format: 'csv' }),
        },
      ]);
    });
  });
});
