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

import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  RELATION_PROVIDES_API,
  type Entity,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type BlastRadius,
  type BlastRadiusEntity,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { jsonArray } from '../database/json';
import { normalizeRef } from './read/ReadModel';
import { splitObservedAs, type RevocableSources } from './read/observations';

/** The relations a blast radius follows from an entity it reached. */
const FOLLOWED: ReadonlySet<string> = new Set([
  RELATION_DEPENDS_ON,
  RELATION_PROVIDES_API,
  RELATION_CONSUMES_API,
]);

/** The most entities one blast radius lists. */
const MAX_ENTITIES = 1000;

/** Refs per catalog request. */
const CATALOG_BATCH = 200;

/**
 * A partner's blast radius, for response planning: its live identities and
 * integrations, what they access, and what that reaches in the catalog.
 */
export class BlastRadiusService {
  constructor(
    private readonly options: {
      db: Knex;
      catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
      sources: RevocableSources;
      defaultDepth: number;
      maxDepth: number;
    },
  ) {}

  /**
   * Breadth first from the integrations' accesses, `depth` catalog
   * relations further, each entity at its shortest distance. Entities are
   * read with the caller's credentials: what the caller may not read in
   * the catalog is left out, and not followed. 404 for an unknown partner,
   * 400 for a depth beyond the configured maximum.
   */
  async get(
    ref: string,
    request: { depth?: number },
    credentials: BackstageCredentials,
  ): Promise<BlastRadius> {
    const { db, defaultDepth, maxDepth } = this.options;
    const depth = request.depth ?? defaultDepth;
    if (depth > maxDepth) {
      throw new InputError(
        `request/query/depth must be at most ${maxDepth}, got ${depth}`,
      );
    }
    const partnerRef = normalizeRef(ref, 'request/params/ref', 'partner');
    const partner = await db('partners')
      .where('entity_ref', partnerRef)
      .whereNull('gone_at')
      .first('entity_ref');
    if (!partner) {
      throw new NotFoundError(`No partner ${partnerRef}`);
    }
    const integrations: string[] = await db('integrations')
      .where('partner_ref', partnerRef)
      .whereNull('gone_at')
      .orderBy('entity_ref')
      .pluck('entity_ref');
    const identityRows = await db('identities as d')
      .join('integrations as i', 'i.entity_ref', 'd.integration_ref')
      .where('i.partner_ref', partnerRef)
      .whereNull('i.gone_at')
      .whereNull('d.gone_at')
      .select(
        'd.integration_ref',
        'd.name',
        'd.type',
        'd.status',
        'd.privileged',
        'd.environment',
        'd.scopes',
        'd.observed_as',
      )
      .orderBy(['d.integration_ref', 'd.name']);
    const identities = identityRows.map(row => ({
      integrationRef: row.integration_ref,
      name: row.name,
      type: row.type,
      status: row.status,
      privileged: Boolean(row.privileged),
      ...(row.environment && { environment: row.environment }),
      scopes: jsonArray(row.scopes),
      ...(row.observed_as && { observedAs: row.observed_as }),
      revocable: Boolean(
        row.observed_as &&
          this.options.sources.canRevoke(
            splitObservedAs(row.observed_as).sourceId,
          ),
      ),
    }));

    const accesses: Array<{ integration_ref: string; target_ref: string }> =
      integrations.length
        ? await db('integration_accesses')
            .whereIn('integration_ref', integrations)
            .orderBy(['target_ref', 'integration_ref'])
            .select('integration_ref', 'target_ref')
        : [];
    const reached = new Map<string, BlastRadiusEntity>();
    let truncated = false;
    const reach = (entry: BlastRadiusEntity) => {
      if (reached.has(entry.entityRef)) {
        return false;
      }
      if (reached.size >= MAX_ENTITIES) {
        truncated = true;
        return false;
      }
      reached.set(entry.entityRef, entry);
      return true;
    };
    let frontier: string[] = [];
    for (const access of accesses) {
      if (
        reach({
          entityRef: access.target_ref,
          distance: 1,
          via: 'accesses',
          from: access.integration_ref,
        })
      ) {
        frontier.push(access.target_ref);
      }
    }
    const readable = new Set<string>();
    for (let distance = 1; frontier.length > 0; distance++) {
      const entities = await this.read(frontier, credentials);
      const next: string[] = [];
      for (const [entityRef, entity] of entities) {
        readable.add(entityRef);
        const title = entity.metadata.title;
        if (title) {
          reached.get(entityRef)!.title = title;
        }
        if (distance > depth) {
          continue;
        }
        for (const relation of entity.relations ?? []) {
          const target = relation.targetRef.toLocaleLowerCase('en-US');
          if (
            FOLLOWED.has(relation.type) &&
            reach({
              entityRef: target,
              distance: distance + 1,
              via: relation.type,
              from: entityRef,
            })
          ) {
            next.push(target);
          }
        }
      }
      frontier = next;
    }
    return {
      partnerRef,
      depth,
      identities,
      integrations,
      entities: [...reached.values()]
        .filter(entity => readable.has(entity.entityRef))
        .sort(
          (a, b) =>
            a.distance - b.distance ||
            (a.entityRef < b.entityRef
              ? -1
              : Number(a.entityRef > b.entityRef)),
        ),
      truncated,
    };
  }

  /** The entities the caller may read, by lower-case ref. */
  private async read(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity>> {
    const result = new Map<string, Entity>();
    for (let i = 0; i < refs.length; i += CATALOG_BATCH) {
      const batch = refs.slice(i, i + CATALOG_BATCH);
      const { items } = await this.options.catalog.getEntitiesByRefs(
        {
          entityRefs: batch,
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.title',
            'relations',
          ],
        },
        { credentials },
      );
      items.forEach((entity, index) => {
        if (entity) {
          result.set(batch[index], entity);
        }
      });
    }
    return result;
  }
}
