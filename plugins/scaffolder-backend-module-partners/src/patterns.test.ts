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
import { load } from 'js-yaml';
import { checkSync } from 'recheck';
import { config } from './__testUtils__/fixtures';
import { createPartnerEntitiesAction } from './actions/createPartnerEntities';
import { createValidatePartnersAction } from './actions/validatePartners';

/*
 * The regular expressions that meet form values: the patterns of the
 * onboarding template (the browser's form and the scaffolder backend check
 * them) and of the actions' input schemas. The literals of this package's
 * source are checked with the others, in plugins/partners-node.
 */

const TEMPLATE = path.resolve(
  __dirname,
  '../../../examples/templates/onboard-partner.yaml',
);

/** Every `pattern` of a JSON Schema, anywhere in it. */
function patternsOf(schema: unknown, where: string): Array<[string, string]> {
  if (!schema || typeof schema !== 'object') {
    return [];
  }
  return Object.entries(schema).flatMap(([key, value]) =>
    key === 'pattern' && typeof value === 'string'
      ? [[where, value] as [string, string]]
      : patternsOf(value, `${where}.${key}`),
  );
}

const PATTERNS = [
  ...patternsOf(
    load(fs.readFileSync(TEMPLATE, 'utf8')),
    'onboard-partner.yaml',
  ),
  ...patternsOf(
    createPartnerEntitiesAction({ config }).schema?.input,
    'partners:entities:create',
  ),
  ...patternsOf(
    createValidatePartnersAction({ config }).schema?.input,
    'partners:validate',
  ),
];

describe('the patterns form values meet', () => {
  it('are found', () => {
    expect(PATTERNS.length).toBeGreaterThan(0);
  });

  it.each(PATTERNS)('%s: %s is linear', (_, source) => {
    const diagnostics = checkSync(source, '', {
      timeout: 10_000,
      randomSeed: 1,
    });
    expect(diagnostics.status).toBe('safe');
  });
});
