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

import fs from 'node:fs';
import path from 'node:path';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';

// The example estate, and the relations the design gives its entities.

export const EXAMPLES_DIR = path.resolve(__dirname, '../../../../examples');

/** Every Partner and PartnerIntegration of the example estate, as the catalog reads them. */
export function exampleEntities(): Entity[] {
  const dir = path.join(EXAMPLES_DIR, 'partners');
  return fs
    .readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file => [
      ...parseEntityYaml(fs.readFileSync(path.join(dir, file)), {
        type: 'file',
        target: file,
      }),
    ])
    .map(result => {
      if (result.type !== 'entity') {
        throw new Error(`unexpected ${result.type} in the examples`);
      }
      return result.entity;
    })
    .filter(e => e.apiVersion === 'partners.governance.dev/v1alpha1');
}

/**
 * The relations DESIGN.md §3 says an entity gets, worked out here from the
 * file rather than by the processor.
 */
export function expectedOutgoingRelations(entity: Entity): string[] {
  const spec = entity.spec as any;
  const ref = (target: string, defaultKind: string) =>
    stringifyEntityRef(
      parseEntityRef(target, { defaultKind, defaultNamespace: 'default' }),
    );
  const owner = ref(spec.owner, 'Group');
  const relations = [`ownedBy ${owner}`];
  if (entity.kind === 'PartnerIntegration') {
    relations.push(`partOf ${ref(spec.partner, 'Partner')}`);
    for (const target of spec.accesses ?? []) {
      relations.push(`accesses ${ref(target, 'Component')}`);
    }
    for (const identity of spec.identities ?? []) {
      if (identity.custodian && ref(identity.custodian, 'Group') !== owner) {
        relations.push(`custodiedBy ${ref(identity.custodian, 'Group')}`);
      }
    }
  }
  return [...new Set(relations)].sort();
}
