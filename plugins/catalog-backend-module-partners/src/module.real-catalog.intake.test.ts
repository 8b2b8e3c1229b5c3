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

// Who may onboard: partners.intake.allowedLocations in the real catalog, for
// file locations (nested Locations included), URL locations served over
// HTTP, a list that changes while the catalog runs, and an unset or empty list.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXAMPLES_DIR } from './__testUtils__/examples';
import { eventually, useRealCatalog } from './__testUtils__/realCatalog';

jest.setTimeout(120_000);

const partnerYaml = (
  name: string,
  tier = 'medium',
) => `apiVersion: partners.governance.dev/v1alpha1
kind: Partner
metadata:
  name: ${name}
spec:
  type: integrator
  owner: group:partner-operations
  lifecycle:
    stage: enablement
  risk:
    tier: ${tier}
`;

const integrationYaml = (
  name: string,
  partner: string,
) => `apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: ${name}
spec:
  partner: ${partner}
  type: api
  owner: group:team-orders
`;

const locationYaml = (
  name: string,
  targets: string[],
) => `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: ${name}
spec:
  targets: [${targets.join(', ')}]
`;

// Partner files served over HTTP, as a Git host serves them: an allowed
// folder, a Location in it and a sibling folder whose name extends it.
const SERVED: Record<string, string> = {
  '/acme/partners/all.yaml': locationYaml('intake-url-estate', [
    './url-ok.yaml',
    '../partners-evil/url-evil.yaml',
  ]),
  '/acme/partners/url-ok.yaml': partnerYaml('intake-url-ok'),
  '/acme/partners-evil/url-evil.yaml': partnerYaml('intake-url-evil'),
};
const server = http.createServer((req, res) => {
  const body = SERVED[req.url ?? ''];
  res.writeHead(body ? 200 : 404, { 'content-type': 'text/yaml' });
  res.end(body ?? 'not found');
});
let base = '';
beforeAll(async () => {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise(resolve => server.close(resolve)));

let dir = '';
const allowedLocations = (root: string) => [
  `${EXAMPLES_DIR}/`,
  `${root}/allowed`,
  `${base}/acme/partners/`,
];

const {
  mockDir,
  processingErrors,
  logLines,
  api,
  getEntity,
  dumpDatabase,
  setIntake,
} = useRealCatalog({
  files: {
    'allowed/partners.yaml': `${partnerYaml(
      'intake-allowed',
    )}---\n${integrationYaml('intake-allowed-api', 'intake-allowed')}`,
    'allowed/moving.yaml': partnerYaml('intake-moving', 'medium'),
    'allowed/nested.yaml': locationYaml('intake-nested', [
      './sub/nested-ok.yaml',
      '../outside/escape.yaml',
    ]),
    'allowed-evil/partners.yaml': partnerYaml('intake-sibling'),
    'outside/partners.yaml': `${partnerYaml('intake-outside')}---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: intake-outside-service
spec:
  type: service
  lifecycle: production
  owner: group:team-orders
`,
  },
  unlistedFiles: {
    'allowed/sub/nested-ok.yaml': partnerYaml('intake-nested-ok'),
    'outside/escape.yaml': partnerYaml('intake-nested-escape'),
  },
  intake: root => {
    dir = root;
    return { allowedLocations: allowedLocations(root) };
  },
  locations: () => [{ type: 'url', target: `${base}/acme/partners/all.yaml` }],
  backend: () => ({ reading: { allow: [{ host: base.slice(7) }] } }),
});

const messagesOf = (ref: string) =>
  processingErrors
    .filter(e => e.entityRef === ref)
    .flatMap(e => e.errors.map(String));

/** The processing errors the catalog keeps in refresh_state for an entity. */
async function refreshStateErrors(ref: string): Promise<string> {
  const tables: Array<{ name: string; rows: any[] }> = JSON.parse(
    await dumpDatabase(),
  );
  const row = tables
    .find(t => t.name === 'refresh_state')!
    .rows.find(r => r.entity_ref === ref);
  return String(row?.errors ?? '');
}

async function refresh(ref: string) {
  const { status } = await api('POST', '/refresh', { entityRef: ref });
  expect(status).toBe(200);
}

const NOT_ALLOWED =
  'a location that partners.intake.allowedLocations does not allow';

describe('partners.intake.allowedLocations in the real catalog', () => {
  it('accepts partner entities from allowed files, folders, nested locations and URLs', async () => {
    for (const ref of [
      'partner:default/intake-allowed',
      'partnerintegration:default/intake-allowed-api',
      'partner:default/intake-nested-ok',
      'partner:default/intake-url-ok',
      // the example estate, through the nested Location examples/all.yaml
      'partner:default/cinderpath-it-services',
    ]) {
      const entity = await eventually(async () => {
        const found = await getEntity(ref);
        expect(found).toBeDefined();
        return found!;
      });
      expect([ref, entity.status]).toEqual([ref, undefined]);
    }
    // What the processor is given as the location: the file or URL read.
    const nested = await getEntity('partner:default/intake-nested-ok');
    expect(
      nested?.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toBe(`file:${mockDir.resolve('allowed/sub/nested-ok.yaml')}`);
    const served = await getEntity('partner:default/intake-url-ok');
    expect(
      served?.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toBe(`url:${base}/acme/partners/url-ok.yaml`);
  });

  it('rejects partner entities from any other location, naming the entity and the location', async () => {
    const rejected: Array<[string, string]> = [
      // a sibling folder whose name extends the allowed one
      [
        'partner:default/intake-sibling',
        `file:${mockDir.resolve('allowed-evil/partners.yaml')}`,
      ],
      [
        'partner:default/intake-outside',
        `file:${mockDir.resolve('outside/partners.yaml')}`,
      ],
      // a Location in the allowed folder pointing out of it
      [
        'partner:default/intake-nested-escape',
        `file:${mockDir.resolve('outside/escape.yaml')}`,
      ],
      // a URL Location under the allowed prefix pointing at a sibling
      [
        'partner:default/intake-url-evil',
        `url:${base}/acme/partners-evil/url-evil.yaml`,
      ],
      // the test's other files, in the temporary folder's root
      [
        'partnerintegration:default/tempest-api',
        `file:${mockDir.resolve('partners.yaml')}`,
      ],
    ];
    for (const [ref, location] of rejected) {
      const message = `${ref} comes from ${location}, ${NOT_ALLOWED}`;
      await eventually(async () => {
        expect(messagesOf(ref)).toEqual([expect.stringContaining(message)]);
      });
      expect(await refreshStateErrors(ref)).toContain(message);
      await expect(getEntity(ref)).resolves.toBeUndefined();
    }
    // Other kinds from the same file are not the intake's concern.
    await eventually(async () => {
      expect(
        await getEntity('component:default/intake-outside-service'),
      ).toBeDefined();
    });
    expect(messagesOf('component:default/intake-outside-service')).toEqual([]);
  });

  it('keeps the last good version when the list stops allowing its location, with the error in its status', async () => {
    const ref = 'partner:default/intake-moving';
    const good = await eventually(async () => {
      const entity = await getEntity(ref);
      expect(entity).toBeDefined();
      return entity!;
    });
    expect((good.spec as any).risk.tier).toBe('medium');

    // The file changes and the list no longer covers it (only one file of
    // its folder stays allowed).
    fs.writeFileSync(
      mockDir.resolve('allowed/moving.yaml'),
      partnerYaml('intake-moving', 'critical'),
    );
    setIntake({
      allowedLocations: [
        `${EXAMPLES_DIR}/`,
        mockDir.resolve('allowed/partners.yaml'),
      ],
    });
    const message = `${ref} comes from file:${mockDir.resolve(
      'allowed/moving.yaml',
    )}, ${NOT_ALLOWED}`;
    const kept = await eventually(async () => {
      await refresh(ref);
      const entity = await getEntity(ref);
      expect(entity?.status?.items).toEqual([
        expect.objectContaining({
          level: 'error',
          message: expect.stringContaining(message),
        }),
      ]);
      return entity!;
    });
    expect(kept.spec).toEqual(good.spec);
    expect(await refreshStateErrors(ref)).toContain(message);

    // Its neighbour, still listed, is processed again without an error.
    await refresh('partner:default/intake-allowed');
    await new Promise(resolve => setTimeout(resolve, 2000));
    expect(
      (await getEntity('partner:default/intake-allowed'))?.status,
    ).toBeUndefined();

    // Listed again, the new version comes in and the error goes.
    setIntake({ allowedLocations: allowedLocations(dir) });
    await eventually(async () => {
      await refresh(ref);
      const entity = await getEntity(ref);
      expect((entity?.spec as any).risk.tier).toBe('critical');
      expect(entity?.status).toBeUndefined();
    });
  });

  it('accepts every location once the list is unset, and none when it is empty', async () => {
    setIntake(undefined);
    expect(logLines.join('\n')).toContain(
      'partners.intake.allowedLocations is not set: Partner and PartnerIntegration entities are accepted from every location',
    );
    await eventually(async () => {
      await refresh('partner:default/intake-sibling');
      expect(await getEntity('partner:default/intake-sibling')).toBeDefined();
    });

    setIntake({ allowedLocations: [] });
    await eventually(async () => {
      await refresh('partner:default/intake-allowed');
      const entity = await getEntity('partner:default/intake-allowed');
      expect(entity?.status?.items?.[0]?.message).toContain(
        `partner:default/intake-allowed comes from file:${mockDir.resolve(
          'allowed/partners.yaml',
        )}, no location is allowed for partner entities (partners.intake.allowedLocations is empty)`,
      );
      expect(entity?.spec).toBeDefined();
    });
  });
});
