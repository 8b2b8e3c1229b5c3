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

/* eslint-disable @backstage/no-relative-monorepo-imports */

/*
 * --breakdown: the stages of `partners report`, each timed on its own. The
 * file walk and the per-file parse are the CLI's own (internal, not its
 * public API), so they come from its source.
 */

import fs from 'node:fs';
import {
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  userEntityV1alpha1Validator,
  type Entity,
  type EntityPolicy,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  evaluatePartnerRules,
  partnerEntityV1alpha1Validator,
  partnerIntegrationEntityV1alpha1Validator,
  readPartnersConfig,
} from '@partner-governance/plugin-partners-common';
import { redactSecretsOfAll } from '@partner-governance/plugin-partners-node';
import { parse } from 'yaml';
import {
  collectFiles,
  readDocuments,
  type ParsedDocument,
} from '../../../partners-cli/src/files';
import { time } from '../lib/timing';
import type { CliEstate } from './estate';

/** Each stage's wall time in ms, in the order they ran. */
export async function breakdown(
  estate: CliEstate,
  options: { now: string },
): Promise<Record<string, number>> {
  const config = readPartnersConfig(
    new ConfigReader(parse(fs.readFileSync(estate.config, 'utf8'))),
  );
  const stages: Record<string, number> = {};
  const measure = async <T>(name: string, fn: () => T | Promise<T>) => {
    const { ms, result } = await time(fn);
    stages[name] = ms;
    return result;
  };

  const { files: list } = await measure('collect files', () =>
    collectFiles([estate.dir]),
  );
  const docs = await measure(
    'read + split + parse + secret guard (readDocuments)',
    (): Promise<ParsedDocument[]> =>
      readDocuments(list, {
        error: (e: { message: string }) => {
          throw new Error(e.message);
        },
      }),
  );
  await measure(
    'secret guard alone, on the parsed data (redactSecretsOfAll)',
    () => redactSecretsOfAll(docs.map(d => d.data)),
  );
  const policies: Array<[string, EntityPolicy]> = [
    ['NoForeignRootFieldsEntityPolicy', new NoForeignRootFieldsEntityPolicy()],
    ['SchemaValidEntityPolicy', new SchemaValidEntityPolicy()],
    [
      'default namespace (shallow copy)',
      {
        enforce: async e =>
          e.metadata.namespace
            ? e
            : { ...e, metadata: { ...e.metadata, namespace: 'default' } },
      },
    ],
    ['FieldFormatEntityPolicy', new FieldFormatEntityPolicy()],
  ];
  const enforceAll = async (policy: EntityPolicy, input: Entity[]) => {
    const out: Entity[] = [];
    for (const e of input) {
      const enforced = await policy.enforce(e);
      if (enforced) out.push(enforced);
    }
    return out;
  };
  // The documents as the envelope policies take them: they check the shape.
  let entities = docs.map(d => d.data as Entity);
  for (const [name, policy] of policies) {
    const input = entities;
    entities = await measure(`envelope: ${name}`, () =>
      enforceAll(policy, input),
    );
  }
  await measure('kind validators (ajv + dates)', async () => {
    for (const e of entities) {
      if (e.kind === 'Partner') partnerEntityV1alpha1Validator.checkSync(e);
      else if (e.kind === 'PartnerIntegration')
        partnerIntegrationEntityV1alpha1Validator.checkSync(e);
      else if (e.kind === 'Group') await groupEntityV1alpha1Validator.check(e);
      else if (e.kind === 'User') await userEntityV1alpha1Validator.check(e);
    }
  });
  await measure('entity refs + duplicate check', () => {
    const seen = new Set<string>();
    for (const e of entities) {
      const { namespace = 'default', name } = e.metadata;
      seen.add(`${e.kind}:${namespace}/${name}`.toLowerCase());
    }
  });
  const findings = await measure('rules (evaluatePartnerRules)', () => {
    const owners = entities.filter(
      e => e.kind === 'Group' || e.kind === 'User',
    );
    return evaluatePartnerRules({
      entities,
      config,
      now: options.now,
      knownOwners: new Set(
        owners.map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
      ),
    });
  });
  await measure('format JSON', () =>
    JSON.stringify({ entities: docs.length, errors: [], findings }, null, 2),
  );
  return stages;
}
