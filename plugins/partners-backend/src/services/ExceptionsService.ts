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

import type { DetailsScope } from '../database/stakeholders';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  daysBetween,
  RULE_IDS,
  RULES,
  toDayNumber,
  type CreateExceptionRequest,
  type ExceptionDecisionRequest,
  type ExceptionRecord,
  type ListExceptionsRequest,
  type ListExceptionsResponse,
  type PartnersPolicy,
  type RuleId,
} from '@partner-governance/plugin-partners-common';
import type { EvaluatedFinding } from '../database/FindingsStore';
import type { ExceptionsStore } from '../database/ExceptionsStore';
import { decodeKeysetCursor, encodeCursor } from '../database/cursors';
import { checkFreeText } from './freeText';
import { normalizeRef } from './read/ReadModel';
import type { EntityAccessCache } from './EntityAccessCache';

/** Page size when the request names none (the spec enforces 1..100). */
const DEFAULT_PAGE_SIZE = 25;

const ID = /^[1-9][0-9]{0,14}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant an `expiresAt` names: a date is midnight UTC of that day, a
 * timestamp must carry its offset. An InputError naming the field otherwise.
 */
export function parseExpiry(value: string): Date {
  const field = 'request/body/expiresAt';
  if (!DATE_ONLY.test(value) && !TIMESTAMP.test(value)) {
    throw new InputError(
      `${field} must be a date (YYYY-MM-DD) or an ISO-8601 timestamp with an offset (2027-03-31T12:00:00Z)`,
    );
  }
  const time = Date.parse(value);
  // Date.parse rolls 2027-02-30 over to March: the day must read back.
  if (Number.isNaN(time) || toDayNumber(value.slice(0, 10)) === undefined) {
    throw new InputError(`${field} is not a real date: ${value}`);
  }
  return new Date(time);
}

/** A justification or comment: see checkFreeText. */
function checkText(
  value: string,
  field: string,
  options: { required: boolean },
): Promise<string | undefined> {
  return checkFreeText(value, field, {
    ...options,
    secretHint: 'describe the risk, never paste a secret',
  });
}

/** Who decides an exception. */
interface ExceptionDecisionContext {
  /** The user ref of the decider. */
  actor: string;
}

/**
 * Exceptions to rules: requesting them, deciding them (never by the
 * requester), expiring them, and what they mean for the findings.
 */
export class ExceptionsService {
  constructor(
    private readonly options: {
      store: ExceptionsStore;
      /** The policy in force; read on every use so config changes apply. */
      policy: () => PartnersPolicy;
      logger: LoggerService;
      /**
       * Cached access pages, which show accepted risk: a decision drops them.
       */
      accessPages?: Pick<EntityAccessCache, 'invalidate'>;
      /** The current time; the system clock unless a test fixes it. */
      clock?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /**
   * Requests an exception. 400 naming the field for an unknown rule, a
   * malformed ref or one that is not a partner or integration, an identity
   * on a partner, an empty, too long or secret-holding justification, or an
   * expiry not in the future or beyond policy.exceptionMaxDays whole days
   * from today; 404 for an entity or identity not in the index; 409 when an
   * open exception covers the same finding.
   */
  async request(
    request: CreateExceptionRequest,
    requestedBy: string,
    now: Date = this.now(),
  ): Promise<ExceptionRecord> {
    const { store } = this.options;
    if (!(RULE_IDS as readonly string[]).includes(request.ruleId)) {
      throw new InputError(
        `request/body/ruleId names no rule: ${request.ruleId}`,
      );
    }
    const ruleId = request.ruleId as RuleId;
    const entityRef = normalizeRef(request.entityRef, 'request/body/entityRef');
    const { kind } = parseEntityRef(entityRef);
    if (kind !== 'partner' && kind !== 'partnerintegration') {
      throw new InputError(
        `request/body/entityRef must name a Partner or PartnerIntegration, not a ${kind}`,
      );
    }
    const identity = request.identity?.trim() ?? '';
    if (request.identity !== undefined && !identity) {
      throw new InputError('request/body/identity must not be empty');
    }
    if (identity && kind === 'partner') {
      throw new InputError(
        'request/body/identity names an identity, but identities belong to integrations, not partners',
      );
    }
    const justification = (await checkText(
      request.justification,
      'request/body/justification',
      { required: true },
    ))!;

    const expires = parseExpiry(request.expiresAt);
    if (expires.getTime() <= now.getTime()) {
      throw new InputError(
        `request/body/expiresAt must be in the future, got ${request.expiresAt}`,
      );
    }
    const { exceptionMaxDays } = this.options.policy();
    const days = daysBetween(now, expires)!;
    if (days > exceptionMaxDays) {
      throw new InputError(
        `request/body/expiresAt is ${days} days away; an exception lasts at most ${exceptionMaxDays} days (policy.exceptionMaxDays)`,
      );
    }

    const subject = await store.findSubject(entityRef);
    if (!subject) {
      throw new NotFoundError(
        `request/body/entityRef: no partner or integration ${entityRef} in the index`,
      );
    }
    if (identity && !(await store.hasIdentity(entityRef, identity))) {
      throw new NotFoundError(
        `request/body/identity: ${entityRef} has no identity ${identity}`,
      );
    }

    // An approved exception past its expiry no longer blocks a new one,
    // whether or not the job has run yet.
    await this.expire(now);
    const exception = await store.insert({
      ruleId,
      entityRef,
      identity,
      partnerRef: subject.partnerRef,
      justification,
      requestedBy,
      requestedAt: now.toISOString(),
      expiresAt: expires.toISOString(),
    });
    if (!exception) {
      throw new ConflictError(
        `An open exception to ${ruleId} already covers ${entityRef}${
          identity ? ` (${identity})` : ''
        }`,
      );
    }
    return exception;
  }

  /**
   * Approves or denies a requested exception: 404 for an unknown one, 403
   * when the decider requested it (nothing changes), 409 once decided or
   * expired, or to approve one past its expiry. Atomic: of two concurrent
   * decisions exactly one is stored.
   */
  async decide(
    id: number,
    decision: 'approve' | 'deny',
    request: ExceptionDecisionRequest,
    context: ExceptionDecisionContext,
    now: Date = this.now(),
  ): Promise<ExceptionRecord> {
    const exception = await this.get(id);
    if (
      exception.requestedBy.toLocaleLowerCase('en-US') ===
      context.actor.toLocaleLowerCase('en-US')
    ) {
      throw new NotAllowedError(
        `You may not decide exception ${id}: you requested it`,
      );
    }
    if (exception.status !== 'requested') {
      throw new ConflictError(`Exception ${id} is already ${exception.status}`);
    }
    if (
      decision === 'approve' &&
      Date.parse(exception.expiresAt) <= now.getTime()
    ) {
      throw new ConflictError(
        `Exception ${id} expired at ${exception.expiresAt} and can no longer be approved`,
      );
    }
    const comment =
      request.comment === undefined
        ? undefined
        : await checkText(request.comment, 'request/body/comment', {
            required: false,
          });
    const decided = await this.options.store.decide(exception, {
      status: decision === 'approve' ? 'approved' : 'denied',
      decidedBy: context.actor,
      decidedAt: now.toISOString(),
      comment,
    });
    if (!decided) {
      const current = await this.get(id);
      throw new ConflictError(`Exception ${id} is already ${current.status}`);
    }
    // an approved exception makes its findings accepted risk
    await this.options.accessPages?.invalidate();
    return this.get(id);
  }

  async get(id: number): Promise<ExceptionRecord> {
    const exception = await this.options.store.get(id);
    if (!exception) {
      throw new NotFoundError(`No exception ${id}`);
    }
    return exception;
  }

  /** Exceptions newest first, filtered and keyset-paginated by id. */
  async list(
    request: ListExceptionsRequest,
    scope: DetailsScope = 'all',
  ): Promise<ListExceptionsResponse> {
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.options.store.list({
      status: request.status,
      partnerRef: request.partner
        ? normalizeRef(request.partner, 'request/query/partner', 'partner')
        : undefined,
      entityRef: request.entity
        ? normalizeRef(request.entity, 'request/query/entity')
        : undefined,
      ruleId: request.ruleId,
      limit,
      before: request.cursor
        ? Number(decodeKeysetCursor(request.cursor, [ID])[0])
        : undefined,
      scope,
    });
    const items = rows.slice(0, limit);
    return rows.length > limit
      ? { items, nextCursor: encodeCursor(String(items[items.length - 1].id)) }
      : { items };
  }

  /**
   * The scheduled job: marks requested and approved exceptions past their
   * expiry expired, audited as the plugin. Idempotent; safe on several
   * instances. Returns how many it expired.
   */
  async expire(now: Date = this.now()): Promise<number> {
    const expired = await this.options.store.expire(now);
    if (expired.length) {
      this.options.logger.info('Expired partner exceptions', {
        expired: expired.length,
      });
    }
    return expired.length;
  }

  /** Approved exceptions that expire within `withinDays` days of `now`. */
  async listExpiring(
    now: Date = this.now(),
    withinDays: number = 14,
  ): Promise<ExceptionRecord[]> {
    return this.options.store.listExpiring(now, withinDays);
  }

  /** Every exception of a partner, oldest first (for its evidence pack). */
  async listForPartner(partnerRef: string): Promise<ExceptionRecord[]> {
    return this.options.store.listForPartner(
      normalizeRef(partnerRef, 'partnerRef', 'partner'),
    );
  }

  /**
   * One `exception-expired` finding per (entity, identity) whose approved
   * exception expired while the finding it covered still fires, unless a
   * newer open exception replaces it. The rule's base severity applies.
   */
  async expiredFindings(now: Date = this.now()): Promise<EvaluatedFinding[]> {
    const rule = RULES['exception-expired'];
    const byKey = new Map<string, ExceptionRecord[]>();
    for (const exception of await this.options.store.listLapsed(now)) {
      const key = `${exception.entityRef}\u0000${exception.identity ?? ''}`;
      byKey.set(key, [...(byKey.get(key) ?? []), exception]);
    }
    return [...byKey.values()].map(lapsed => {
      const [{ entityRef, identity, partnerRef }] = lapsed;
      const what = lapsed.map(
        e =>
          `the exception to ${e.ruleId} approved by ${e.decidedBy} expired ${e.expiresAt}`,
      );
      return {
        ruleId: rule.id,
        severity: rule.severity,
        entityRef,
        ...(identity && { identity }),
        partnerRef,
        message: `${entityRef}${identity ? ` (${identity})` : ''}: ${what.join(
          '; ',
        )}, and the finding it covered still fires`,
        frameworks: [...rule.frameworks],
      };
    });
  }
}
