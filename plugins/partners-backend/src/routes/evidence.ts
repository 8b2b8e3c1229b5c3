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

import type { EvidenceService } from '../services/EvidenceService';
import { normalizeRef } from '../services/read/ReadModel';
import { evidenceFileName } from '../services/evidencePack';
import { evidencePackToCsv } from '../services/evidenceCsv';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * `GET /partners/{ref}/evidence`: the evidence pack of a partner, as a JSON
 * or CSV attachment. Needs partners.details.read on the partner (its
 * stakeholders, and admins in the example policy); every export is an auditor
 * event (medium) and an `evidence.exported` row of the audit trail.
 *
 * @internal
 */
export function registerEvidenceRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: { evidence: Pick<EvidenceService, 'exportPack'> },
): void {
  router.get(
    '/partners/:ref/evidence',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'evidence-export',
        severityLevel: 'medium',
        meta: req => ({
          ref: req.params.ref,
          format: req.query.format ?? 'json',
        }),
      },
      async handle(req, { actor, requireDetails }) {
        const partnerRef = normalizeRef(
          req.params.ref,
          'request/params/ref',
          'partner',
        );
        await requireDetails(partnerRef, 'export the evidence');
        const format = req.query.format ?? 'json';
        const pack = await deps.evidence.exportPack(req.params.ref, {
          actor,
          format,
        });
        return { pack, format };
      },
      auditSuccess: ({ pack, format }) => ({
        partnerRef: pack.partner.entityRef,
        format,
        integrations: pack.integrations.length,
        identities: pack.identities.length,
        findings: pack.findings.length,
        auditEvents: pack.auditEvents.length,
      }),
      respond(res, { pack, format }) {
        res.setHeader(
          'Content-Disposition',
          `attachment; filename="${evidenceFileName(pack, format)}"`,
        );
        if (format === 'csv') {
          res.type('text/csv; charset=utf-8').send(evidencePackToCsv(pack));
        } else {
          res.json(pack);
        }
      },
    }),
  );
}
