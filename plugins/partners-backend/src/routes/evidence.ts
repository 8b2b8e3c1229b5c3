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
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { partnersAuditReadPermission } from '@partner-governance/plugin-partners-common';
import type { Response } from 'express';
import {
  evidenceFileName,
  evidencePackToCsv,
  type EvidenceService,
} from '../services/EvidenceService';
import {
  authorizeOrThrow,
  createAudited,
  type PartnersRouter,
} from './audited';

/**
 * `GET /partners/{ref}/evidence`: the evidence pack of a partner, as a JSON
 * or CSV attachment. Needs partners.audit.read; every export is an auditor
 * event (medium) and an `evidence.exported` row of the audit trail.
 *
 * @internal
 */
export function registerEvidenceRoutes(
  router: PartnersRouter,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    evidence: Pick<EvidenceService, 'exportPack'>;
  },
): void {
  const { httpAuth, permissions, evidence } = options;
  const audited = createAudited(options.auditor);

  router.get('/partners/:ref/evidence', async (req, res) => {
    const format = req.query.format ?? 'json';
    const pack = await audited(
      req,
      {
        eventId: 'evidence-export',
        severityLevel: 'medium',
        meta: { ref: req.params.ref, format },
      },
      async auditorEvent => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        await authorizeOrThrow(
          permissions,
          credentials,
          partnersAuditReadPermission,
          'You may not export partner evidence',
        );
        const { principal } = credentials;
        const result = await evidence.exportPack(req.params.ref, {
          actor:
            principal.type === 'user'
              ? principal.userEntityRef
              : principal.subject,
          format,
        });
        await auditorEvent.success({
          meta: {
            partnerRef: result.partner.entityRef,
            format,
            integrations: result.integrations.length,
            identities: result.identities.length,
            findings: result.findings.length,
            auditEvents: result.auditEvents.length,
          },
        });
        return result;
      },
    );
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${evidenceFileName(pack, format)}"`,
    );
    if (format === 'csv') {
      // the spec's text/csv response is a string; the typed router knows
      // only the JSON body
      (res as Response)
        .type('text/csv; charset=utf-8')
        .send(evidencePackToCsv(pack));
    } else {
      res.json(pack);
    }
  });
}
