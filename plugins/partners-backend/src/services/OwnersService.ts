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

import type { AuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  isSeverity,
  type ListOwnerIntegrationsRequest,
  type ListOwnerIntegrationsResponse,
  type OwnerIntegrationItem,
  type SeverityCounts,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { decodeKeysetCursor, encodeCursor } from '../database/cursors';
import { coveringException } from '../database/acceptedRisk';
import type { AccessReviewsRow } from '../database/DatabaseReviewsStore';
import type {
  CountRow,
  FindingsRow,
  IdentitiesRow,
  IndexedIntegrationsRow,
} from '../database/tables';
import {
  DEFAULT_PAGE_SIZE,
  type PartnerJoinColumns,
  compact,
  normalizeRef,
} from './read/ReadModel';

const INTEGRATION_KEY = /^[^\s:/]+:[^\s:/]+\/\S+$/;

/** An owner's integration as the list reads it, with its live partner. */
interface OwnerIntegrationRow
  extends Pick<
      IndexedIntegrationsRow,
      | 'entity_ref'
      | 'title'
      | 'type'
      | 'environment'
      | 'owner_ref'
      | 'partner_ref'
    >,
    PartnerJoinColumns {}

/** The pending review of an integration. */
type PendingReviewRow = Pick<
  AccessReviewsRow,
  'id' | 'integration_ref' | 'due_at'
>;

/** Live identities of an integration: active and in total. */
interface IdentityCounts {
  active: number;
  total: number;
}

/**
 * What owners are accountable for: the integrations of a group, or of a
 * user and the groups they are a direct member of (the catalog's `memberOf`
 * relations of the user). Each page costs a fixed number of queries,
 * whatever its size.
 */
export class OwnersService {
  constructor(
    private readonly options: {
      db: Knex;
      catalog: CatalogService;
      auth: AuthService;
      /** The current time; the system clock unless a test fixes it. */
      clock?: () => Date;
    },
  ) {}

  /**
   * The owner refs a Group or User ref stands for: 400 for another kind or
   * a malformed ref, 404 for a user the catalog does not hold.
   */
  async resolveOwners(ref: string): Promise<string[]> {
    const ownerRef = normalizeRef(ref, 'request/params/ref');
    const kind = ownerRef.slice(0, ownerRef.indexOf(':'));
    if (kind === 'group') {
      return [ownerRef];
    }
    if (kind !== 'user') {
      throw new InputError(
        `request/params/ref must be a Group or User entity ref, not a ${kind}`,
      );
    }
    const { catalog, auth } = this.options;
    const user = await catalog.getEntityByRef(ownerRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!user) {
      throw new NotFoundError(`No user ${ownerRef} in the catalog`);
    }
    const groups = (user.relations ?? [])
      .filter(relation => relation.type === 'memberOf')
      .map(relation => relation.targetRef.toLocaleLowerCase('en-US'))
      .filter(target => target.startsWith('group:'));
    return [ownerRef, ...[...new Set(groups)].sort()];
  }

  async listIntegrations(
    ref: string,
    request: ListOwnerIntegrationsRequest = {},
  ): Promise<ListOwnerIntegrationsResponse> {
    const { db } = this.options;
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const after = request.cursor
      ? decodeKeysetCursor(request.cursor, [INTEGRATION_KEY])[0]
      : undefined;
    const owners = await this.resolveOwners(ref);

    const query = db('integrations as i')
      .leftJoin('partners as p', join =>
        join.on('p.entity_ref', 'i.partner_ref').andOnNull('p.gone_at'),
      )
      .select(
        'i.entity_ref',
        'i.title',
        'i.type',
        'i.environment',
        'i.owner_ref',
        'i.partner_ref',
        { partner_title: 'p.title', partner_stage: 'p.stage' },
        { partner_tier: 'p.tier', partner_found: 'p.entity_ref' },
      )
      .whereIn('i.owner_ref', owners)
      .whereNull('i.gone_at');
    if (after) {
      query.where('i.entity_ref', '>', after);
    }
    const rows: OwnerIntegrationRow[] = await query
      .orderBy('i.entity_ref')
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const refs = page.map(row => row.entity_ref);

    const now = this.options.clock?.() ?? new Date();
    const [identities, reviews, findings] = refs.length
      ? await Promise.all([
          this.identityCounts(refs),
          this.pendingReviews(refs),
          this.openFindingCounts(refs, now),
        ])
      : [
          new Map<string, IdentityCounts>(),
          new Map<string, PendingReviewRow>(),
          new Map<string, SeverityCounts>(),
        ];

    const items: OwnerIntegrationItem[] = page.map(row => {
      const pending = reviews.get(row.entity_ref);
      return compact({
        entityRef: row.entity_ref,
        title: row.title,
        type: row.type,
        environment: row.environment,
        owner: row.owner_ref,
        partner: compact({
          entityRef: row.partner_ref,
          title: row.partner_found ? row.partner_title : undefined,
          stage: row.partner_found ? row.partner_stage : undefined,
          tier: row.partner_found ? row.partner_tier : undefined,
        }),
        identities: identities.get(row.entity_ref) ?? { active: 0, total: 0 },
        reviews: pending
          ? {
              pending: 1,
              overdue: Date.parse(pending.due_at) < now.getTime() ? 1 : 0,
              pendingReviewId: Number(pending.id),
            }
          : { pending: 0, overdue: 0 },
        openFindings: findings.get(row.entity_ref) ?? {
          critical: 0,
          high: 0,
          medium: 0,
          low: 0,
        },
      });
    });
    return rows.length > limit
      ? {
          owners,
          items,
          nextCursor: encodeCursor(refs[refs.length - 1]),
        }
      : { owners, items };
  }

  /** Live identities per integration: active and in total. */
  private async identityCounts(
    refs: string[],
  ): Promise<Map<string, IdentityCounts>> {
    const rows = await this.options
      .db<IdentitiesRow>('identities')
      .select('integration_ref', 'status')
      // knex types a count's row without the columns grouped by
      .count<CountRow<IdentitiesRow, 'integration_ref' | 'status'>[]>({
        n: '*',
      })
      .whereIn('integration_ref', refs)
      .whereNull('gone_at')
      .groupBy('integration_ref', 'status');
    const counts = new Map<string, IdentityCounts>();
    for (const row of rows) {
      const entry = counts.get(row.integration_ref) ?? { active: 0, total: 0 };
      entry.total += Number(row.n);
      if (row.status === 'active') {
        entry.active += Number(row.n);
      }
      counts.set(row.integration_ref, entry);
    }
    return counts;
  }

  /** The pending review of each integration (there is at most one). */
  private async pendingReviews(
    refs: string[],
  ): Promise<Map<string, PendingReviewRow>> {
    const rows = await this.options
      .db<AccessReviewsRow>('access_reviews')
      .select('id', 'integration_ref', 'due_at')
      .whereIn('integration_ref', refs)
      .where('status', 'pending')
      .orderBy('id');
    return new Map(rows.map(row => [row.integration_ref, row]));
  }

  /**
   * Open findings per integration and severity; those an approved exception
   * covers are accepted risks, not counted.
   */
  private async openFindingCounts(
    refs: string[],
    now: Date,
  ): Promise<Map<string, SeverityCounts>> {
    const rows = await this.options
      .db<FindingsRow>('findings')
      .select('entity_ref', 'severity')
      // knex types a count's row without the columns grouped by
      .count<CountRow<FindingsRow, 'entity_ref' | 'severity'>[]>({ n: '*' })
      .whereIn('entity_ref', refs)
      .whereNull('resolved_at')
      .whereNotExists(coveringException(this.options.db, now))
      .groupBy('entity_ref', 'severity');
    const counts = new Map<string, SeverityCounts>();
    for (const row of rows) {
      if (!isSeverity(row.severity)) {
        continue;
      }
      const entry = counts.get(row.entity_ref) ?? {
        critical: 0,
        high: 0,
        medium: 0,
        low: 0,
      };
      entry[row.severity] += Number(row.n);
      counts.set(row.entity_ref, entry);
    }
    return counts;
  }
}
