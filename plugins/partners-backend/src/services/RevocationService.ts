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

import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  OffboardingItem,
  OffboardingRevocation,
} from '@partner-governance/plugin-partners-common';
import type { IdentitySource } from '@partner-governance/plugin-partners-node';
import type { Knex } from 'knex';
import type { AuditStore } from '../database/AuditStore';
import type { OffboardingStore } from '../database/OffboardingStore';
import { CHECKLISTS } from '../database/offboardingRows';
import { sourceErrorText } from './IdentitySourceRunner';
import { splitObservedAs, type RevocableSources } from './read/observations';

/** How long a source may take to revoke one identity. */
const REVOKE_TIMEOUT_MS = 30_000;

const REVOCATIONS = 'identity_revocations';

/** Values per `IN (...)` list, well under every engine's parameter limit. */
const IN_BATCH = 500;

/** A row of `identity_revocations`. */
interface RevocationRow {
  item_id: number | string;
  source_id: string;
  external_id: string;
  requested_by: string;
  requested_at: string;
  state: OffboardingRevocation['state'];
  verified_at: string | null;
}

function toRevocation(row: RevocationRow): OffboardingRevocation {
  return {
    sourceId: row.source_id,
    externalId: row.external_id,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    state: row.state,
    ...(row.verified_at !== null && { verifiedAt: row.verified_at }),
  };
}

/** Who acts. @internal */
export interface ActorContext {
  /** The user ref of the caller. */
  actor: string;
}

/** Who revokes, and whether they may for an integration. */
interface RevokeContext extends ActorContext {
  /** Whether the caller may revoke identities of the integration. */
  authorize(integrationRef: string): Promise<boolean>;
}

/**
 * Revocation through the identity sources: "revoke now" on an offboarding
 * item, suspending a partner, and the verification that completes an item
 * once a later observation shows its identity disabled or gone. Every
 * request, failure and verification is in the audit trail.
 */
export class RevocationService implements RevocableSources {
  constructor(
    private readonly options: {
      db: Knex;
      store: Pick<OffboardingStore, 'getItem' | 'completeItem'>;
      audit: Pick<AuditStore, 'append'>;
      /** The configured identity sources, by id. */
      sources: ReadonlyMap<string, IdentitySource>;
      logger: LoggerService;
      /** The current time; the system clock unless a test fixes it. */
      clock?: () => Date;
      /** How long a source may take to revoke one identity. */
      revokeTimeoutMs?: number;
    },
  ) {}

  private now(): string {
    return (this.options.clock?.() ?? new Date()).toISOString();
  }

  private revoker(sourceId: string) {
    const source = this.options.sources.get(sourceId);
    const revoke = source?.revoke ?? source?.disable;
    return source && revoke ? revoke.bind(source) : undefined;
  }

  canRevoke(sourceId: string): boolean {
    return this.revoker(sourceId) !== undefined;
  }

  /**
   * Why an identity declared with this `observedAs` cannot be revoked
   * through a source; undefined when it can.
   */
  whyNotRevocable(observedAs: string | null | undefined): string | undefined {
    if (!observedAs) {
      return 'its declaration names no identity source in observedAs';
    }
    const { sourceId } = splitObservedAs(observedAs);
    return this.canRevoke(sourceId)
      ? undefined
      : `source ${sourceId} is not configured or cannot revoke`;
  }

  /**
   * The items with what revocation adds: the source that can revoke a
   * pending revoke item's identity now, and the revocation asked for.
   */
  async describe(items: OffboardingItem[]): Promise<OffboardingItem[]> {
    const { db } = this.options;
    if (items.length === 0) {
      return items;
    }
    const revocations = new Map<number, RevocationRow>();
    const pending = items.filter(i => i.kind === 'revoke' && i.identity);
    for (let i = 0; i < items.length; i += IN_BATCH) {
      const rows: RevocationRow[] = await db(REVOCATIONS).whereIn(
        'item_id',
        items.slice(i, i + IN_BATCH).map(item => item.id),
      );
      for (const row of rows) {
        revocations.set(Number(row.item_id), row);
      }
    }
    const observedAs = await this.observedAsOf(pending);
    return items.map(item => {
      const revocation = revocations.get(item.id);
      const key = observedAs.get(`${item.integrationRef}\n${item.identity}`);
      const sourceId = key ? splitObservedAs(key).sourceId : undefined;
      return {
        ...item,
        ...(item.kind === 'revoke' &&
          item.status === 'pending' &&
          sourceId &&
          this.canRevoke(sourceId) && { revocableThrough: sourceId }),
        ...(revocation && { revocation: toRevocation(revocation) }),
      };
    });
  }

  /** The `observedAs` of the live declarations the items name. */
  private async observedAsOf(
    items: OffboardingItem[],
  ): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const refs = [...new Set(items.map(i => i.integrationRef))];
    for (let i = 0; i < refs.length; i += IN_BATCH) {
      const rows: Array<{
        integration_ref: string;
        name: string;
        observed_as: string;
      }> = await this.options
        .db('identities')
        .whereIn('integration_ref', refs.slice(i, i + IN_BATCH))
        .whereNull('gone_at')
        .whereNotNull('observed_as')
        .select('integration_ref', 'name', 'observed_as');
      for (const row of rows) {
        result.set(`${row.integration_ref}\n${row.name}`, row.observed_as);
      }
    }
    return result;
  }

  /**
   * "Revoke now": revokes the identity of a pending revoke item through
   * its source and records the request on the item, which stays pending
   * until verifyObserved completes it. Asking again (the identity came back)
   * revokes again. 404 for an unknown item, 403 without the caller's
   * permission on its integration, 409 when it is done, its checklist
   * verified, or no configured source can revoke its identity, 503 when the
   * source fails.
   */
  async revokeItem(
    id: number,
    context: RevokeContext,
  ): Promise<OffboardingItem> {
    const { store, db } = this.options;
    const item = await store.getItem(id);
    if (!item) {
      throw new NotFoundError(`No offboarding item ${id}`);
    }
    if (!(await context.authorize(item.integrationRef))) {
      throw new NotAllowedError(
        `You may not revoke identities of ${item.integrationRef}`,
      );
    }
    if (item.kind !== 'revoke' || !item.identity) {
      throw new ConflictError(
        `Offboarding item ${id} is not the revocation of an identity`,
      );
    }
    if (item.status === 'done') {
      throw new ConflictError(`Offboarding item ${id} was already completed`);
    }
    const checklist = await db(CHECKLISTS)
      .where('id', item.checklistId)
      .first('status');
    if (checklist?.status !== 'open') {
      throw new ConflictError(
        `Offboarding checklist ${item.checklistId} was already verified`,
      );
    }
    const observedAs = (await this.observedAsOf([item])).get(
      `${item.integrationRef}\n${item.identity}`,
    );
    const why = this.whyNotRevocable(observedAs);
    if (why || !observedAs) {
      throw new ConflictError(
        `${item.identity} of ${item.integrationRef} cannot be revoked through an identity source: ${why}`,
      );
    }
    const outcome = await this.revoke(
      { ...item, identity: item.identity },
      observedAs,
      context.actor,
    );
    if (outcome.outcome === 'failed') {
      throw new ServiceUnavailableError(
        `Source ${splitObservedAs(observedAs).sourceId} could not revoke ${
          item.identity
        }: ${outcome.detail}`,
      );
    }
    return (await this.describe([item]))[0];
  }

  /**
   * Revokes one identity through its source, records the revocation on
   * the item (when there is one) and audits the request or the failure.
   */
  async revoke(
    item: { id?: number; integrationRef: string; identity: string },
    observedAs: string,
    actor: string,
    partnerRef?: string,
  ): Promise<{ outcome: 'revoked' } | { outcome: 'failed'; detail: string }> {
    const { db, audit, logger } = this.options;
    const { sourceId, externalId } = splitObservedAs(observedAs);
    const revoke = this.revoker(sourceId)!;
    const at = this.now();
    const subject = {
      actor,
      subjectType: 'identity',
      subjectRef: item.integrationRef,
      ...(partnerRef && { partnerRef }),
    };
    const audited = {
      itemId: item.id,
      identity: item.identity,
      sourceId,
      externalId,
    };
    try {
      await withTimeout(
        revoke(externalId),
        this.options.revokeTimeoutMs ?? REVOKE_TIMEOUT_MS,
        `the source did not answer within ${
          (this.options.revokeTimeoutMs ?? REVOKE_TIMEOUT_MS) / 1000
        } s`,
      );
    } catch (error) {
      const detail = await sourceErrorText(error);
      logger.warn(
        `Source ${sourceId} could not revoke ${externalId}: ${detail}`,
      );
      await audit.append({
        ...subject,
        at,
        action: 'identity.revoke-failed',
        after: { ...audited, error: detail },
      });
      return { outcome: 'failed', detail };
    }
    await db.transaction(async tx => {
      // without an item (done already) there is nothing to verify
      if (item.id !== undefined) {
        const row = {
          source_id: sourceId,
          external_id: externalId,
          requested_by: actor,
          requested_at: at,
          state: 'requested',
          verified_at: null,
        };
        await tx(REVOCATIONS)
          .insert({ item_id: item.id, ...row })
          .onConflict('item_id')
          .merge(row);
      }
      await audit.append(
        { ...subject, at, action: 'identity.revoke-requested', after: audited },
        tx,
      );
    });
    return { outcome: 'revoked' };
  }

  /**
   * After a successful run of a source: the revocations through it that
   * were asked for before the run started, and whose identity the run
   * observed disabled or no longer saw, are verified, completing their
   * items (by whoever asked, so that a second person verifies the
   * checklist). Returns how many were verified.
   */
  async verifyObserved(
    sourceId: string,
    runStartedAt: string,
  ): Promise<number> {
    const { db, store, logger } = this.options;
    const rows: Array<RevocationRow & { status: string | null }> = await db(
      `${REVOCATIONS} as v`,
    )
      .leftJoin('observed_identities as o', join =>
        join
          .on('o.source_id', 'v.source_id')
          .andOn('o.external_id', 'v.external_id'),
      )
      .where('v.source_id', sourceId)
      .where('v.state', 'requested')
      .where('v.requested_at', '<', runStartedAt)
      .select('v.*', 'o.status');
    let verified = 0;
    for (const row of rows) {
      if (row.status === 'active') {
        continue;
      }
      const at = this.now();
      const how =
        row.status === 'disabled'
          ? `observed ${row.external_id} disabled`
          : `no longer observes ${row.external_id}`;
      const result = await store.completeItem(Number(row.item_id), {
        evidence: `Verified by observation: source ${sourceId} ${how} in its run of ${runStartedAt} (revoked by ${row.requested_by} at ${row.requested_at})`,
        actor: row.requested_by,
        at,
      });
      if (result.outcome === 'not-found') {
        continue;
      }
      await db(REVOCATIONS)
        .where('item_id', row.item_id)
        .where('state', 'requested')
        .update({ state: 'verified', verified_at: at });
      verified += result.outcome === 'completed' ? 1 : 0;
    }
    if (verified > 0) {
      logger.info(
        `Source ${sourceId} verified ${verified} revocations by observation`,
      );
    }
    return verified;
  }
}

/** The promise, or a rejection with `message` after `ms`. */
async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  message: string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
