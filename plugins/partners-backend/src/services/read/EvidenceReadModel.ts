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
  type EvidenceFinding,
  type EvidenceIdentity,
  type EvidenceIntegration,
  type EvidencePartner,
  type FindingRecord,
  type PartnerEntityV1alpha1,
  type ReviewSummary,
} from '@partner-governance/plugin-partners-common';
import { withAcceptedRisk } from '../../database/acceptedRisk';
import {
  REVIEW_SUMMARY_COLUMNS,
  type ReviewSummaryRow,
} from '../../database/DatabaseReviewsStore';
import { jsonArray, jsonOf } from '../../database/json';
import { stageOwnersOf } from './stageOwners';
import type {
  FindingsRow,
  IndexedIdentitiesRow,
  IndexedIntegrationsRow,
  IndexedPartnersRow,
} from '../../database/tables';
import { compact, ReadModel } from './ReadModel';

/** The identity columns a pack holds: every one but `secret_ref`. */
const IDENTITY_COLUMNS = [
  'integration_ref',
  'name',
  'type',
  'status',
  'scopes',
  'privileged',
  'environment',
  'issued',
  'last_rotated',
  'rotation_days',
  'expires',
  'last_used',
  'custodian_ref',
  'shared_with',
  'gone_at',
] as const;

type IdentityColumn = (typeof IDENTITY_COLUMNS)[number];

const INTEGRATION_COLUMNS = [
  'entity_ref',
  'title',
  'type',
  'owner_ref',
  'environment',
  'access_package',
  'gone_at',
] as const;

/** identities.integration_ref lists per query: below every bind limit. */
const IN_CHUNK = 500;

/**
 * What a partner's evidence pack reads from the index: the partner (in the
 * catalog or gone), its integrations and identities (never `secret_ref`:
 * the pack holds no secret value and no secret location), its reviews and
 * its findings with their accepted risk. @internal
 */
export class EvidenceReadModel extends ReadModel {
  async partner(partnerRef: string): Promise<EvidencePartner | undefined> {
    const row = await this.db<IndexedPartnersRow>('partners')
      .where('entity_ref', partnerRef)
      .first();
    return row && toPartner(row);
  }

  async integrations(partnerRef: string): Promise<EvidenceIntegration[]> {
    const rows = await this.db<IndexedIntegrationsRow>('integrations')
      .select(...INTEGRATION_COLUMNS)
      .where('partner_ref', partnerRef)
      .orderBy('entity_ref');
    return rows.map(r =>
      compact({
        entityRef: r.entity_ref,
        title: r.title ?? undefined,
        type: r.type,
        owner: r.owner_ref,
        environment: r.environment ?? undefined,
        accessPackage: r.access_package ?? undefined,
        goneAt: r.gone_at ?? undefined,
      }),
    );
  }

  /** Identities of the integrations, live and gone. */
  async identities(integrationRefs: string[]): Promise<EvidenceIdentity[]> {
    const rows: Array<Pick<IndexedIdentitiesRow, IdentityColumn>> = [];
    for (let i = 0; i < integrationRefs.length; i += IN_CHUNK) {
      rows.push(
        ...(await this.db<IndexedIdentitiesRow>('identities')
          .select(...IDENTITY_COLUMNS)
          .whereIn('integration_ref', integrationRefs.slice(i, i + IN_CHUNK))
          .orderBy(['integration_ref', 'name'])),
      );
    }
    return rows.map(r =>
      compact({
        integrationRef: r.integration_ref,
        name: r.name,
        type: r.type,
        status: r.status,
        scopes: jsonArray(r.scopes),
        privileged: Boolean(r.privileged),
        environment: r.environment ?? undefined,
        issued: r.issued ?? undefined,
        lastRotated: r.last_rotated ?? undefined,
        rotationDays:
          r.rotation_days === null || r.rotation_days === undefined
            ? undefined
            : Number(r.rotation_days),
        expires: r.expires ?? undefined,
        lastUsed: r.last_used ?? undefined,
        custodian: r.custodian_ref ?? undefined,
        sharedWith: jsonArray(r.shared_with),
        goneAt: r.gone_at ?? undefined,
      }),
    );
  }

  async reviews(partnerRef: string, now: Date): Promise<ReviewSummary[]> {
    const rows: ReviewSummaryRow[] = await this.db('access_reviews')
      .select(REVIEW_SUMMARY_COLUMNS)
      .where('partner_ref', partnerRef)
      .orderBy('id');
    return rows.map(r =>
      compact({
        id: Number(r.id),
        integrationRef: r.integration_ref,
        partnerRef: r.partner_ref,
        assignee: r.assignee_ref,
        status: r.status,
        openedAt: r.opened_at,
        dueAt: r.due_at,
        overdue: r.status === 'pending' && Date.parse(r.due_at) < now.getTime(),
        decidedAt: r.decided_at ?? undefined,
        decidedBy: r.decided_by ?? undefined,
        comment: r.comment ?? undefined,
        revokedIdentities: jsonOf<string[]>(r.revoked_identities),
      }),
    );
  }

  /** Every finding of the partner, open, accepted or resolved. */
  async findings(partnerRef: string, now: Date): Promise<EvidenceFinding[]> {
    const rows = await this.db<FindingsRow>('findings')
      .where('partner_ref', partnerRef)
      .orderBy('id');
    const records: FindingRecord[] = rows.map(r =>
      compact({
        id: Number(r.id),
        ruleId: r.rule_id,
        severity: r.severity,
        entityRef: r.entity_ref,
        identity: r.identity || undefined,
        partnerRef: r.partner_ref ?? undefined,
        message: r.message,
        frameworks: jsonArray(r.frameworks),
        firstSeen: r.first_seen_at,
        lastSeen: r.last_seen_at,
        resolvedAt: r.resolved_at ?? undefined,
      }),
    );
    return (await withAcceptedRisk(this.db, records, now)).map(f => {
      let status: EvidenceFinding['status'] = 'open';
      if (f.resolvedAt) {
        status = 'resolved';
      } else if (f.acceptedRisk) {
        status = 'accepted';
      }
      return { ...f, status };
    });
  }
}

/** The partner as the pack shows it, from its row and stored entity. */
function toPartner(row: IndexedPartnersRow): EvidencePartner {
  const entity = jsonOf<Partial<PartnerEntityV1alpha1>>(row.entity) ?? {};
  const spec: Partial<PartnerEntityV1alpha1['spec']> = entity.spec ?? {};
  const stageOwners = stageOwnersOf(entity);
  const contract = compact({
    start: spec.contract?.start,
    end: spec.contract?.end ?? row.contract_end ?? undefined,
    status: spec.contract?.status ?? row.contract_status ?? undefined,
  });
  const dueDiligence = compact({
    completed: spec.risk?.dueDiligence?.completed,
    reference: spec.risk?.dueDiligence?.reference,
  });
  return compact({
    entityRef: row.entity_ref,
    title: row.title ?? undefined,
    type: row.type,
    stage: row.stage,
    tier: row.tier,
    owner: row.owner_ref,
    stageOwners,
    contract: Object.keys(contract).length ? contract : undefined,
    dueDiligence: Object.keys(dueDiligence).length ? dueDiligence : undefined,
    goneAt: row.gone_at ?? undefined,
  });
}
