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

import { inspect } from 'node:util';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import fc from 'fast-check';
import { CREDENTIAL_CASES } from '@partner-governance/plugin-partners-node/testUtils';
import { partnersEntityDataParser } from './parser';
import { PartnerEntitiesProcessor } from './PartnerEntitiesProcessor';

// 300 generated files: seconds alone, longer on a busy machine
jest.setTimeout(120_000);

// Generated hostile files through the module's parser and processor, as the
// catalog runs them: every document becomes an entity or an error result,
// nothing throws out of the parser, and no secret survives into an entity,
// an error or a relation.

const SECRETS = CREDENTIAL_CASES.map(c => c.secret);
const location = { type: 'file', target: '/catalog/partners/hostile.yaml' };

/**
 * Entities of any kind and apiVersion holding one credential case's fields,
 * in an identity, in a map of the spec or in the metadata.
 */
const ENTITY = fc
  .record({
    apiVersion: fc.constantFrom(
      'partners.governance.dev/v1alpha1',
      'PARTNERS.governance.dev/v1alpha1',
      'backstage.io/v1alpha1',
    ),
    kind: fc.constantFrom('Partner', 'PartnerIntegration', 'Component', 'API'),
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    credential: fc.constantFrom(...CREDENTIAL_CASES),
    where: fc.constantFrom('identity', 'spec', 'metadata'),
    extra: fc.jsonValue({ maxDepth: 2 }),
  })
  .map(({ apiVersion, kind, name, credential, where, extra }) => {
    const fields = credential.identity;
    const spec: Record<string, unknown> = { type: 'service', extra };
    const metadata: Record<string, unknown> = { name };
    if (where === 'identity') {
      spec.identities = [{ name: 'client', type: 'api-key', ...fields }];
    } else if (where === 'spec') {
      spec.settings = fields;
    } else {
      metadata.settings = fields;
    }
    return JSON.stringify({ apiVersion, kind, metadata, spec });
  });

const FILE = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: ENTITY },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map(documents => documents.join('\n---\n'));

async function parse(text: string): Promise<CatalogProcessorResult[]> {
  const results: CatalogProcessorResult[] = [];
  for await (const result of partnersEntityDataParser({
    data: Buffer.from(text),
    location,
  })) {
    results.push(result);
  }
  return results;
}

describe('generated hostile files through the parser and the processor', () => {
  it('give entities or errors, never a throw, and never a secret', async () => {
    const processor = new PartnerEntitiesProcessor();
    await fc.assert(
      fc.asyncProperty(FILE, async text => {
        const results = await parse(text);
        const seen: unknown[] = [];
        for (const result of results) {
          expect(['entity', 'error']).toContain(result.type);
          seen.push(result);
          if (result.type !== 'entity') {
            continue;
          }
          const entity = result.entity as Entity;
          try {
            const processed = await processor.preProcessEntity(
              entity,
              location,
            );
            if (await processor.validateEntityKind(processed)) {
              await processor.postProcessEntity(processed, location, r =>
                seen.push(r),
              );
            }
          } catch (error) {
            seen.push(String(error), (error as Error).stack);
          }
        }
        const everything = inspect(seen, { depth: 20 });
        for (const secret of SECRETS) {
          expect(everything).not.toContain(secret);
        }
      }),
      { numRuns: 300 },
    );
  });
});
