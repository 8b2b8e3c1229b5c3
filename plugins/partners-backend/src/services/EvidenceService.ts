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

import { NotFoundError } from '@backstage/errors';
import {
  ownershipEntries,
  type AuditEventRecord,
  type EvidenceFormat,
  type EvidencePack,
  type ExceptionRecord,
  type OffboardingChecklist,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import type { AuditStore } from '../database/AuditStore';
import { frameworkSummary } from './evidencePack';
import { EvidenceReadModel } from './read/EvidenceReadModel';
import { compact, normalizeRef } from './read/ReadModel';
import { ScorecardReadModel } from './read/ScorecardReadModel';

/** Who exports a pack and how. */
interface EvidenceExportContext {
  /** The user or service ref that exports, the audit actor. */
  actor: string;
  format: EvidenceFormat;
}

/**
 * The evidence pack of a partner for auditors: everything the plugin knows
 * about it, mapped to the framework ids of the rule catalog, read through
 * the evidence read model (which never reads `secret_ref`). Exceptions and the offboarding checklist come from
 * their services when given; the pack leaves them empty without them.
 */
export class EvidenceService {
  constructor(
    private readonly options: {
      db: Knex;
      audit: AuditStore;
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
    const read = new EvidenceReadModel(db);
    const partner = await read.partner(partnerRef);
    if (!partner) {
      throw new NotFoundError(`No partner ${partnerRef}`);
    }
    const integrations = await read.integrations(partnerRef);
    const identities = await read.identities(
      integrations.map(integration => integration.entityRef),
    );
    const [reviews, findings, auditEvents] = await Promise.all([
      read.reviews(partnerRef, now),
      read.findings(partnerRef, now),
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
      ownership: ownershipEntries({
        partnerRef: partner.entityRef,
        owner: partner.owner,
        stageOwners: partner.stageOwners,
        integrations,
        identities,
      }),
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
