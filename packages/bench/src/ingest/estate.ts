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
 * The ingest benchmark's two estates, written as catalog files: the partner
 * estate (one file per partner: the Partner and its PartnerIntegrations) and
 * its built-in twin (one file per partner: an API and its Components), with
 * the same entity names, payload, relations and relation targets, the same
 * file layout, the same organisation file and one Location file listing
 * every estate file.
 */

import fs from 'node:fs';
import path from 'node:path';
import { dump } from 'js-yaml';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { orgYaml } from '../cli/estate';
import { generateEntities, type EstateEntity } from '../lib/estate';
import { GROUPS, USERS } from '../lib/org';

/** The two estates: partner kinds, and built-in kinds in their place. */
export type EstateKind = 'partners' | 'builtin';
const ESTATE_KINDS: EstateKind[] = ['builtin', 'partners'];

/** The size and seed of the estates. */
interface IngestEstateOptions {
  partners: number;
  integrations: number;
  identities: number;
  seed: number;
  now: string;
}

/** What one estate directory holds. */
export interface EstateFiles {
  /** The Location file listing every estate file. */
  locationFile: string;
  files: number;
  bytes: number;
  /** Entities in the estate files (not the organisation, not locations). */
  entities: number;
  /** Outgoing relations whose source exists, as the stitched entities hold them. */
  relations: number;
}

/**
 * A partner file in a folder beside the partner estate whose name extends
 * the estate folder's (`partners-outside/` next to `partners/`): the intake
 * checks must reject it. Not part of any measured ingest.
 */
export interface IntakeProbe {
  file: string;
  entityRef: string;
}

/** Where the estates were written, and what they hold. */
export interface IngestEstate {
  root: string;
  orgFile: string;
  intakeProbe: IntakeProbe;
  /** Groups and users of the organisation file. */
  orgEntities: number;
  /** Relations among the organisation's own entities. */
  orgRelations: number;
  estates: Record<EstateKind, EstateFiles>;
}

type Doc = {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string };
  spec: Record<string, unknown>;
};

/** A relation's source and target as ref strings, and its type. */
type Relation = [source: string, type: string, target: string];

const ref = (target: string, defaultKind: string) =>
  stringifyEntityRef(
    parseEntityRef(target, { defaultKind, defaultNamespace: 'default' }),
  ).toLocaleLowerCase('en-US');

/** Custodians other than the owner, each once (as the module emits them). */
function custodiansOf(spec: {
  owner: string;
  identities?: Array<{ custodian?: string }>;
}): string[] {
  const seen = new Set([ref(spec.owner, 'Group')]);
  const result: string[] = [];
  for (const { custodian } of spec.identities ?? []) {
    if (custodian && !seen.has(ref(custodian, 'Group'))) {
      seen.add(ref(custodian, 'Group'));
      result.push(custodian);
    }
  }
  return result;
}

/**
 * The relations of an estate entity, both directions, as the module
 * (partner kinds) or the built-in processor (the twins) emits them.
 */
function relationsOf(entity: Doc): Relation[] {
  const self = ref(entity.metadata.name, entity.kind);
  const out: Relation[] = [];
  const pair = (
    targets: unknown,
    defaultKind: string,
    outgoing: string,
    incoming: string,
  ) => {
    for (const target of ([] as string[]).concat((targets as string[]) ?? [])) {
      const to = ref(target, defaultKind);
      out.push([self, outgoing, to], [to, incoming, self]);
    }
  };
  const { spec } = entity;
  pair(spec.owner, 'Group', 'ownedBy', 'ownerOf');
  if (entity.kind === 'PartnerIntegration') {
    pair(spec.partner, 'Partner', 'partOf', 'hasPart');
    pair(spec.accesses, 'Component', 'accesses', 'accessedBy');
    pair(
      custodiansOf(spec as Parameters<typeof custodiansOf>[0]),
      'Group',
      'custodiedBy',
      'custodianOf',
    );
  } else if (entity.kind === 'Component') {
    pair(spec.consumesApis, 'API', 'consumesApi', 'apiConsumedBy');
    pair(spec.dependsOn, 'Component', 'dependsOn', 'dependencyOf');
  }
  return out;
}

/**
 * The built-in twin of a partner entity: a Partner becomes an API, a
 * PartnerIntegration a Component, with the same name, metadata and payload.
 * Each relation of the partner kinds has one built-in relation in its place,
 * to the same target: owner → owner, partner → consumesApis (the partner's
 * API twin), API accesses → consumesApis, other accesses and custodians →
 * dependsOn.
 */
function builtinTwin(entity: EstateEntity): Doc {
  const base = {
    apiVersion: 'backstage.io/v1alpha1',
    metadata: entity.metadata as Doc['metadata'],
  };
  if (entity.kind === 'Partner') {
    const { type, lifecycle, owner, ...rest } = entity.spec;
    return {
      ...base,
      kind: 'API',
      spec: {
        type: 'openapi',
        lifecycle: 'production',
        owner,
        definition: `partner ${type} api`,
        partnerLifecycle: lifecycle,
        ...rest,
      },
    };
  }
  const { partner, type, owner, accesses = [], ...rest } = entity.spec;
  const isApi = (target: string) => target.startsWith('api:');
  return {
    ...base,
    kind: 'Component',
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner,
      integrationType: type,
      consumesApis: [
        `api:${parseEntityRef(partner, { defaultKind: 'Partner' }).name}`,
        ...accesses.filter(isApi),
      ],
      dependsOn: [
        ...accesses.filter(target => !isApi(target)),
        ...custodiansOf(entity.spec),
      ],
      ...rest,
    },
  };
}

/** Documents as one multi-document YAML text, written the same way for both estates. */
function yamlOf(docs: object[]): string {
  return docs
    .map(doc => `---\n${dump(doc, { lineWidth: -1, noRefs: true })}`)
    .join('');
}

/** Relations among the organisation's groups and users (memberOf / hasMember). */
const ORG_RELATIONS = USERS * 2;

/**
 * Writes the organisation file and both estates under `root`: `org.yaml`,
 * and for each estate kind a directory with one file per partner and
 * `all.yaml`, the Location listing them.
 */
export function writeEstates(
  root: string,
  options: IngestEstateOptions,
): IngestEstate {
  const { entities } = generateEntities(options);
  const orgFile = path.join(root, 'org.yaml');
  fs.writeFileSync(orgFile, orgYaml());
  const byPartner: EstateEntity[][] = [];
  for (const entity of entities) {
    if (entity.kind === 'Partner') byPartner.push([]);
    byPartner[byPartner.length - 1].push(entity);
  }
  const org: string[] = [];
  for (let g = 0; g < GROUPS; g++) org.push(`group:default/team-${g}`);
  for (let u = 0; u < USERS; u++) org.push(`user:default/user-${u}`);

  const estates = {} as Record<EstateKind, EstateFiles>;
  for (const kind of ESTATE_KINDS) {
    const dir = path.join(root, kind);
    fs.mkdirSync(dir, { recursive: true });
    const files = byPartner.map(group =>
      kind === 'partners'
        ? (group as unknown as Doc[])
        : group.map(builtinTwin),
    );
    const existing = new Set(org);
    for (const doc of files.flat()) {
      existing.add(ref(doc.metadata.name, doc.kind));
    }
    const relations = new Set<string>();
    const targets: string[] = [];
    let bytes = 0;
    for (const docs of files) {
      for (const [source, type, target] of docs.flatMap(relationsOf)) {
        if (existing.has(source)) relations.add(`${source} ${type} ${target}`);
      }
      const file = `${docs[0].metadata.name}.yaml`;
      const text = yamlOf(docs);
      fs.writeFileSync(path.join(dir, file), text);
      bytes += Buffer.byteLength(text);
      targets.push(`./${file}`);
    }
    const locationFile = path.join(dir, 'all.yaml');
    fs.writeFileSync(
      locationFile,
      yamlOf([
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Location',
          metadata: { name: 'ingest-estate' },
          spec: { type: 'file', targets },
        },
      ]),
    );
    estates[kind] = {
      locationFile,
      files: targets.length,
      bytes,
      entities: entities.length,
      relations: relations.size,
    };
  }
  const probeDir = path.join(root, 'partners-outside');
  fs.mkdirSync(probeDir, { recursive: true });
  const probeFile = path.join(probeDir, 'intake-probe.yaml');
  fs.writeFileSync(
    probeFile,
    yamlOf([{ ...entities[0], metadata: { name: 'intake-probe' } }]),
  );
  return {
    root,
    orgFile,
    intakeProbe: { file: probeFile, entityRef: 'partner:default/intake-probe' },
    orgEntities: GROUPS + USERS,
    orgRelations: ORG_RELATIONS,
    estates,
  };
}
