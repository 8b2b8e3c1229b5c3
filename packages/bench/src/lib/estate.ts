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
 * The backend benchmarks' estate: seeded, deterministic Partner and
 * PartnerIntegration entities as the catalog returns them to the sync.
 */

import {
  PARTNERS_API_VERSION,
  type PartnerEntityV1alpha1,
  type PartnerIntegrationEntityV1alpha1,
} from '@partner-governance/plugin-partners-common';
import { identityDraw, integrationDraw, partnerBasics } from './generate';
import { NOW, dayOf, estateRandom, prng } from './prng';

/** One in HOT_EVERY integrations also accesses HOT_COMPONENT. */
export const HOT_COMPONENT = 'component:checkout-hub';
const HOT_EVERY = 20;

/** The size and seed of an estate. */
interface EstateOptions {
  partners: number;
  integrations: number;
  identities: number;
  seed: number;
  now?: string;
}

export type EstateEntity =
  | PartnerEntityV1alpha1
  | PartnerIntegrationEntityV1alpha1;

export interface Estate {
  entities: EstateEntity[];
  identities: number;
}

/**
 * The estate as the catalog returns it to the sync (only the fields the sync
 * asks for: apiVersion, kind, metadata name/namespace/title/description,
 * spec), in the shapes of examples/partners/*.yaml and of the CLI
 * benchmark's estate (cli/estate.ts). Dates are strings, as the catalog
 * reads YAML with the core schema.
 */
export function generateEntities(options: EstateOptions): Estate {
  const r = estateRandom(prng(options.seed), dayOf(options.now ?? NOW));
  const entities: EstateEntity[] = [];
  let identities = 0;
  let integrationIndex = 0;

  for (let index = 0; index < options.partners; index++) {
    const name = `partner-${String(index).padStart(5, '0')}`;
    const { stage, tier, type, sensitive, aiSupplier, contractEnd } =
      partnerBasics(r);
    const stageOwners: PartnerEntityV1alpha1['spec']['lifecycle']['stageOwners'] =
      { onboarding: r.user() };
    if (stage !== 'offboarded') {
      stageOwners[stage] = r.user();
    }
    if (r.chance(0.03) && stage !== 'offboarded') {
      delete stageOwners[stage];
    }
    const spec: PartnerEntityV1alpha1['spec'] = {
      type,
      owner: r.owner(),
      lifecycle: { stage, stageOwners },
      risk: {
        tier,
        criticality: r.pick(['low', 'medium', 'high'] as const),
        dataAccess: sensitive
          ? ['customer-pii', 'order-history']
          : ['order-history'],
        dueDiligence: {
          ...(stage === 'onboarding' || !r.chance(0.03)
            ? { completed: r.date(300 + Math.floor(r.random() * 300)) }
            : {}),
          reference: `DD-${index}`,
        },
        ai: {
          supplies: aiSupplier,
          ...(aiSupplier && r.chance(0.3) ? {} : { contingencyPlan: 'PLAN-1' }),
        },
      },
      contract: { start: r.date(900), end: contractEnd, status: 'active' },
      lastActivity: r.date(r.chance(0.03) ? 200 : Math.floor(r.random() * 30)),
      supportChannels: [
        `slack:partner-${index}`,
        `email:partner-${index}@example.com`,
      ],
    };
    if (r.chance(0.2)) {
      spec.incidents = [
        {
          date: r.date(Math.floor(r.random() * 300)),
          severity: r.pick(['low', 'medium', 'high'] as const),
          summary: 'Generated incident for the benchmark.',
          reference: `INC-${index}`,
        },
      ];
    }
    entities.push({
      apiVersion: PARTNERS_API_VERSION,
      kind: 'Partner',
      metadata: {
        name,
        namespace: 'default',
        title: `Partner ${index}`,
        description: `Generated ${type} partner number ${index} for the partners backend benchmark.`,
      },
      spec,
    });

    for (let i = 0; i < options.integrations; i++) {
      const integration = `${name}-int-${i}`;
      const draw = integrationDraw(r, name, stage);
      if (integrationIndex++ % HOT_EVERY === 0) {
        draw.accesses.push(HOT_COMPONENT);
      }
      const list: NonNullable<typeof draw.spec.identities> = [];
      draw.spec.identities = list;
      for (let k = 0; k < options.identities; k++) {
        list.push(identityDraw(r, draw, `${name}/${integration}`, k));
        identities += 1;
      }
      entities.push({
        apiVersion: PARTNERS_API_VERSION,
        kind: 'PartnerIntegration',
        metadata: {
          name: integration,
          namespace: 'default',
          title: `Integration ${i} of partner ${index}`,
          description: `Generated integration using the ${draw.packageName} access package.`,
        },
        spec: draw.spec,
      });
    }
  }
  return { entities, identities };
}

/**
 * A copy of the estate in which every 100th integration changed: one
 * identity's lastUsed moved a day and its first identity renamed (so the
 * store both upserts and marks one identity gone).
 */
export function changeOnePercent(entities: EstateEntity[]): {
  entities: EstateEntity[];
  changed: number;
} {
  let n = 0;
  let changed = 0;
  const out = entities.map(entity => {
    if (entity.kind !== 'PartnerIntegration' || n++ % 100 !== 0) {
      return entity;
    }
    changed += 1;
    const copy = structuredClone(entity);
    const identities = copy.spec.identities ?? [];
    if (identities.length) {
      identities[0].name = `${identities[0].name}-rotated`;
      identities[identities.length - 1].lastUsed = NOW;
    }
    copy.spec.accesses = [
      ...(copy.spec.accesses ?? []).slice(1),
      'component:new-target',
    ];
    return copy;
  });
  return { entities: out, changed };
}
