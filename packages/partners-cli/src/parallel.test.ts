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

import os from 'node:os';
import path from 'node:path';
import { UnreadablePathError } from './files';
import { defaultThreads, validateFilesInParallel } from './parallel';
import { validateFiles } from './validateFiles';
import {
  ORG,
  docs,
  estate,
  identity,
  integration,
  partner,
  runJson,
  write,
} from './__testUtils__/harness';

// Workers load the sources through Backstage's transform: give them time.
jest.setTimeout(60_000);

/** A component whose spec holds the numbers JSON cannot carry. */
const NUMBERS = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: numbers',
  'spec:',
  '  type: service',
  '  lifecycle: production',
  '  owner: group:team-a',
  '  weight: .inf',
  '  floor: -.Inf',
  '  ratio: .NaN',
  '  offset: -0.0',
  '',
].join('\n');

/** Clean partners, and one file of each thing the reader refuses. */
async function writeMixedEstate(): Promise<string[]> {
  const files = [await write('org.yaml', ORG)];
  for (let i = 0; i < 12; i++) {
    files.push(
      await write(
        `p${String(i).padStart(2, '0')}.yaml`,
        docs(
          partner(`partner-${i}`),
          integration(`partner-${i}-orders`, {
            partner: `partner:partner-${i}`,
          }),
        ),
      ),
    );
  }
  files.push(
    await write('q-numbers.yaml', docs(NUMBERS)),
    await write('r-malformed.yaml', 'kind: [unclosed\n---\nkind: Group\n'),
    await write(
      's-secret.yaml',
      docs(
        integration('leaky', {}, [
          identity({ secretRef: 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB' }),
        ]),
      ),
    ),
    await write('t-list.yaml', '- not\n- a mapping\n'),
    await write(
      'u-bomb.yaml',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\n${'b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n'}c: [*b, *b, *b, *b, *b, *b, *b, *b]\n`,
    ),
    await write('v-duplicate.yaml', docs(partner('partner-3'))),
  );
  return files;
}

describe('validateFilesInParallel', () => {
  it('gives what one thread gives, in the same order, when workers check every chunk', async () => {
    const files = await writeMixedEstate();
    const alone = await validateFiles(files);
    const shared = await validateFilesInParallel(files, {
      threads: 3,
      minChunkFiles: 2,
      checkHere: false,
    });

    expect(shared).toEqual(alone);
    // The estate holds every kind of outcome, so the comparison means something.
    expect(alone.documents.filter(d => d.entity)).toHaveLength(28);
    expect(
      alone.documents.flatMap(d => (d.error ? [path.basename(d.file)] : [])),
    ).toEqual(['r-malformed.yaml', 's-secret.yaml', 't-list.yaml']);
    expect(alone.readErrors.map(e => path.basename(e.file))).toEqual([
      'r-malformed.yaml',
      'u-bomb.yaml',
    ]);
    // Numbers JSON would have turned into null and 0 arrive as they were.
    const numbers = shared.documents.find(
      d => d.entity?.metadata.name === 'numbers',
    )!.entity!.spec!;
    expect(numbers.weight).toBe(Infinity);
    expect(numbers.floor).toBe(-Infinity);
    expect(numbers.ratio).toBeNaN();
    expect(Object.is(numbers.offset, -0)).toBe(true);
  });

  it('shares the chunks between this thread and the workers with the same result', async () => {
    const files = await writeMixedEstate();
    const shared = await validateFilesInParallel(files, {
      threads: 2,
      minChunkFiles: 1,
    });
    expect(shared).toEqual(await validateFiles(files));
  });

  it('throws the unreadable file of a chunk a worker could not check', async () => {
    const files = await writeMixedEstate();
    const missing = path.join(estate, 'gone.yaml');
    const checking = validateFilesInParallel([...files, missing], {
      threads: 2,
      minChunkFiles: 2,
      checkHere: false,
    });
    await expect(checking).rejects.toThrow(UnreadablePathError);
    await expect(checking).rejects.toThrow(`Cannot read ${missing}: ENOENT`);
  });
});

describe('partners report --threads', () => {
  it('reports what one thread reports', async () => {
    await writeMixedEstate();
    const one = await runJson('report', '--threads', '1', '--fail-on', 'none');
    expect(one.report.errors).toHaveLength(6);
    expect(one.report.findings.length).toBeGreaterThan(0);
    expect(
      await runJson('report', '--threads', '3', '--fail-on', 'none'),
    ).toEqual(one);
  });
});

describe('defaultThreads', () => {
  it('keeps a few files on this thread and shares thousands', () => {
    expect(defaultThreads(1)).toBe(1);
    expect(defaultThreads(4999)).toBe(1);
    expect(defaultThreads(5000)).toBe(Math.min(os.availableParallelism(), 4));
  });
});
