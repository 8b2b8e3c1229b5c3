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

import { createHash } from 'node:crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entityRefKey,
  isPartnerEntityV1alpha1,
  isPartnerIntegrationEntityV1alpha1,
} from '@partner-governance/plugin-partners-common';
import type {
  IdentityIndexStore,
  IndexChanges,
} from '../database/IdentityIndexStore';
import { PLUGIN_ACTOR } from '../database/AuditStore';
import {
  dropSecretProvenance,
  partnerProvenance,
  withoutAnnotations,
} from './stageProvenance';

/** What one sync did. */
export interface SyncSummary {
  partners: number;
  integrations: number;
  /** Entities new, changed or back since the last sync. */
  changed: number;
  /** Entities that left the catalog since the last sync. */
  gone: number;
  /** Rows inserted, updated or marked gone. */
  rowsWritten: number;
}

/** Who a sync runs for. */
export interface SyncRunOptions {
  /**
   * The user (or service) that triggered the run, as its audit actor; such
   * a run is audited even when it changed nothing. Scheduled runs leave it
   * out: they are audited as `plugin:partners`, and only when they changed
   * the index.
   */
  actor?: string;
}

/** Only the fields the index and the rules read. */
const FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  // taken off before hashing: a changed partner's provenance (stageProvenance)
  'metadata.annotations',
  'spec',
  // the catalog's processing errors: a file it refused for a secret value
  'status',
];

/** The share of the index one run may mark gone unless configured. */
const DEFAULT_MAX_GONE_FRACTION = 0.5;
/** Indexes smaller than this are not held back: a few removals are normal. */
const MIN_GUARDED_INDEX = 10;

function hashOf(entity: Entity): string {
  return createHash('sha256').update(JSON.stringify(entity)).digest('hex');
}

/** A ref in the index's form, or undefined when it cannot be parsed. */
function refKey(
  ref: string | undefined,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (!ref) {
    return undefined;
  }
  try {
    return entityRefKey(parseEntityRef(ref, { defaultKind, defaultNamespace }));
  } catch {
    return undefined;
  }
}

/**
 * Keeps the identity index in step with the catalog: reads every Partner and
 * PartnerIntegration (paged, only the fields it needs), writes only what
 * changed (by content hash), and marks entities that left the catalog as gone.
 * The catalog is read completely before anything is written, so a catalog
 * that fails half-way leaves the previous index intact.
 */
export class IdentityIndexSync {
  constructor(
    private readonly options: {
      store: IdentityIndexStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** The largest share of the index one run may mark gone; 0.5 unless said. */
      maxGoneFraction?: number;
    },
  ) {}

  /**
   * Syncs the index, and appends an `index.synced` audit event in the same
   * transaction when the run changed the index or was triggered by someone
   * (`options.actor`). A failed run writes nothing, event included.
   */
  async run(
    now: Date = new Date(),
    options: SyncRunOptions = {},
  ): Promise<SyncSummary> {
    const { store, catalog, auth, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    for await (const page of catalog.streamEntities(
      { filter: { kind: ['Partner', 'PartnerIntegration'] }, fields: FIELDS },
      { credentials },
    )) {
      entities.push(...page);
    }

    const states = await store.getStates();
    const changes: IndexChanges = {
      partners: [],
      integrations: [],
      gonePartners: [],
      goneIntegrations: [],
      now: now.toISOString(),
      actor: options.actor,
    };
    const seenPartners = new Set<string>();
    const seenIntegrations = new Set<string>();
    const unchanged = (
      state: { hash: string; gone: boolean } | undefined,
      hash: string,
    ) => state !== undefined && !state.gone && state.hash === hash;

    for (const read of entities) {
      const { entity, annotations } = withoutAnnotations(read);
      const namespace = entity.metadata.namespace ?? 'default';
      const ref = entityRefKey({
        kind: entity.kind,
        namespace,
        name: entity.metadata.name,
      });
      const hash = hashOf(entity);
      if (isPartnerEntityV1alpha1(entity)) {
        seenPartners.add(ref);
        if (!unchanged(states.partners.get(ref), hash)) {
          changes.partners.push({
            entity,
            ref,
            ownerRef:
              refKey(entity.spec.owner, 'Group', namespace) ??
              entity.spec.owner,
            hash,
            provenance: partnerProvenance(ref, annotations, namespace, logger),
          });
        }
      } else if (isPartnerIntegrationEntityV1alpha1(entity)) {
        seenIntegrations.add(ref);
        if (unchanged(states.integrations.get(ref), hash)) {
          continue;
        }
        const ownerRef =
          refKey(entity.spec.owner, 'Group', namespace) ?? entity.spec.owner;
        const custodians = new Map<string, string>();
        for (const identity of entity.spec.identities ?? []) {
          custodians.set(
            identity.name,
            refKey(identity.custodian, 'Group', namespace) ?? ownerRef,
          );
        }
        changes.integrations.push({
          entity,
          ref,
          partnerRef:
            refKey(entity.spec.partner, 'Partner', namespace) ??
            entity.spec.partner,
          ownerRef,
          accesses: (entity.spec.accesses ?? []).flatMap(target => {
            const key = refKey(target, 'Component', namespace);
            return key ? [key] : [];
          }),
          custodians,
          hash,
        });
      }
    }
    for (const [ref, state] of states.partners) {
      if (!state.gone && !seenPartners.has(ref)) {
        changes.gonePartners.push(ref);
      }
    }
    for (const [ref, state] of states.integrations) {
      if (!state.gone && !seenIntegrations.has(ref)) {
        changes.goneIntegrations.push(ref);
      }
    }

    this.holdBackMassRemoval(states, changes);
    await dropSecretProvenance(changes.partners, logger);

    const counts = {
      partners: seenPartners.size,
      integrations: seenIntegrations.size,
      changed: changes.partners.length + changes.integrations.length,
      gone: changes.gonePartners.length + changes.goneIntegrations.length,
    };
    // A run is audited when it changed the index or someone asked for it:
    // an unchanged scheduled re-sync leaves the audit trail as it was.
    if (counts.changed || counts.gone || options.actor) {
      changes.auditEvent = written => ({
        at: changes.now,
        actor: options.actor ?? PLUGIN_ACTOR,
        action: 'index.synced',
        subjectType: 'index',
        subjectRef: 'catalog',
        after: { ...counts, rowsWritten: written },
      });
    }
    const rowsWritten = changes.auditEvent ? await store.apply(changes) : 0;
    const summary: SyncSummary = { ...counts, rowsWritten };
    logger.info('Synced the partner identity index from the catalog', {
      ...summary,
    });
    return summary;
  }

  /**
   * Marks nothing gone when a run would mark more than the allowed share of a
   * live index of at least MIN_GUARDED_INDEX entities: a catalog that
   * suddenly returns (almost) nothing must not end every review and open
   * offboarding for every partner. The rest of the run is written.
   */
  private holdBackMassRemoval(
    states: Awaited<ReturnType<IdentityIndexStore['getStates']>>,
    changes: IndexChanges,
  ) {
    const live = [
      ...states.partners.values(),
      ...states.integrations.values(),
    ].filter(state => !state.gone).length;
    const gone = changes.gonePartners.length + changes.goneIntegrations.length;
    const share = this.options.maxGoneFraction ?? DEFAULT_MAX_GONE_FRACTION;
    if (live < MIN_GUARDED_INDEX || gone <= live * share) {
      return;
    }
    this.options.logger.warn(
      `The catalog no longer lists ${gone} of the ${live} partners and integrations in the index, more than the share of ${share} one sync may mark gone (partners.sync.maxGoneFraction): marking none of them gone. If they were removed on purpose, raise partners.sync.maxGoneFraction for one run.`,
    );
    changes.gonePartners = [];
    changes.goneIntegrations = [];
  }
}
