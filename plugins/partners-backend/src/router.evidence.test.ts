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
  RULES,
  type EvidencePack,
} from '@partner-governance/plugin-partners-common';
import express from 'express';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from './__testUtils__/databases';
import { identity } from './__testUtils__/reviews';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { DatabaseExceptionsStore } from './database/DatabaseExceptionsStore';
import { DatabaseIdentityIndexStore } from './database/DatabaseIdentityIndexStore';
import { DatabaseOffboardingStore } from './database/DatabaseOffboardingStore';
import { createRouter } from './router';
import {
  EVIDENCE_CSV_COLUMNS,
  EvidenceService,
} from './services/EvidenceService';
import { ExceptionsService } from './services/ExceptionsService';
import { OffboardingService } from './services/OffboardingService';
import { createReadModels } from './services/read';
import type { ReviewsService } from './services/ReviewsService';

jest.setTimeout(90_000);

const NOW = new Date('2026-11-30T08:00:00.000Z');
const AUDITOR = 'user:default/auditor';
const ACME = 'partner:default/acme';
const BOLT = 'partner:default/bolt';
const ACME_API = 'partnerintegration:default/acme-api';
const ACME_OLD = 'partnerintegration:default/acme-old';
const BOLT_API = 'partnerintegration:default/bolt-api';
/** Secret locations: they must never leave the backend in a pack. */
const SECRET_REFS = [
  'vault:secret/partners/acme/api-key',
  'arn:aws:secretsmanager:eu-west-1:123:secret:acme-admin',
  'vault:secret/partners/acme/old',
  'vault:secret/partners/acme/legacy',
];

const ACME_ENTITY = {
  apiVersion: 'partners.governance.dev/v1alpha1',
  kind: 'Partner',
  metadata: { name: 'acme', namespace: 'default', title: 'Acme Corp' },
  spec: {
    type: 'reseller',
    owner: 'group:partner-ops',
    lifecycle: {
      stage: 'offboarding',
      stageOwners: { onboarding: 'group:default/Sales', offboarding: 'jane' },
    },
    risk: {
      tier: 'high',
      // a phone number a spreadsheet would read as a formula
      dueDiligence: { completed: '2025-01-15', reference: '+44 20 7946 0000' },
    },
    contract: { start: '2024-01-01', end: '2026-12-31', status: 'notice' },
  },
};

const base = { hash: 'h', synced_at: '2026-11-01T00:00:00.000Z' };

async function seed(knex: Knex, audit: DatabaseAuditStore) {
  await knex('partners').insert([
    {
      ...base,
      entity_ref: ACME,
      title: 'Acme Corp',
      type: 'reseller',
      stage: 'offboarding',
      tier: 'high',
      owner_ref: 'group:default/partner-ops',
      contract_end: '2026-12-31',
      contract_status: 'notice',
      entity: JSON.stringify(ACME_ENTITY),
      gone_at: null,
    },
    {
      ...base,
      entity_ref: BOLT,
      title: null,
      type: 'integrator',
      stage: 'measurement',
      tier: 'low',
      owner_ref: 'group:default/sales',
      contract_end: null,
      contract_status: null,
      entity: '{}',
      gone_at: '2026-11-20T00:00:00.000Z',
    },
  ]);
  const integration = (row: Record<string, unknown>) => ({
    ...base,
    title: null,
    type: 'api',
    environment: 'production',
    access_package: null,
    entity: '{}',
    gone_at: null,
    ...row,
  });
  await knex('integrations').insert([
    integration({
      entity_ref: ACME_API,
      partner_ref: ACME,
      title: 'Acme API',
      owner_ref: 'group:default/payments',
      access_package: 'orders-read',
    }),
    integration({
      entity_ref: ACME_OLD,
      partner_ref: ACME,
      type: 'data-feed',
      owner_ref: 'group:default/data',
      environment: null,
      gone_at: '2026-11-10T00:00:00.000Z',
    }),
    integration({
      entity_ref: BOLT_API,
      partner_ref: BOLT,
      owner_ref: 'group:default/sales',
    }),
  ]);
  await knex('identities').insert([
    identity(ACME_API, 'acme-api-key', {
      custodian_ref: 'group:default/payments',
      scopes: '["orders:read","orders:write"]',
      secret_ref: SECRET_REFS[0],
      issued: '2025-12-01',
      last_rotated: '2026-01-10',
      rotation_days: 90,
      expires: '2026-12-31',
      last_used: '2026-11-20',
      shared_with: '["group:default/support"]',
    }),
    identity(ACME_API, 'acme-admin', {
      type: 'service-account',
      status: 'suspended',
      custodian_ref: 'group:default/platform',
      scopes: '["admin"]',
      privileged: true,
      secret_ref: SECRET_REFS[1],
    }),
    identity(ACME_API, 'old-token', {
      type: 'token',
      custodian_ref: 'group:default/payments',
      secret_ref: SECRET_REFS[2],
      gone_at: '2026-11-05T00:00:00.000Z',
    }),
    identity(ACME_OLD, 'legacy-key', {
      custodian_ref: 'group:default/data',
      secret_ref: SECRET_REFS[3],
      gone_at: '2026-11-10T00:00:00.000Z',
    }),
    identity(BOLT_API, 'bolt-key', { custodian_ref: 'group:default/sales' }),
  ]);
  const review = (row: Record<string, unknown>) => ({
    status: 'pending',
    pending_key: null,
    opened_at: '2026-10-01T00:00:00.000Z',
    decided_at: null,
    decided_by: null,
    comment: null,
    revoked_identities: null,
    snapshot: null,
    ...row,
  });
  for (const row of [
    review({
      integration_ref: ACME_API,
      partner_ref: ACME,
      assignee_ref: 'group:default/payments',
      status: 'revoked',
      due_at: '2026-10-15T00:00:00.000Z',
      decided_at: '2026-10-10T00:00:00.000Z',
      decided_by: 'user:default/jane',
      comment: '-revoke the admin account',
      revoked_identities: '["acme-admin"]',
      snapshot: '[]',
    }),
    review({
      integration_ref: ACME_API,
      partner_ref: ACME,
      assignee_ref: 'group:default/payments',
      pending_key: ACME_API,
      due_at: '2026-11-25T00:00:00.000Z',
    }),
    review({
      integration_ref: BOLT_API,
      partner_ref: BOLT,
      assignee_ref: 'group:default/sales',
      pending_key: BOLT_API,
      due_at: '2026-12-25T00:00:00.000Z',
    }),
  ]) {
    await knex('access_reviews').insert(row);
  }
  const exception = (row: Record<string, unknown>) => ({
    identity: '',
    justification: 'Rotation scheduled with the partner',
    requested_by: 'user:default/jane',
    requested_at: '2026-11-01T00:00:00.000Z',
    open_key: null,
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    expired_at: null,
    ...row,
  });
  for (const row of [
    exception({
      rule_id: 'identity-rotation-overdue',
      entity_ref: ACME_API,
      identity: 'acme-api-key',
      partner_ref: ACME,
      expires_at: '2027-01-31T00:00:00.000Z',
      status: 'approved',
      open_key: 'k1',
      decided_by: 'user:default/bob',
      decided_at: '2026-11-02T00:00:00.000Z',
    }),
    exception({
      rule_id: 'identity-dormant',
      entity_ref: ACME_API,
      identity: 'acme-admin',
      partner_ref: ACME,
      expires_at: '2027-01-31T00:00:00.000Z',
      status: 'denied',
      decided_by: 'user:default/bob',
      decided_at: '2026-11-02T00:00:00.000Z',
      decision_comment: 'Revoke it instead',
    }),
    exception({
      rule_id: 'identity-dormant',
      entity_ref: BOLT_API,
      identity: 'bolt-key',
      partner_ref: BOLT,
      expires_at: '2027-01-31T00:00:00.000Z',
      status: 'requested',
      open_key: 'k3',
    }),
  ]) {
    await knex('exceptions').insert(row);
  }
  const finding = (row: Record<string, unknown>) => ({
    identity: '',
    first_seen_at: '2026-11-01T00:00:00.000Z',
    last_seen_at: NOW.toISOString(),
    resolved_at: null,
    ...row,
  });
  for (const row of [
    finding({
      rule_id: 'identity-rotation-overdue',
      entity_ref: ACME_API,
      identity: 'acme-api-key',
      partner_ref: ACME,
      severity: 'high',
      message: 'acme-api-key was last rotated 324 days ago',
      frameworks: '["NHI7","PR.AA-01"]',
    }),
    finding({
      rule_id: 'identity-dormant',
      entity_ref: ACME_API,
      identity: 'acme-admin',
      partner_ref: ACME,
      severity: 'medium',
      message: 'acme-admin has not been used for 120 days',
      frameworks: '["NHI1","CIS 5.3"]',
    }),
    finding({
      rule_id: 'access-package-missing',
      entity_ref: ACME_OLD,
      partner_ref: ACME,
      severity: 'medium',
      message: 'No access package',
      frameworks: '["PR.AA-05","ISO 5.18"]',
      resolved_at: '2026-11-10T00:00:00.000Z',
    }),
    finding({
      rule_id: 'owner-missing',
      entity_ref: ACME,
      partner_ref: ACME,
      severity: 'high',
      message: '=HYPERLINK("http://evil.example","click")',
      frameworks: '["GV.SC-02","GV.RR-02","CIS 5.5"]',
    }),
    finding({
      rule_id: 'identity-dormant',
      entity_ref: BOLT_API,
      identity: 'bolt-key',
      partner_ref: BOLT,
      severity: 'medium',
      message: 'bolt-key has not been used for 100 days',
      frameworks: '["NHI1","CIS 5.3"]',
    }),
  ]) {
    await knex('findings').insert(row);
  }
  const [checklist] = await knex('offboarding_checklists')
    .insert({
      partner_ref: ACME,
      reasons: '["stage-offboarding"]',
      status: 'open',
      open_key: ACME,
      opened_at: '2026-11-15T00:00:00.000Z',
      verified_by: null,
      verified_at: null,
      comment: null,
    })
    .returning('id');
  const checklistId = Number(
    typeof checklist === 'object' ? checklist.id : checklist,
  );
  const item = (row: Record<string, unknown>) => ({
    checklist_id: checklistId,
    partner_ref: ACME,
    integration_ref: ACME_API,
    identity: null,
    source: 'offboarding',
    review_id: null,
    status: 'pending',
    completed_by: null,
    completed_at: null,
    evidence: null,
    ...row,
  });
  for (const row of [
    item({
      kind: 'revoke',
      identity: 'acme-api-key',
      item_key: 'a',
      description: 'Revoke acme-api-key',
    }),
    item({
      kind: 'close',
      item_key: 'b',
      description: 'Close partnerintegration:default/acme-api',
      status: 'done',
      completed_by: 'user:default/jane',
      completed_at: '2026-11-16T00:00:00.000Z',
      evidence: '@SUM(1+1)*cmd|"/C calc"!A0',
    }),
  ]) {
    await knex('offboarding_items').insert(row);
  }
  for (const [at, partnerRef, action] of [
    ['2026-10-10T00:00:00.000Z', ACME, 'review.decided'],
    ['2026-11-02T00:00:00.000Z', BOLT, 'review.opened'],
    ['2026-11-02T00:00:00.000Z', ACME, 'exception.approved'],
    ['2026-11-03T00:00:00.000Z', undefined, 'index.synced'],
  ] as const) {
    await audit.append({
      at,
      actor: 'user:default/jane',
      action,
      subjectType: partnerRef ? 'access-review' : 'index',
      subjectRef: partnerRef === ACME ? ACME_API : partnerRef ?? 'catalog',
      partnerRef,
      after: { note: 'seeded' },
    });
  }
}

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
      await seed(knex, audit);

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
        reads: createReadModels(knex),
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
