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

import { parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  entityRefKey,
  PARTNER_LIFECYCLE_STAGES,
  RULES,
  type AuditEventRecord,
  type EvidenceFinding,
  type EvidenceFormat,
  type EvidenceFrameworkControl,
  type EvidenceIdentity,
  type EvidenceIntegration,
  type EvidencePack,
  type EvidencePartner,
  type ExceptionRecord,
  type FindingRecord,
  type OffboardingChecklist,
  type OwnershipEntry,
  type ReviewSummary,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import type { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { withAcceptedRisk } from '../database/acceptedRisk';
import { REVIEW_SUMMARY_COLUMNS } from '../database/DatabaseReviewsStore';
import { jsonArray, jsonOf } from '../database/json';
import { compact, normalizeRef } from './read/ReadModel';
import { ScorecardReadModel } from './read/ScorecardReadModel';

type Row = Record<string, any>;

/** A ref lower-cased as the index stores it, or as written if unparsable. */
function ownerKey(ref: string, namespace: string): string {
  try {
    return entityRefKey(
      parseEntityRef(ref, {
        defaultKind: 'Group',
        defaultNamespace: namespace,
      }),
    );
  } catch {
    return ref;
  }
}

/** Who exports a pack and how. */
interface EvidenceExportContext {
  /** The user or service ref that exports, the audit actor. */
  actor: string;
  format: EvidenceFormat;
}

/**
 * The evidence pack of a partner for auditors: everything the plugin knows
 * about it, mapped to the framework ids of the rule catalog. Identities are
 * read column by column, never `secret_ref`: the pack holds no secret value
 * and no secret location. Exceptions and the offboarding checklist come from
 * their services when given; the pack leaves them empty without them.
 */
export class EvidenceService {
  constructor(
    private readonly options: {
      db: Knex;
      audit: Pick<DatabaseAuditStore, 'append' | 'list'>;
      exceptions?: { listForPartner(ref: string): Promise<ExceptionRecord[]> };
      offboarding?: {
        getOffboarding(
          ref: string,
        ): Promise<{ checklist?: OffboardingChecklist }>;
      };
      /** The current time; the system clock unless a test fixes it. */
      clock?: () => Date;
    },
  ) {}

  /**
   * Builds the pack and appends its `evidence.exported` audit event. 400
   * for a malformed ref, 404 for a partner the index never held.
   */
  async exportPack(
    ref: string,
    context: EvidenceExportContext,
  ): Promise<EvidencePack> {
    const pack = await this.build(ref);
    await this.options.audit.append({
      at: pack.generatedAt,
      actor: context.actor,
      action: 'evidence.exported',
      subjectType: 'partner',
      subjectRef: pack.partner.entityRef,
      partnerRef: pack.partner.entityRef,
      after: { format: context.format },
    });
    return pack;
  }

  /** The pack of a partner, in the catalog or gone from it. */
  async build(ref: string): Promise<EvidencePack> {
    const { db } = this.options;
    const now = this.options.clock?.() ?? new Date();
    const partnerRef = normalizeRef(ref, 'request/params/ref', 'partner');
    const row: Row | undefined = await db('partners')
      .where('entity_ref', partnerRef)
      .first();
    if (!row) {
      throw new NotFoundError(`No partner ${partnerRef}`);
    }
    const partner = this.partner(row);

    const integrationRows: Row[] = await db('integrations')
      .select(
        'entity_ref',
        'title',
        'type',
        'owner_ref',
        'environment',
        'access_package',
        'gone_at',
      )
      .where('partner_ref', partnerRef)
      .orderBy('entity_ref');
    const integrations: EvidenceIntegration[] = integrationRows.map(r =>
      compact({
        entityRef: r.entity_ref,
        title: r.title,
        type: r.type,
        owner: r.owner_ref,
        environment: r.environment,
        accessPackage: r.access_package,
        goneAt: r.gone_at,
      }),
    );
    const identities = await this.identities(
      integrationRows.map(r => r.entity_ref),
    );

    const [reviews, findings, auditEvents] = await Promise.all([
      this.reviews(partnerRef, now),
      this.findings(partnerRef, now),
      this.auditEvents(partnerRef),
    ]);
    const exceptions =
      (await this.options.exceptions?.listForPartner(partnerRef)) ?? [];
    const offboarding = (
      await this.options.offboarding?.getOffboarding(partnerRef)
    )?.checklist;
    const scorecard = await new ScorecardReadModel(db).forPartner(
      partnerRef,
      now,
    );

    return compact({
      generatedAt: now.toISOString(),
      partner,
      ownership: this.ownership(partner, integrations, identities),
      integrations,
      identities,
      reviews,
      exceptions,
      offboarding,
      findings,
      frameworks: frameworkSummary(findings),
      scorecard,
      auditEvents,
    });
  }

  private partner(row: Row): EvidencePartner {
    const entity = jsonOf<Row>(row.entity) ?? {};
    const spec: Row = entity.spec ?? {};
    const namespace: string = entity.metadata?.namespace ?? 'default';
    const stageOwners: Record<string, string> = {};
    for (const stage of PARTNER_LIFECYCLE_STAGES) {
      const owner = spec.lifecycle?.stageOwners?.[stage];
      if (typeof owner === 'string' && owner) {
        stageOwners[stage] = ownerKey(owner, namespace);
      }
    }
    const contract = compact({
      start: spec.contract?.start,
      end: spec.contract?.end ?? row.contract_end,
      status: spec.contract?.status ?? row.contract_status,
    });
    const dueDiligence = compact({
      completed: spec.risk?.dueDiligence?.completed,
      reference: spec.risk?.dueDiligence?.reference,
    });
    return compact({
      entityRef: row.entity_ref,
      title: row.title,
      type: row.type,
      stage: row.stage,
      tier: row.tier,
      owner: row.owner_ref,
      stageOwners,
      contract: Object.keys(contract).length ? contract : undefined,
      dueDiligence: Object.keys(dueDiligence).length ? dueDiligence : undefined,
      goneAt: row.gone_at,
    });
  }

  /** Identities of the integrations, live and gone; never `secret_ref`. */
  private async identities(refs: string[]): Promise<EvidenceIdentity[]> {
    const rows: Row[] = [];
    for (let i = 0; i < refs.length; i += 500) {
      rows.push(
        ...(await this.options
          .db('identities')
          .select(
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
          )
          .whereIn('integration_ref', refs.slice(i, i + 500))
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
        environment: r.environment,
        issued: r.issued,
        lastRotated: r.last_rotated,
        rotationDays:
          r.rotation_days === null || r.rotation_days === undefined
            ? undefined
            : Number(r.rotation_days),
        expires: r.expires,
        lastUsed: r.last_used,
        custodian: r.custodian_ref,
        sharedWith: jsonArray(r.shared_with),
        goneAt: r.gone_at,
      }),
    );
  }

  /**
   * The shared ownership register: who answers for the partner, each stage,
   * each integration in the catalog and each of its identities.
   */
  private ownership(
    partner: EvidencePartner,
    integrations: EvidenceIntegration[],
    identities: EvidenceIdentity[],
  ): OwnershipEntry[] {
    const entries: OwnershipEntry[] = [
      {
        role: 'business-owner',
        owner: partner.owner,
        subjectRef: partner.entityRef,
      },
    ];
    for (const stage of PARTNER_LIFECYCLE_STAGES) {
      const owner = partner.stageOwners[stage];
      if (owner) {
        entries.push({
          role: 'stage-owner',
          owner,
          subjectRef: partner.entityRef,
          stage,
        });
      }
    }
    for (const integration of integrations) {
      if (!integration.goneAt) {
        entries.push({
          role: 'integration-owner',
          owner: integration.owner,
          subjectRef: integration.entityRef,
        });
      }
    }
    const live = new Set(
      integrations.filter(i => !i.goneAt).map(i => i.entityRef),
    );
    for (const identity of identities) {
      if (identity.custodian && !identity.goneAt) {
        if (live.has(identity.integrationRef)) {
          entries.push({
            role: 'identity-custodian',
            owner: identity.custodian,
            subjectRef: identity.integrationRef,
            identity: identity.name,
          });
        }
      }
    }
    return entries;
  }

  private async reviews(
    partnerRef: string,
    now: Date,
  ): Promise<ReviewSummary[]> {
    const rows: Row[] = await this.options
      .db('access_reviews')
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
        decidedAt: r.decided_at,
        decidedBy: r.decided_by,
        comment: r.comment,
        revokedIdentities: jsonOf<string[]>(r.revoked_identities),
      }),
    );
  }

  private async findings(
    partnerRef: string,
    now: Date,
  ): Promise<EvidenceFinding[]> {
    const rows: Row[] = await this.options
      .db('findings')
      .where('partner_ref', partnerRef)
      .orderBy('id');
    const records: FindingRecord[] = rows.map(r =>
      compact({
        id: Number(r.id),
        ruleId: r.rule_id,
        severity: r.severity,
        entityRef: r.entity_ref,
        identity: r.identity || undefined,
        partnerRef: r.partner_ref,
        message: r.message,
        frameworks: jsonArray(r.frameworks),
        firstSeen: r.first_seen_at,
        lastSeen: r.last_seen_at,
        resolvedAt: r.resolved_at,
      }),
    );
    return (await withAcceptedRisk(this.options.db, records, now)).map(f => {
      let status: EvidenceFinding['status'] = 'open';
      if (f.resolvedAt) {
        status = 'resolved';
      } else if (f.acceptedRisk) {
        status = 'accepted';
      }
      return { ...f, status };
    });
  }

  /** The partner's audit trail, oldest first. */
  private async auditEvents(partnerRef: string): Promise<AuditEventRecord[]> {
    const events: AuditEventRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.options.audit.list({
        partner: partnerRef,
        limit: 100,
        cursor,
      });
      events.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return events.reverse();
  }
}

/**
 * Every control of the rule catalog, and any other a finding names, with
 * the rules that test it and the partner's open and accepted findings.
 */
export function frameworkSummary(
  findings: EvidenceFinding[],
): EvidenceFrameworkControl[] {
  const controls = new Map<
    string,
    { ruleIds: Set<string>; openFindings: number; acceptedRisks: number }
  >();
  const control = (id: string) => {
    let entry = controls.get(id);
    if (!entry) {
      entry = { ruleIds: new Set(), openFindings: 0, acceptedRisks: 0 };
      controls.set(id, entry);
    }
    return entry;
  };
  for (const rule of Object.values(RULES)) {
    for (const id of rule.frameworks) {
      control(id).ruleIds.add(rule.id);
    }
  }
  for (const finding of findings) {
    for (const id of finding.frameworks) {
      const entry = control(id);
      entry.ruleIds.add(finding.ruleId);
      if (finding.status === 'open') {
        entry.openFindings += 1;
      } else if (finding.status === 'accepted') {
        entry.acceptedRisks += 1;
      }
    }
  }
  return (
    [...controls.entries()]
      // by code unit, not locale: the same order on every machine
      .sort(([a], [b]) => Number(a > b) - Number(a < b))
      .map(([id, entry]) => ({
        control: id,
        ruleIds: [...entry.ruleIds].sort(),
        openFindings: entry.openFindings,
        acceptedRisks: entry.acceptedRisks,
      }))
  );
}

/** `<partner-name>-evidence-<date>.<format>`, safe in a header. */
export function evidenceFileName(
  pack: EvidencePack,
  format: EvidenceFormat,
): string {
  const name = pack.partner.entityRef
    .slice(pack.partner.entityRef.lastIndexOf('/') + 1)
    .replace(/[^A-Za-z0-9._-]/g, '_');
  return `${name}-evidence-${pack.generatedAt.slice(0, 10)}.${format}`;
}
