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

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEFAULT_PARTNERS_POLICY,
  partnersAuditReadPermission,
  RULE_IDS,
  RULES,
  type EvidencePack,
} from '@partner-governance/plugin-partners-common';
import express from 'express';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from './__testUtils__/databases';
import {
  ACME,
  ACME_API,
  ACME_OLD,
  BOLT,
  BOLT_API,
  NOW,
  SECRET_REFS,
  seedEvidenceEstate,
} from './__testUtils__/evidenceEstate';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { DatabaseExceptionsStore } from './database/DatabaseExceptionsStore';
import { DatabaseIdentityIndexStore } from './database/DatabaseIdentityIndexStore';
import { DatabaseOffboardingStore } from './database/DatabaseOffboardingStore';
import { createRouter } from './router';
import { EvidenceService } from './services/EvidenceService';
import { EVIDENCE_CSV_COLUMNS } from './services/evidenceCsv';
import { ExceptionsService } from './services/ExceptionsService';
import { OffboardingService } from './services/OffboardingService';
import { createReadModels } from './services/read';
import type { ReviewsService } from './services/ReviewsService';

jest.setTimeout(90_000);

const AUDITOR = 'user:default/auditor';

/** Cells of a CSV file (RFC 4180: quoted fields, doubled quotes, newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        value += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        value += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(value);
      value = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') {
        i += 1;
      }
      row.push(value);
      rows.push(row);
      row = [];
      value = '';
    } else {
      value += c;
    }
  }
  if (value || row.length) {
    row.push(value);
    rows.push(row);
  }
  return rows;
}

describe('evidence pack route', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    let baseUrl: string;
    let auditor: ReturnType<typeof mockServices.auditor.mock>;
    let permissions: ReturnType<typeof mockServices.permissions.mock>;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      await DatabaseIdentityIndexStore.create({ database: created.database });
      const audit = new DatabaseAuditStore(knex);
      await seedEvidenceEstate(knex, audit);

      // a real decision per permission and caller: only the auditor may
      // read the audit trail
      permissions = mockServices.permissions.mock();
      permissions.authorize.mockImplementation(async (requests, options) =>
        requests.map(({ permission }) => ({
          result:
            permission.name === partnersAuditReadPermission.name &&
            (options?.credentials as BackstageCredentials).principal &&
            'userEntityRef' in
              (options!.credentials as BackstageCredentials<any>).principal &&
            (options!.credentials as BackstageCredentials<any>).principal
              .userEntityRef === AUDITOR
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        })),
      );
      auditor = mockServices.auditor.mock();
      const logger = mockServices.logger.mock();
      const router = await createRouter({
        httpAuth: mockServices.httpAuth({
          defaultCredentials: mockCredentials.user(AUDITOR),
        }),
        permissions,
        auditor,
        sync: { run: jest.fn() },
        reads: createReadModels(knex, { clock: () => NOW }),
        userInfo: mockServices.userInfo(),
        reviews: {} as ReviewsService,
        audit,
        evidence: new EvidenceService({
          db: knex,
          audit,
          exceptions: new ExceptionsService({
            store: new DatabaseExceptionsStore(knex),
            policy: () => DEFAULT_PARTNERS_POLICY,
            logger,
            clock: () => NOW,
          }),
          offboarding: new OffboardingService({
            store: new DatabaseOffboardingStore(knex),
            logger,
            clock: () => NOW,
          }),
          clock: () => NOW,
        }),
        validateResponses: true,
      });
      const app = express().use(router).use(mockErrorHandler());
      server = await new Promise<Server>(resolve => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      await new Promise(resolve => server?.close(resolve));
    });

    const get = (ref: string, query = '', headers: HeadersInit = {}) =>
      fetch(`${baseUrl}/partners/${encodeURIComponent(ref)}/evidence${query}`, {
        headers,
      });
    const exported = () =>
      knex('audit_events').where('action', 'evidence.exported').orderBy('id');

    async function errorOf(response: Response) {
      const body = await response.json();
      return {
        status: response.status,
        name: body.error.name,
        message: body.error.message,
      };
    }

    it('exports everything about the partner as a JSON attachment, and no secret location', async () => {
      const response = await get(ACME);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(
        /^application\/json/,
      );
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="acme-evidence-2026-11-30.json"',
      );
      const text = await response.text();
      for (const secretRef of SECRET_REFS) {
        expect(text).not.toContain(secretRef);
      }
      expect(text).not.toMatch(/secret_?ref/i);
      const pack: EvidencePack = JSON.parse(text);

      expect(pack.generatedAt).toBe(NOW.toISOString());
      expect(pack.partner).toEqual({
        entityRef: ACME,
        title: 'Acme Corp',
        type: 'reseller',
        stage: 'offboarding',
        tier: 'high',
        owner: 'group:default/partner-ops',
        stageOwners: {
          onboarding: 'group:default/sales',
          offboarding: 'group:default/jane',
        },
        contract: { start: '2024-01-01', end: '2026-12-31', status: 'notice' },
        dueDiligence: {
          completed: '2025-01-15',
          reference: '+44 20 7946 0000',
        },
      });
      expect(pack.ownership).toEqual([
        {
          role: 'business-owner',
          owner: 'group:default/partner-ops',
          subjectRef: ACME,
        },
        {
          role: 'stage-owner',
          owner: 'group:default/sales',
          subjectRef: ACME,
          stage: 'onboarding',
        },
        {
          role: 'stage-owner',
          owner: 'group:default/jane',
          subjectRef: ACME,
          stage: 'offboarding',
        },
        {
          role: 'integration-owner',
          owner: 'group:default/payments',
          subjectRef: ACME_API,
        },
        {
          role: 'identity-custodian',
          owner: 'group:default/platform',
          subjectRef: ACME_API,
          identity: 'acme-admin',
        },
        {
          role: 'identity-custodian',
          owner: 'group:default/payments',
          subjectRef: ACME_API,
          identity: 'acme-api-key',
        },
      ]);
      expect(pack.integrations).toEqual([
        {
          entityRef: ACME_API,
          title: 'Acme API',
          type: 'api',
          owner: 'group:default/payments',
          environment: 'production',
          accessPackage: 'orders-read',
        },
        {
          entityRef: ACME_OLD,
          type: 'data-feed',
          owner: 'group:default/data',
          goneAt: '2026-11-10T00:00:00.000Z',
        },
      ]);
      expect(pack.identities).toEqual([
        {
          integrationRef: ACME_API,
          name: 'acme-admin',
          type: 'service-account',
          status: 'suspended',
          scopes: ['admin'],
          privileged: true,
          environment: 'production',
          issued: '2026-01-10',
          lastUsed: '2026-10-10',
          custodian: 'group:default/platform',
          sharedWith: [],
        },
        {
          integrationRef: ACME_API,
          name: 'acme-api-key',
          type: 'api-key',
          status: 'active',
          scopes: ['orders:read', 'orders:write'],
          privileged: false,
          environment: 'production',
          issued: '2025-12-01',
          lastRotated: '2026-01-10',
          rotationDays: 90,
          expires: '2026-12-31',
          lastUsed: '2026-11-20',
          custodian: 'group:default/payments',
          sharedWith: ['group:default/support'],
        },
        expect.objectContaining({
          integrationRef: ACME_API,
          name: 'old-token',
          goneAt: '2026-11-05T00:00:00.000Z',
        }),
        expect.objectContaining({
          integrationRef: ACME_OLD,
          name: 'legacy-key',
          goneAt: '2026-11-10T00:00:00.000Z',
        }),
      ]);
      expect(pack.reviews).toEqual([
        {
          id: 1,
          integrationRef: ACME_API,
          partnerRef: ACME,
          assignee: 'group:default/payments',
          status: 'revoked',
          openedAt: '2026-10-01T00:00:00.000Z',
          dueAt: '2026-10-15T00:00:00.000Z',
          overdue: false,
          decidedAt: '2026-10-10T00:00:00.000Z',
          decidedBy: 'user:default/jane',
          comment: '-revoke the admin account',
          revokedIdentities: ['acme-admin'],
        },
        {
          id: 2,
          integrationRef: ACME_API,
          partnerRef: ACME,
          assignee: 'group:default/payments',
          status: 'pending',
          openedAt: '2026-10-01T00:00:00.000Z',
          dueAt: '2026-11-25T00:00:00.000Z',
          overdue: true,
        },
      ]);
      expect(
        pack.exceptions.map(x => [x.id, x.ruleId, x.identity, x.status]),
      ).toEqual([
        [1, 'identity-rotation-overdue', 'acme-api-key', 'approved'],
        [2, 'identity-dormant', 'acme-admin', 'denied'],
      ]);
      expect(pack.offboarding).toMatchObject({
        partnerRef: ACME,
        status: 'open',
        reasons: ['stage-offboarding'],
        progress: { total: 2, done: 1, pending: 1 },
        items: [
          { kind: 'revoke', identity: 'acme-api-key', status: 'pending' },
          {
            kind: 'close',
            status: 'done',
            completedBy: 'user:default/jane',
            evidence: '@SUM(1+1)*cmd|"/C calc"!A0',
          },
        ],
      });
      expect(pack.findings.map(f => [f.ruleId, f.entityRef, f.status])).toEqual(
        [
          ['identity-rotation-overdue', ACME_API, 'accepted'],
          ['identity-dormant', ACME_API, 'open'],
          ['access-package-missing', ACME_OLD, 'resolved'],
          ['owner-missing', ACME, 'open'],
        ],
      );
      expect(pack.findings[0]).toMatchObject({
        frameworks: ['NHI7', 'PR.AA-01'],
        acceptedRisk: {
          exceptionId: 1,
          expiresAt: '2027-01-31T00:00:00.000Z',
          approvedBy: 'user:default/bob',
        },
      });

      // every control of the rule catalog, in order, with the partner's counts
      const catalogControls = new Set(
        Object.values(RULES).flatMap(rule => rule.frameworks),
      );
      expect(pack.frameworks.map(c => c.control)).toEqual(
        [...catalogControls].sort(),
      );
      const control = (id: string) =>
        pack.frameworks.find(c => c.control === id);
      expect(control('NHI7')).toEqual({
        control: 'NHI7',
        ruleIds: Object.values(RULES)
          .filter(rule => rule.frameworks.includes('NHI7'))
          .map(rule => rule.id)
          .sort(),
        openFindings: 0,
        acceptedRisks: 1,
      });
      expect(control('CIS 5.3')).toMatchObject({
        openFindings: 1,
        acceptedRisks: 0,
      });
      expect(control('CIS 5.5')).toMatchObject({ openFindings: 1 });
      // resolved findings count neither as open nor as accepted
      expect(control('ISO 5.18')).toMatchObject({
        openFindings: 0,
        acceptedRisks: 0,
      });

      expect(pack.auditEvents.map(e => [e.action, e.partnerRef])).toEqual([
        ['review.decided', ACME],
        ['exception.approved', ACME],
      ]);

      // the export itself is on the audit trail, and an auditor event
      expect(await exported()).toEqual([
        expect.objectContaining({
          at: NOW.toISOString(),
          actor: AUDITOR,
          subject_type: 'partner',
          subject_ref: ACME,
          partner_ref: ACME,
          after: JSON.stringify({ format: 'json' }),
        }),
      ]);
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'evidence-export',
          severityLevel: 'medium',
          meta: { ref: ACME, format: 'json' },
        }),
      );
      const event = await auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalledWith({
        meta: expect.objectContaining({ partnerRef: ACME, format: 'json' }),
      });
    });

    it("carries the scorecard the partner's page shows", async () => {
      const pack: EvidencePack = await (await get(ACME)).json();
      const page = await fetch(
        `${baseUrl}/partners/${encodeURIComponent(ACME)}`,
      );
      // three rules fire (an exception covers one: accepted risk still
      // fires); the one active identity of the live integration was used
      // ten days ago; one approved exception; one incident this year
      expect(pack.scorecard).toEqual({
        controlAdherence: {
          passing: RULE_IDS.length - 3,
          total: RULE_IDS.length,
        },
        usage: { used: 1, granted: 1 },
        openExceptions: 1,
        incidentsLastYear: 1,
      });
      expect((await page.json()).scorecard).toEqual(pack.scorecard);
    });

    it('exports one CSV file that parses back, with a stable column set and no formula cells', async () => {
      const json: EvidencePack = await (await get('acme')).json();
      const response = await get('acme', '?format=csv');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(
        'text/csv; charset=utf-8',
      );
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="acme-evidence-2026-11-30.csv"',
      );
      const text = await response.text();
      for (const secretRef of SECRET_REFS) {
        expect(text).not.toContain(secretRef);
      }

      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual([...EVIDENCE_CSV_COLUMNS]);
      for (const row of rows) {
        expect(row).toHaveLength(EVIDENCE_CSV_COLUMNS.length);
      }
      const records = rows.map(row =>
        Object.fromEntries(header.map((column, i) => [column, row[i]])),
      );
      const count = (section: string) =>
        records.filter(r => r.section === section).length;
      expect(count('partner')).toBe(1);
      expect(count('ownership')).toBe(json.ownership.length);
      expect(count('integration')).toBe(2);
      expect(count('identity')).toBe(4);
      expect(count('review')).toBe(2);
      expect(count('exception')).toBe(2);
      expect(count('offboarding-checklist')).toBe(1);
      expect(count('offboarding-item')).toBe(2);
      expect(count('finding')).toBe(4);
      expect(count('framework')).toBe(json.frameworks.length);
      expect(
        records
          .filter(r => r.section === 'scorecard')
          .map(r => [r.title, r.count]),
      ).toEqual([
        ['control adherence', `${json.scorecard.controlAdherence.passing}`],
        ['usage', '1'],
        ['open exceptions', '1'],
        ['incidents last year', '1'],
      ]);
      // the seeded events, then the JSON export just before
      expect(
        records.filter(r => r.section === 'audit-event').map(r => r.type),
      ).toEqual(['review.decided', 'exception.approved', 'evidence.exported']);
      expect(records).toHaveLength(
        1 +
          json.ownership.length +
          2 +
          4 +
          2 +
          2 +
          1 +
          2 +
          4 +
          json.frameworks.length +
          4 +
          3,
      );

      // no cell starts with a character a spreadsheet runs
      for (const row of rows) {
        for (const value of row) {
          expect(value).not.toMatch(/^[=+\-@\t\r]/);
        }
      }
      const partner = records.find(r => r.section === 'partner')!;
      expect(partner).toMatchObject({
        ref: ACME,
        title: 'Acme Corp',
        stage: 'offboarding',
        tier: 'high',
        message: "'+44 20 7946 0000",
      });
      expect(
        records.find(
          r => r.section === 'finding' && r.rule_id === 'owner-missing',
        ),
      ).toMatchObject({
        status: 'open',
        severity: 'high',
        message: `'=HYPERLINK("http://evil.example","click")`,
        frameworks: 'GV.SC-02;GV.RR-02;CIS 5.5',
      });
      expect(
        records.find(
          r => r.section === 'offboarding-item' && r.type === 'close',
        ),
      ).toMatchObject({ comment: `'@SUM(1+1)*cmd|"/C calc"!A0` });
      expect(
        records.find(r => r.section === 'review' && r.id === '1'),
      ).toMatchObject({
        status: 'revoked',
        comment: "'-revoke the admin account",
        decided_by: 'user:default/jane',
      });
      expect(
        records.find(
          r => r.section === 'identity' && r.identity === 'acme-api-key',
        ),
      ).toMatchObject({
        integration: ACME_API,
        type: 'api-key',
        status: 'active',
        owner: 'group:default/payments',
        scopes: 'orders:read;orders:write',
        privileged: 'false',
        expires: '2026-12-31',
      });

      expect((await exported()).map(e => JSON.parse(e.after))).toEqual([
        { format: 'json' },
        { format: 'csv' },
      ]);
    });

    it('exports a partner that left the catalog, marked gone', async () => {
      const response = await get(BOLT);
      expect(response.status).toBe(200);
      const pack: EvidencePack = await response.json();
      expect(pack.partner).toEqual({
        entityRef: BOLT,
        type: 'integrator',
        stage: 'measurement',
        tier: 'low',
        owner: 'group:default/sales',
        stageOwners: {},
        goneAt: '2026-11-20T00:00:00.000Z',
      });
      expect(pack.integrations.map(i => i.entityRef)).toEqual([BOLT_API]);
      expect(pack.exceptions.map(x => x.partnerRef)).toEqual([BOLT]);
      expect(pack.offboarding).toBeUndefined();
      expect(pack.auditEvents.map(e => e.action)).toEqual(['review.opened']);
    });

    it('answers 403 to a caller without partners.audit.read, and records no export', async () => {
      for (const credentials of [
        mockCredentials.user('user:default/jane'),
        mockCredentials.service(),
      ]) {
        const response = await get(ACME, '', {
          Authorization:
            credentials.principal.type === 'user'
              ? mockCredentials.user.header('user:default/jane')
              : mockCredentials.service.header(),
        });
        expect(await errorOf(response)).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: 'You may not export partner evidence',
        });
      }
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: partnersAuditReadPermission }],
        expect.anything(),
      );
      expect(await exported()).toEqual([]);
      const event = await auditor.createEvent.mock.results[0].value;
      expect(event.fail).toHaveBeenCalledTimes(1);
      expect(event.success).not.toHaveBeenCalled();
    });

    it('answers 404 for a partner the index never held', async () => {
      expect(await errorOf(await get('partner:default/nobody'))).toEqual({
        status: 404,
        name: 'NotFoundError',
        message: 'No partner partner:default/nobody',
      });
      expect(await exported()).toEqual([]);
    });

    it('rejects a bad format or ref, and needs a token', async () => {
      expect(await errorOf(await get(ACME, '?format=xml'))).toMatchObject({
        status: 400,
        name: 'InputError',
        message: expect.stringMatching(/format/),
      });
      expect(await errorOf(await get(ACME, '?other=1'))).toMatchObject({
        status: 400,
      });
      expect(await errorOf(await get('partner:default/'))).toMatchObject({
        status: 400,
        name: 'InputError',
        message: expect.stringMatching(/^request\/params\/ref/),
      });
      const none = await get(ACME, '', {
        Authorization: mockCredentials.none.header(),
      });
      expect(none.status).toBe(401);
      expect(await exported()).toEqual([]);
    });
  });
});
