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
  RULE_IDS,
  RULES,
  type EvidencePack,
} from '@partner-governance/plugin-partners-common';
import { createTestDatabases } from './__testUtils__/databases';
import {
  ACME,
  ACME_API,
  ACME_OLD,
  BOLT,
  BOLT_API,
  NOW,
  SECRET_REFS,
} from './__testUtils__/evidenceEstate';
import { AUDITOR, evidenceRouter } from './__testUtils__/evidenceRouter';

jest.setTimeout(90_000);

describe('evidence pack route', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = evidenceRouter(databases, databaseId);
    const { get, exported } = fx;

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

      // every control of the rule catalog, by framework, with the
      // partner's counts and findings
      const catalogControls = new Set(
        Object.values(RULES).flatMap(rule => rule.frameworks),
      );
      expect(pack.frameworks.map(c => c.control).sort()).toEqual(
        [...catalogControls].sort(),
      );
      const control = (id: string) =>
        pack.frameworks.find(c => c.control === id);
      expect(control('NHI7')).toEqual({
        control: 'NHI7',
        framework: 'OWASP NHI Top 10 2025',
        title: 'Long-lived secrets',
        findingIds: [pack.findings[0].id],
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
      expect(fx.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'evidence-export',
          severityLevel: 'medium',
          meta: { ref: ACME, format: 'json' },
        }),
      );
      const event = await fx.auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalledWith({
        meta: expect.objectContaining({ partnerRef: ACME, format: 'json' }),
      });
    });

    it("carries the scorecard the partner's page shows", async () => {
      const pack: EvidencePack = await (await get(ACME)).json();
      const page = await fetch(
        `${fx.baseUrl}/partners/${encodeURIComponent(ACME)}`,
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
  });
});
