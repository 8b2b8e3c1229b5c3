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

import { type DetailsScope, refsInScope } from '../../database/stakeholders';
import { NotFoundError } from '@backstage/errors';
import {
  type FindingRecord,
  type ListPartnerIdentitiesRequest,
  type ListPartnerIdentitiesResponse,
  type ListUndeclaredIdentitiesRequest,
  type ListUndeclaredIdentitiesResponse,
  daysBetween,
} from '@partner-governance/plugin-partners-common';
import { withAcceptedRisk } from '../../database/acceptedRisk';
import { decodeKeysetCursor, encodeCursor } from '../../database/cursors';
import type {
  FindingsRow,
  IndexedIdentitiesRow,
  IntegrationsRow,
  PartnersRow,
} from '../../database/tables';
import {
  DEFAULT_PAGE_SIZE,
  FINDING_COLUMNS,
  type FindingColumnsRow,
  IDENTITY_NAME,
  INTEGRATION_KEY,
  ReadModel,
  compact,
  normalizeRef,
  toFinding,
} from './ReadModel';
import { jsonArray } from '../../database/json';
import {
  DEFAULT_PARTNER_PREFIX,
  toUndeclaredIdentity,
  undeclaredIdentities,
} from './observations';

/** A live identity as the list reads it, with its integration's package. */
interface PartnerIdentityRow
  extends Pick<
    IndexedIdentitiesRow,
    | 'integration_ref'
    | 'name'
    | 'type'
    | 'status'
    | 'custodian_ref'
    | 'scopes'
    | 'privileged'
    | 'environment'
    | 'secret_ref'
    | 'issued'
    | 'last_rotated'
    | 'expires'
    | 'last_used'
    | 'observed_as'
  > {
  access_package: IntegrationsRow['access_package'];
}

/** A partner's identities across its integrations. @internal */
export class PartnerIdentitiesReadModel extends ReadModel {
  /**
   * A partner's live identities (of its live integrations), keyset-paged by
   * (integration ref, name), with the rule ids of their open and
   * accepted-risk findings. A fixed number of queries per page.
   */
  async listPartnerIdentities(
    ref: string,
    request: ListPartnerIdentitiesRequest,
    options: { scope: DetailsScope },
  ): Promise<ListPartnerIdentitiesResponse> {
    const partnerRef = normalizeRef(ref, 'request/params/ref', 'partner');
    const integrationRef = request.integration
      ? normalizeRef(
          request.integration,
          'request/query/integration',
          'partnerintegration',
        )
      : undefined;
    let after: { integrationRef: string; name: string } | undefined;
    if (request.cursor) {
      const [afterRef, name] = decodeKeysetCursor(request.cursor, [
        INTEGRATION_KEY,
        IDENTITY_NAME,
      ]);
      after = { integrationRef: afterRef, name };
    }
    const partner = await this.db<PartnersRow>('partners')
      .select('entity_ref')
      .where('entity_ref', partnerRef)
      .whereNull('gone_at')
      .first();
    if (!partner) {
      throw new NotFoundError(`No partner ${partnerRef}`);
    }

    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const now = this.now();
    const query = this.db('identities as d')
      .join('integrations as i', 'i.entity_ref', 'd.integration_ref')
      .select(
        'd.integration_ref',
        'd.name',
        'd.type',
        'd.status',
        'd.custodian_ref',
        'd.scopes',
        'd.privileged',
        'd.environment',
        'd.secret_ref',
        'd.issued',
        'd.last_rotated',
        'd.expires',
        'd.last_used',
        'd.observed_as',
        { access_package: 'i.access_package' },
      )
      .where('i.partner_ref', partnerRef)
      .whereNull('i.gone_at')
      .whereNull('d.gone_at');
    if (integrationRef) {
      query.where('d.integration_ref', integrationRef);
    }
    if (after) {
      query.where(w =>
        w
          .where('d.integration_ref', '>', after!.integrationRef)
          .orWhere(w2 =>
            w2
              .where('d.integration_ref', after!.integrationRef)
              .where('d.name', '>', after!.name),
          ),
      );
    }
    const rows: PartnerIdentityRow[] = await query
      .orderBy([{ column: 'd.integration_ref' }, { column: 'd.name' }])
      .limit(limit + 1);
    const page = rows.slice(0, limit);

    const refs = [...new Set(page.map(r => r.integration_ref))];
    // secret locations only of the integrations whose details may be read
    const shown = await refsInScope(this.db, refs, options.scope);
    const names = [...new Set(page.map(r => r.name))];
    const findingRows: FindingColumnsRow[] = page.length
      ? await this.db<FindingsRow>('findings')
          .select(FINDING_COLUMNS)
          .whereIn('entity_ref', refs)
          .whereIn('identity', names)
          .whereNull('resolved_at')
          .orderBy('rule_id')
      : [];
    const findings = await withAcceptedRisk(
      this.db,
      findingRows.map(toFinding),
      now,
    );
    const findingsOf = new Map<string, FindingRecord[]>();
    for (const finding of findings) {
      const key = `${finding.entityRef}\n${finding.identity}`;
      findingsOf.set(key, [...(findingsOf.get(key) ?? []), finding]);
    }

    const observation = await this.observations(page.map(r => r.observed_as));
    return compact({
      items: page.map(row => {
        const own = findingsOf.get(`${row.integration_ref}\n${row.name}`) ?? [];
        const rotated = row.last_rotated ?? row.issued;
        return compact({
          integrationRef: row.integration_ref,
          name: row.name,
          type: row.type,
          status: row.status,
          scopes: jsonArray(row.scopes),
          privileged: Boolean(row.privileged),
          environment: row.environment,
          custodian: row.custodian_ref,
          issued: row.issued,
          lastRotated: row.last_rotated,
          rotationAgeDays: rotated ? daysBetween(rotated, now) : undefined,
          expires: row.expires,
          lastUsed: row.last_used,
          accessPackage: row.access_package,
          openFindings: own.filter(f => !f.acceptedRisk).map(f => f.ruleId),
          acceptedRisks: own.filter(f => f.acceptedRisk).map(f => f.ruleId),
          secretRef: shown.has(row.integration_ref)
            ? row.secret_ref
            : undefined,
          observation: row.observed_as
            ? observation(row.observed_as, jsonArray(row.scopes))
            : undefined,
        });
      }),
      nextCursor:
        rows.length > limit
          ? encodeCursor(
              `${page[page.length - 1].integration_ref}\n${
                page[page.length - 1].name
              }`,
            )
          : undefined,
    });
  }

  /**
   * A partner's shadow identities (see undeclaredIdentities), keyset-paged
   * by (source id, external id). 404 for a partner the index does not hold
   * (or holds as gone).
   */
  async listUndeclaredIdentities(
    ref: string,
    request: ListUndeclaredIdentitiesRequest,
  ): Promise<ListUndeclaredIdentitiesResponse> {
    const partnerRef = normalizeRef(ref, 'request/params/ref', 'partner');
    const partner = await this.db<PartnersRow>('partners')
      .select('entity_ref')
      .where('entity_ref', partnerRef)
      .whereNull('gone_at')
      .first();
    if (!partner) {
      throw new NotFoundError(`No partner ${partnerRef}`);
    }
    if (!partnerRef.startsWith(DEFAULT_PARTNER_PREFIX)) {
      return { items: [] };
    }
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const query = undeclaredIdentities(this.db, [
      partnerRef.slice(DEFAULT_PARTNER_PREFIX.length),
    ]).select(
      'o.source_id',
      'o.external_id',
      'o.name',
      'o.type',
      'o.scopes',
      'o.created',
      'o.last_used',
      'o.last_rotated',
      'o.expires',
      'o.first_seen_at',
      'r.last_success_at',
    );
    if (request.cursor) {
      const [sourceId, externalId] = decodeKeysetCursor(request.cursor, [
        IDENTITY_NAME,
        IDENTITY_NAME,
      ]);
      query.where(w =>
        w
          .where('o.source_id', '>', sourceId)
          .orWhere(w2 =>
            w2
              .where('o.source_id', sourceId)
              .where('o.external_id', '>', externalId),
          ),
      );
    }
    const rows = await query
      .orderBy([{ column: 'o.source_id' }, { column: 'o.external_id' }])
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return compact({
      items: page.map(toUndeclaredIdentity),
      nextCursor:
        rows.length > limit
          ? encodeCursor(`${last.source_id}\n${last.external_id}`)
          : undefined,
    });
  }
}
