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

import { RULES } from '@partner-governance/plugin-partners-common';
import {
  NOW,
  ESC,
  identity,
  partner,
  integration,
  docs,
  ORG,
  estate,
  config,
  write,
  run,
  runJson,
} from './__testUtils__/harness';

describe('text output', () => {
  const SEVERITY_RANK: Record<string, number> = {
    ERROR: 4,
    CRITICAL: 3,
    HIGH: 2,
    MEDIUM: 1,
    LOW: 0,
  };

  /** Parses the text report into file -> entity -> the first word of each line. */
  function parseText(text: string): Record<string, Record<string, string[]>> {
    const groups: Record<string, Record<string, string[]>> = {};
    let file: Record<string, string[]> | undefined;
    let entity: string[] | undefined;
    const lines = text.split('\n');
    for (const line of lines.slice(0, lines.length - 2)) {
      if (line === '') {
        file = entity = undefined;
      } else if (line.startsWith('    ')) {
        entity!.push(line.trim().split(/\s+/)[0]);
      } else if (line.startsWith('  ')) {
        entity = file![line.trim()] = [];
      } else {
        file = groups[line] = {};
      }
    }
    return groups;
  }

  async function writeMixedEstate() {
    await write('org.yaml', ORG);
    const acme = await write(
      'acme.yaml',
      docs(
        partner('acme', { lifecycle: '{ stage: measurement }' }),
        integration('acme-orders', {}, [
          identity({ lastRotated: '2025-12-01', expires: '2026-05-01' }),
          identity({
            name: 'webhook-key',
            type: 'api-key',
            secretRef: 'vault:partners/acme/webhook',
            expires: undefined,
          }),
        ]),
      ),
    );
    const broken = await write(
      'broken.yaml',
      docs(integration('broken-api', { type: 'carrier-pigeon' })),
    );
    return { acme, broken };
  }

  it('groups lines under file, then entity, worst first', async () => {
    const { acme, broken } = await writeMixedEstate();
    const json = (await runJson('report')).report;
    // The engine lists the identity's findings medium, high, low ...
    expect(
      json.findings
        .filter(
          (f: { entityRef: string }) =>
            f.entityRef === 'partnerintegration:default/acme-orders',
        )
        .map((f: { severity: string }) => f.severity),
    ).toEqual(['medium', 'high', 'low']);

    const result = await run([
      'report',
      estate,
      '--config',
      config,
      '--now',
      NOW,
    ]);
    expect(result.code).toBe(1);
    // ... and the text lists them worst first, under their file and entity.
    expect(parseText(result.stdout)).toEqual({
      [acme]: {
        'partner:default/acme': ['MEDIUM'],
        'partnerintegration:default/acme-orders': ['HIGH', 'MEDIUM', 'LOW'],
      },
      [broken]: {
        'partnerintegration:default/broken-api': ['ERROR'],
      },
    });
    for (const entities of Object.values(parseText(result.stdout))) {
      for (const severities of Object.values(entities)) {
        const ranks = severities.map(s => SEVERITY_RANK[s]);
        expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      }
    }
    expect(result.stdout).toContain(
      `    HIGH     identity-expired-active  Identity "orders-client" expired on 2026-05-01 and is still active [${RULES[
        'identity-expired-active'
      ].frameworks.join(', ')}]`,
    );
    expect(result.stdout).toContain(
      '    ERROR    spec.type: must be equal to one of the allowed values',
    );
    expect(result.stdout.trimEnd().split('\n').pop()).toBe(
      '5 entities, 1 errors, 4 findings (0 critical, 1 high, 2 medium, 1 low)',
    );
  });

  it('has no colour when stdout is not a TTY', async () => {
    await writeMixedEstate();
    const result = await run(
      ['report', estate, '--config', config, '--now', NOW],
      { tty: false },
    );
    expect(result.stdout).not.toContain(ESC);
  });

  it('has colour on a TTY, unless NO_COLOR is set', async () => {
    await writeMixedEstate();
    const tty = await run(
      ['report', estate, '--config', config, '--now', NOW],
      { tty: true },
    );
    expect(tty.stdout).toContain(`${ESC}31mHIGH`);
    expect(tty.stdout).toContain(`${ESC}1;31mERROR`);
    // Same content once the escapes are gone.
    const plain = await run([
      'report',
      estate,
      '--config',
      config,
      '--now',
      NOW,
    ]);
    // eslint-disable-next-line no-control-regex
    expect(tty.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain.stdout);

    const noColor = await run(
      ['report', estate, '--config', config, '--now', NOW],
      { tty: true, env: { NO_COLOR: '1' } },
    );
    expect(noColor.stdout).not.toContain(ESC);
  });

  it('never colours JSON, even on a TTY', async () => {
    await writeMixedEstate();
    const result = await run(
      ['report', estate, '--format', 'json', '--config', config, '--now', NOW],
      { tty: true },
    );
    expect(result.stdout).not.toContain(ESC);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });
});
