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

/*
 * The observation benchmark's estate: the sync benchmark's seeded partners,
 * integrations and identities, each identity declared as observed by one
 * source (`observedAs`), and what that source observes of them, with a few
 * percent of each kind of reconciliation finding.
 */

import type { ObservedIdentity } from '@partner-governance/plugin-partners-node';
import { generateEntities, type EstateEntity } from '../lib/estate';
import { prng } from '../lib/prng';

/** The id of the identity source the estate is observed by. */
export const SOURCE_ID = 'bench-db';

/** The scope a drifted identity holds beyond what it declares. */
const DRIFT_SCOPE = 'delete:orders.orders';

/** Identities per integration, and integrations per partner, of the estate. */
const IDENTITIES = 5;
const INTEGRATIONS = 2;

/** How often each kind of difference between declared and observed occurs. */
const SHARE = {
  /** Declared, but the source does not observe it. */
  notObserved: 0.02,
  /** Observed with one scope more than declared. */
  drifted: 0.02,
  /** Declared revoked: observed still active (else disabled). */
  revokedActive: 0.5,
  /** Observed, active and attributed to a partner, but declared by no one. */
  undeclared: 0.02,
};

/** The estate, the source's observations, and what was drawn. */
export interface ObservedEstate {
  /** Partners and integrations; every identity has `observedAs`. */
  entities: EstateEntity[];
  declared: number;
  observed: ObservedIdentity[];
  drawn: {
    notObserved: number;
    drifted: number;
    revoked: number;
    revokedActive: number;
    undeclared: number;
  };
}

/** A timestamp on the day `date` (YYYY-MM-DD), as sources report them. */
function timestampOn(date: string, random: () => number): string {
  const seconds = Math.floor(random() * 86400);
  return `${date}T${new Date(seconds * 1000).toISOString().slice(11, 19)}Z`;
}

/**
 * About `identities` declared identities (rounded up to a whole partner:
 * 2 integrations × 5 identities), each with `observedAs:
 * bench-db:<integration>/<identity>`, and what source `bench-db` observes:
 * all of them but 2% (not observed), 2% of those with one scope more
 * (drifted), half of the revoked ones still active, and 2% more identities
 * that no one declares (undeclared). Seeded and deterministic.
 */
export function observedEstate(options: {
  identities: number;
  seed: number;
  now: string;
}): ObservedEstate {
  const estate = generateEntities({
    partners: Math.max(1, Math.ceil(options.identities / (IDENTITIES * 2))),
    integrations: INTEGRATIONS,
    identities: IDENTITIES,
    seed: options.seed,
    now: options.now,
  });
  const random = prng(options.seed + 13);
  const drawn = {
    notObserved: 0,
    drifted: 0,
    revoked: 0,
    revokedActive: 0,
    undeclared: 0,
  };
  const observed: ObservedIdentity[] = [];
  const partners: string[] = [];
  for (const entity of estate.entities) {
    if (entity.kind === 'Partner') {
      partners.push(entity.metadata.name);
      continue;
    }
    const partner = entity.spec.partner.replace(/^partner:/, '');
    for (const identity of entity.spec.identities ?? []) {
      const externalId = `${entity.metadata.name}/${identity.name}`;
      identity.observedAs = `${SOURCE_ID}:${externalId}`;
      const revoked = identity.status === 'revoked';
      drawn.revoked += Number(revoked);
      if (random() < SHARE.notObserved) {
        drawn.notObserved += 1;
        continue;
      }
      const drifted = random() < SHARE.drifted;
      const active = !revoked || random() < SHARE.revokedActive;
      drawn.drifted += Number(drifted);
      drawn.revokedActive += Number(revoked && active);
      observed.push({
        externalId,
        type: identity.type,
        name: externalId,
        partner,
        scopes: drifted
          ? [...(identity.scopes ?? []), DRIFT_SCOPE]
          : [...(identity.scopes ?? [])],
        ...(identity.issued && { created: identity.issued }),
        ...(identity.lastUsed && {
          lastUsed: timestampOn(identity.lastUsed, random),
        }),
        ...(identity.lastRotated && { lastRotated: identity.lastRotated }),
        ...(identity.expires && { expires: identity.expires }),
        status: active ? 'active' : 'disabled',
        attributes: {
          environment: identity.environment ?? 'production',
          privileged: identity.privileged ?? false,
        },
      });
    }
  }
  const declared = estate.identities;
  const undeclared = Math.round(declared * SHARE.undeclared);
  for (let i = 0; i < undeclared; i++) {
    const externalId = `unlisted-${i}/api`;
    observed.push({
      externalId,
      type: 'service-account',
      name: externalId,
      partner: partners[Math.floor(random() * partners.length)],
      scopes: ['select:orders.orders'],
      status: 'active',
    });
  }
  drawn.undeclared = undeclared;
  return { entities: estate.entities, declared, observed, drawn };
}
