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
import { stringify } from 'csv-stringify/sync';
import { compact } from './read/ReadModel';

/*
 * The evidence pack as one CSV file, for auditors who work in a
 * spreadsheet: a fixed set of columns, one row per record with its section
 * first, and no cell a spreadsheet would run as a formula.
 */

/** The columns of the CSV evidence pack, in order; stable across exports. */
export const EVIDENCE_CSV_COLUMNS = [
  'section',
  'id',
  'ref',
  'integration',
  'identity',
  'title',
  'type',
  'status',
  'role',
  'owner',
  'stage',
  'tier',
  'severity',
  'rule_id',
  'control',
  'count',
  'frameworks',
  'scopes',
  'privileged',
  'environment',
  'access_package',
  'issued',
  'last_rotated',
  'expires',
  'last_used',
  'opened_at',
  'due_at',
  'decided_at',
  'decided_by',
  'at',
  'actor',
  'message',
  'comment',
  'details',
] as const;

type CsvColumn = (typeof EVIDENCE_CSV_COLUMNS)[number];
type CsvRecord = Partial<Record<CsvColumn, unknown>>;

/**
 * A cell a spreadsheet will not run: text that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return gets a leading `'`.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (Array.isArray(value)) {
    return neutraliseCell(value.map(String).join(';'));
  }
  if (typeof value === 'object') {
    return Object.keys(value).length ? JSON.stringify(value) : '';
  }
  return neutraliseCell(String(value));
}

/** The scorecard, one row per measure: its count and what it is out of. */
function scorecardRecords(card: EvidencePack['scorecard']): CsvRecord[] {
  return [
    {
      title: 'control adherence',
      count: card.controlAdherence.passing,
      details: { of: card.controlAdherence.total },
    },
    {
      title: 'usage',
      count: card.usage.used,
      details: { of: card.usage.granted },
    },
    { title: 'open exceptions', count: card.openExceptions },
    { title: 'incidents last year', count: card.incidentsLastYear },
  ].map(record => ({ section: 'scorecard', ...record }));
}

/** The pack as one CSV file: one row per record, its section first. */
export function evidencePackToCsv(pack: EvidencePack): string {
  const { partner } = pack;
  const records: CsvRecord[] = [
    {
      section: 'partner',
      ref: partner.entityRef,
      title: partner.title,
      type: partner.type,
      status: partner.contract?.status,
      owner: partner.owner,
      stage: partner.stage,
      tier: partner.tier,
      opened_at: partner.contract?.start,
      due_at: partner.contract?.end,
      decided_at: partner.dueDiligence?.completed,
      at: pack.generatedAt,
      message: partner.dueDiligence?.reference,
      details: compact({
        stageOwners: partner.stageOwners,
        contract: partner.contract,
        dueDiligence: partner.dueDiligence,
        goneAt: partner.goneAt,
      }),
    },
    ...pack.ownership.map(o => ({
      section: 'ownership',
      ref: o.subjectRef,
      identity: o.identity,
      role: o.role,
      owner: o.owner,
      stage: o.stage,
    })),
    ...pack.integrations.map(i => ({
      section: 'integration',
      ref: i.entityRef,
      title: i.title,
      type: i.type,
      status: i.goneAt ? 'gone' : 'live',
      owner: i.owner,
      environment: i.environment,
      access_package: i.accessPackage,
      at: i.goneAt,
    })),
    ...pack.identities.map(i => ({
      section: 'identity',
      integration: i.integrationRef,
      identity: i.name,
      type: i.type,
      status: i.status,
      owner: i.custodian,
      scopes: i.scopes,
      privileged: i.privileged,
      environment: i.environment,
      issued: i.issued,
      last_rotated: i.lastRotated,
      expires: i.expires,
      last_used: i.lastUsed,
      at: i.goneAt,
      details: compact({
        rotationDays: i.rotationDays,
        sharedWith: i.sharedWith.length ? i.sharedWith : undefined,
      }),
    })),
    ...pack.reviews.map(r => ({
      section: 'review',
      id: r.id,
      integration: r.integrationRef,
      status: r.overdue ? 'overdue' : r.status,
      owner: r.assignee,
      opened_at: r.openedAt,
      due_at: r.dueAt,
      decided_at: r.decidedAt,
      decided_by: r.decidedBy,
      comment: r.comment,
      details: compact({ revokedIdentities: r.revokedIdentities }),
    })),
    ...pack.exceptions.map(x => ({
      section: 'exception',
      id: x.id,
      ref: x.entityRef,
      identity: x.identity,
      status: x.status,
      owner: x.requestedBy,
      rule_id: x.ruleId,
      opened_at: x.requestedAt,
      due_at: x.expiresAt,
      decided_at: x.decidedAt,
      decided_by: x.decidedBy,
      at: x.expiredAt,
      message: x.justification,
      comment: x.decisionComment,
    })),
    ...(pack.offboarding
      ? [
          {
            section: 'offboarding-checklist',
            id: pack.offboarding.id,
            ref: pack.offboarding.partnerRef,
            status: pack.offboarding.status,
            opened_at: pack.offboarding.openedAt,
            decided_at: pack.offboarding.verifiedAt,
            decided_by: pack.offboarding.verifiedBy,
            comment: pack.offboarding.comment,
            details: {
              reasons: pack.offboarding.reasons,
              progress: pack.offboarding.progress,
            },
          },
          ...pack.offboarding.items.map(item => ({
            section: 'offboarding-item',
            id: item.id,
            integration: item.integrationRef,
            identity: item.identity,
            type: item.kind,
            status: item.status,
            decided_at: item.completedAt,
            decided_by: item.completedBy,
            message: item.description,
            comment: item.evidence,
            details: compact({
              checklistId: item.checklistId,
              source: item.source,
              reviewId: item.reviewId,
            }),
          })),
        ]
      : []),
    ...pack.findings.map(f => ({
      section: 'finding',
      id: f.id,
      ref: f.entityRef,
      identity: f.identity,
      status: f.status,
      severity: f.severity,
      rule_id: f.ruleId,
      frameworks: f.frameworks,
      opened_at: f.firstSeen,
      decided_at: f.resolvedAt,
      at: f.lastSeen,
      message: f.message,
      details: compact({ acceptedRisk: f.acceptedRisk }),
    })),
    ...pack.frameworks.map(c => ({
      section: 'framework',
      control: c.control,
      type: c.framework,
      title: c.title,
      rule_id: c.ruleIds,
      count: c.openFindings,
      details: { acceptedRisks: c.acceptedRisks, findingIds: c.findingIds },
    })),
    ...scorecardRecords(pack.scorecard),
    ...pack.auditEvents.map(e => ({
      section: 'audit-event',
      id: e.id,
      ref: e.subjectRef,
      type: e.action,
      at: e.at,
      actor: e.actor,
      details: compact({
        subjectType: e.subjectType,
        before: e.before,
        after: e.after,
      }),
    })),
  ];
  return stringify(
    records.map(record => EVIDENCE_CSV_COLUMNS.map(c => cell(record[c]))),
    { header: true, columns: [...EVIDENCE_CSV_COLUMNS] },
  );
}
