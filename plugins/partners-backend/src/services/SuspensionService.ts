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

import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type {
  OffboardingItem,
  SuspendedIdentity,
  SuspendPartnerRequest,
  SuspendPartnerResponse,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import type { AuditStore } from '../database/AuditStore';
import type {
  OffboardingItemInput,
  OffboardingStore,
} from '../database/OffboardingStore';
import { checkFreeText } from './freeText';
import { sourceErrorText } from './IdentitySourceRunner';
import { normalizeRef } from './read/ReadModel';
import { splitObservedAs } from './read/observations';
import type { ActorContext, RevocationService } from './RevocationService';

/** Who suspends, and whether they may suspend a partner. */
interface SuspendContext extends ActorContext {
  /** Whether the caller may suspend the partner. */
  authorize(partnerRef: string): Promise<boolean>;
}

/** Identities revoked at the same time by one suspension. */
const REVOKE_CONCURRENCY = 4;

/** A live identity of a partner, as suspension reads it. */
interface PartnerIdentityRow {
  integration_ref: string;
  name: string;
  type: string;
  status: string;
  observed_as: string | null;
}

/**
 * Suspending a partner: every identity a source can revoke, at once, and an
 * offboarding item for each.
 */
export class SuspensionService {
  constructor(
    private readonly options: {
      db: Knex;
      store: Pick<OffboardingStore, 'open' | 'getChecklist' | 'hasPartner'>;
      audit: Pick<AuditStore, 'append'>;
      revocations: Pick<
        RevocationService,
        'whyNotRevocable' | 'revoke' | 'describe'
      >;
      /** The current time; the system clock unless a test fixes it. */
      clock?: () => Date;
    },
  ) {}

  private now(): string {
    return (this.options.clock?.() ?? new Date()).toISOString();
  }

  /**
   * Suspends a partner: opens (or extends) its offboarding checklist with
   * reason `suspended` and a revoke item per live identity, then revokes
   * every one whose source can, at once. The others wait on their items.
   * 404 for an unknown partner, 400 for an empty, too long or
   * secret-bearing reason.
   */
  async suspend(
    ref: string,
    request: SuspendPartnerRequest,
    context: SuspendContext,
  ): Promise<SuspendPartnerResponse> {
    const { db, store, audit } = this.options;
    const reason = (await checkFreeText(request.reason, 'request/body/reason', {
      required: true,
      secretHint: 'name the incident or ticket, never a secret',
    }))!;
    const partnerRef = normalizeRef(ref, 'request/params/ref', 'partner');
    if (!(await store.hasPartner(partnerRef))) {
      throw new NotFoundError(`No partner ${partnerRef}`);
    }
    if (!(await context.authorize(partnerRef))) {
      throw new NotAllowedError(`You may not suspend ${partnerRef}`);
    }
    const identities: PartnerIdentityRow[] = (
      await db('identities as d')
        .join('integrations as i', 'i.entity_ref', 'd.integration_ref')
        .where('i.partner_ref', partnerRef)
        .whereNull('i.gone_at')
        .whereNull('d.gone_at')
        .select('d.integration_ref', 'd.name', 'd.type', 'd.status')
        .select('d.observed_as')
        .orderBy(['d.integration_ref', 'd.name'])
    ).filter(
      // one the file revoked is left alone, unless a source can enforce it
      (row: PartnerIdentityRow) =>
        row.status !== 'revoked' ||
        !this.options.revocations.whyNotRevocable(row.observed_as),
    );
    const at = this.now();
    await audit.append({
      at,
      actor: context.actor,
      action: 'partner.suspended',
      subjectType: 'partner',
      subjectRef: partnerRef,
      partnerRef,
      after: { reason, identities: identities.length },
    });
    await store.open(
      partnerRef,
      ['suspended'],
      identities.map(suspensionItem),
      { at },
    );
    const checklist = (await store.getChecklist(partnerRef))!;
    const itemOf = new Map(
      checklist.items
        .filter(item => item.kind === 'revoke' && item.status === 'pending')
        .map(item => [`${item.integrationRef}\n${item.identity}`, item]),
    );
    // a few at a time: each may wait on its source for its timeout
    const results: SuspendedIdentity[] = [];
    for (let i = 0; i < identities.length; i += REVOKE_CONCURRENCY) {
      results.push(
        ...(await Promise.all(
          identities
            .slice(i, i + REVOKE_CONCURRENCY)
            .map(identity =>
              this.suspendIdentity(
                identity,
                itemOf.get(`${identity.integration_ref}\n${identity.name}`),
                context.actor,
                partnerRef,
              ),
            ),
        )),
      );
    }
    const after = (await store.getChecklist(partnerRef))!;
    return {
      partnerRef,
      identities: results,
      checklist: {
        ...after,
        items: await this.options.revocations.describe(after.items),
      },
    };
  }

  /** Revokes one identity of a suspended partner, or says why not. */
  private async suspendIdentity(
    identity: PartnerIdentityRow,
    item: OffboardingItem | undefined,
    actor: string,
    partnerRef: string,
  ): Promise<SuspendedIdentity> {
    const base = {
      integrationRef: identity.integration_ref,
      identity: identity.name,
      ...(item && { itemId: item.id }),
    };
    const sourceId = identity.observed_as
      ? splitObservedAs(identity.observed_as).sourceId
      : undefined;
    const why = this.options.revocations.whyNotRevocable(identity.observed_as);
    if (why) {
      return {
        ...base,
        ...(sourceId && { sourceId }),
        outcome: 'not-revocable',
        detail: why,
      };
    }
    const outcome = await this.options.revocations
      .revoke(
        {
          id: item?.id,
          integrationRef: identity.integration_ref,
          identity: identity.name,
        },
        identity.observed_as!,
        actor,
        partnerRef,
      )
      .catch(async error => ({
        outcome: 'failed' as const,
        detail: await sourceErrorText(error),
      }));
    return { ...base, sourceId, ...outcome };
  }
}

/** The revoke item suspension opens for a live identity. */
function suspensionItem(identity: PartnerIdentityRow): OffboardingItemInput {
  return {
    kind: 'revoke',
    integrationRef: identity.integration_ref,
    identity: identity.name,
    key: `revoke\n${identity.integration_ref}\n${identity.name}`,
    description: `Revoke ${identity.type} ${identity.name} of ${identity.integration_ref} (partner suspended)`,
    source: 'suspension',
  };
}
