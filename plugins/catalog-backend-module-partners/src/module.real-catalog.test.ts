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

// Runs the module inside the real catalog backend (processing engine,
// stitcher, REST API, in-memory SQLite) against the example estate and a
// temporary directory of partner files holding secrets and invalid entities.

import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type DatabaseService,
  type LoggerService,
  type RootLoggerService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  parseEntityYaml,
} from '@backstage/plugin-catalog-node';
import catalogModulePartners from './index';

jest.setTimeout(120_000);

// Secret-shaped values, built at runtime so that no secret scanner flags this
// file and so that every response, row and log line can be searched for them.
const GITHUB_TOKEN = `${'gh'}${'p_'}${'S'.repeat(36)}`;
const SLACK_TOKEN = `${'xo'}${'xb-'}${'1234567890'}-${'Q'.repeat(24)}`;
const KEY_BODY = `MIIEpAIBAAKCAQEA${'w'.repeat(48)}`;
const PEM_BEGIN = `${'-----BEGIN '}${'OPENSSH PRIVATE KEY-----'}`;
const PEM_END = `${'-----END '}${'OPENSSH PRIVATE KEY-----'}`;
const SECRETS = [GITHUB_TOKEN, SLACK_TOKEN, KEY_BODY, PEM_BEGIN];

const EXAMPLES_DIR = path.resolve(__dirname, '../../../examples');

const PARTNER_FILE = `apiVersion: partners.governance.dev/v1alpha1
kind: Partner
metadata:
  name: tempest-labs
spec:
  type: integrator
  owner: group:partner-operations
  lifecycle:
    stage: enablement
  risk:
    tier: medium
---
apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: tempest-api
spec:
  partner: tempest-labs
  type: api
  owner: group:team-orders
  accesses: [api:orders-v2, orders-service]
  identities:
    - name: tempest-client
      type: oauth-client
      custodian: group:security
      secretRef: vault:partners/tempest-labs/tempest-client
---
apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: tempest-leaky
  description: |
    Deploy key, pasted here by mistake:
    ${PEM_BEGIN}
    ${KEY_BODY}
    ${PEM_END}
spec:
  partner: tempest-labs
  type: api
  owner: group:team-orders
  identities:
    - name: tempest-pat
      type: token
      secretRef: vault:partners/tempest-labs/tempest-pat
      token: ${GITHUB_TOKEN}
---
apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: tempest-badtype
spec:
  partner: tempest-labs
  type: carrier-pigeon
  owner: group:team-orders
`;

const ROTATING_CLEAN = `apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: tempest-rotating
spec:
  partner: tempest-labs
  type: support-tooling
  owner: group:team-support-tooling
  identities:
    - name: tempest-slack-bot
      type: token
      secretRef: vault:partners/tempest-labs/tempest-slack-bot
`;

// The same integration after someone pasted the bot token into it.
const ROTATING_LEAKY = `${ROTATING_CLEAN}      scopes: [chat:write, ${SLACK_TOKEN}]
`;

// A malformed file whose YAML error points at the line holding the token.
const BROKEN_FILE = `apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: tempest-broken
spec:
  identities:
    - name: tempest-broken-pat
      token: ${GITHUB_TOKEN}: oops
`;

type ProcessingError = { entityRef: string; errors: Error[] };

/** An entity as the catalog's REST API returns it, processing status included. */
type StoredEntity = Entity & {
  status?: {
    items?: Array<{ type: string; level: string; message: string }>;
  };
};

const mockDir = createMockDirectory();
const processingErrors: ProcessingError[] = [];
const logLines: string[] = [];
let catalogDatabase: Awaited<ReturnType<DatabaseService['getClient']>>;
let backend: TestBackend;

/** A root logger that keeps every line, debug included. */
class CapturingLogger implements RootLoggerService {
  constructor(private readonly fields: Record<string, unknown> = {}) {}
  child(meta: Parameters<LoggerService['child']>[0]): LoggerService {
    return new CapturingLogger({ ...this.fields, ...meta });
  }
  error(message: string, meta?: unknown) {
    this.log('error', message, meta);
  }
  warn(message: string, meta?: unknown) {
    this.log('warn', message, meta);
  }
  info(message: string, meta?: unknown) {
    this.log('info', message, meta);
  }
  debug(message: string, meta?: unknown) {
    this.log('debug', message, meta);
  }
  private log(level: string, message: string, meta: unknown) {
    logLines.push(
      `${level} ${inspect(this.fields)} ${message} ${inspect(meta, {
        depth: 20,
      })}`,
    );
  }
}

/** Collects processing errors and the catalog's database client. */
const probeModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'partners-test-probe',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        database: coreServices.database,
      },
      async init({ catalog, database }) {
        catalog.setOnProcessingErrorHandler(event => {
          processingErrors.push({
            entityRef: stringifyEntityRef(event.unprocessedEntity),
            errors: event.errors,
          });
        });
        catalogDatabase = await database.getClient();
      },
    });
  },
});

async function api(
  method: 'GET' | 'POST',
  urlPath: string,
  body?: unknown,
): Promise<{ status: number; text: string; json: any }> {
  const response = await fetch(
    `http://localhost:${backend.server.port()}/api/catalog${urlPath}`,
    {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    },
  );
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, text, json };
}

async function getEntity(ref: string): Promise<StoredEntity | undefined> {
  const { kind, namespace, name } = parseEntityRef(ref);
  const { status, json } = await api(
    'GET',
    `/entities/by-name/${kind}/${namespace}/${name}`,
  );
  if (status === 404) {
    return undefined;
  }
  expect(status).toBe(200);
  return json;
}

/** Retries an assertion until it passes or the time is up. */
async function eventually<T>(
  assertion: () => Promise<T>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}

function relationsOf(entity: Entity | undefined): string[] {
  return (entity?.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();
}

/** Every Partner and PartnerIntegration of the example estate, as the catalog reads them. */
function exampleEntities(): Entity[] {
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
function expectedOutgoingRelations(entity: Entity): string[] {
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

async function dumpDatabase(): Promise<string> {
  const tables: Array<{ name: string }> = await catalogDatabase
    .select('name')
    .from('sqlite_master')
    .where('type', 'table');
  const rows = await Promise.all(
    tables.map(async ({ name }) => ({
      name,
      rows: await catalogDatabase.select('*').from(name),
    })),
  );
  return JSON.stringify(rows);
}

function expectNoSecretIn(text: string) {
  for (const secret of SECRETS) {
    expect(text).not.toContain(secret);
  }
  expect(text).not.toContain('S'.repeat(36));
  expect(text).not.toContain('Q'.repeat(24));
}

beforeAll(async () => {
  mockDir.setContent({
    'partners.yaml': PARTNER_FILE,
    'rotating.yaml': ROTATING_CLEAN,
    'broken.yaml': BROKEN_FILE,
  });

  backend = await startTestBackend({
    features: [
      catalogBackend,
      catalogModulePartners,
      probeModule,
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => new CapturingLogger(),
      }),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            // stitch promptly instead of once a second
            stitchingStrategy: { pollingInterval: { milliseconds: 100 } },
            rules: [
              {
                allow: [
                  'Location',
                  'Group',
                  'User',
                  'Domain',
                  'System',
                  'Component',
                  'API',
                  'Resource',
                  'Partner',
                  'PartnerIntegration',
                ],
              },
            ],
            locations: [
              { type: 'file', target: path.join(EXAMPLES_DIR, 'all.yaml') },
              { type: 'file', target: mockDir.resolve('partners.yaml') },
              { type: 'file', target: mockDir.resolve('rotating.yaml') },
              { type: 'file', target: mockDir.resolve('broken.yaml') },
            ],
          },
        },
      }),
    ],
  });
});

afterAll(async () => {
  await backend?.stop();
});

describe('the partners module in the real catalog', () => {
  it('ingests every example partner and integration with its relations', async () => {
    const examples = exampleEntities();
    expect(examples.filter(e => e.kind === 'Partner')).toHaveLength(18);
    expect(examples.filter(e => e.kind === 'PartnerIntegration')).toHaveLength(
      38,
    );

    // Wait for the whole estate, relations of the last stitch included.
    const stored = await eventually(async () => {
      const { status, json } = await api(
        'GET',
        '/entities?filter=kind=partner&filter=kind=partnerintegration',
      );
      expect(status).toBe(200);
      const byRef = new Map<string, StoredEntity>(
        (json as StoredEntity[]).map(e => [stringifyEntityRef(e), e]),
      );
      for (const example of examples) {
        const entity = byRef.get(stringifyEntityRef(example));
        expect(entity).toBeDefined();
        for (const relation of expectedOutgoingRelations(example)) {
          expect(relationsOf(entity)).toContain(relation);
        }
      }
      // Each example partner has every one of its example integrations as a part.
      for (const partner of examples.filter(e => e.kind === 'Partner')) {
        const partnerRef = stringifyEntityRef(partner);
        const parts = examples
          .filter(e =>
            expectedOutgoingRelations(e).includes(`partOf ${partnerRef}`),
          )
          .map(e => `hasPart ${stringifyEntityRef(e)}`)
          .sort();
        expect(parts.length).toBeGreaterThan(0);
        expect(
          relationsOf(byRef.get(partnerRef)).filter(r =>
            r.startsWith('hasPart '),
          ),
        ).toEqual(parts);
      }
      return byRef;
    });

    // Exactly the relations the design lists, nothing more.
    for (const example of examples) {
      const entity = stored.get(stringifyEntityRef(example))!;
      const outgoing = relationsOf(entity).filter(
        r => !r.startsWith('hasPart '),
      );
      expect({ ref: stringifyEntityRef(example), relations: outgoing }).toEqual(
        {
          ref: stringifyEntityRef(example),
          relations: expectedOutgoingRelations(example),
        },
      );
      expect(entity.spec).toEqual(example.spec);
      expect(entity.status).toBeUndefined();
    }
  });

  it('gives an integration exactly its ownedBy, partOf, accesses and custodiedBy relations', async () => {
    const sso = await eventually(async () => {
      const entity = await getEntity('partnerintegration:default/corvid-sso');
      expect(relationsOf(entity)).toContain(
        'custodiedBy user:default/kenji-watanabe',
      );
      return entity;
    });
    expect(relationsOf(sso)).toEqual([
      'accesses api:default/partner-federation',
      'accesses api:default/scim-v2',
      'accesses component:default/auth-gateway',
      'accesses component:default/scim-provisioner',
      'custodiedBy user:default/kenji-watanabe',
      'ownedBy group:default/team-identity',
      'partOf partner:default/corvid-integration-works',
    ]);
  });

  it('gives the other ends their reverse relations', async () => {
    await eventually(async () => {
      const partner = await getEntity(
        'partner:default/corvid-integration-works',
      );
      expect(relationsOf(partner)).toEqual([
        'hasPart partnerintegration:default/corvid-catalog-sync',
        'hasPart partnerintegration:default/corvid-sandbox',
        'hasPart partnerintegration:default/corvid-sso',
        'ownedBy group:default/alliances',
      ]);

      const component = await getEntity('component:default/auth-gateway');
      expect(relationsOf(component)).toContain(
        'accessedBy partnerintegration:default/corvid-sso',
      );
      const api_ = await getEntity('api:default/scim-v2');
      expect(relationsOf(api_)).toContain(
        'accessedBy partnerintegration:default/corvid-sso',
      );
      const resource = await getEntity('resource:default/catalog-db');
      expect(relationsOf(resource)).toContain(
        'accessedBy partnerintegration:default/corvid-catalog-sync',
      );

      const team = await getEntity('group:default/team-identity');
      expect(relationsOf(team)).toContain(
        'ownerOf partnerintegration:default/corvid-sso',
      );
      const alliances = await getEntity('group:default/alliances');
      expect(relationsOf(alliances)).toContain(
        'ownerOf partner:default/corvid-integration-works',
      );
      const custodian = await getEntity('user:default/kenji-watanabe');
      expect(relationsOf(custodian)).toContain(
        'custodianOf partnerintegration:default/corvid-sso',
      );
    });
  });

  it('ingests the valid siblings of a secret and of an invalid entity', async () => {
    const integration = await eventually(async () => {
      const entity = await getEntity('partnerintegration:default/tempest-api');
      expect(relationsOf(entity)).toContain(
        'custodiedBy group:default/security',
      );
      return entity;
    });
    expect(relationsOf(integration)).toEqual([
      'accesses api:default/orders-v2',
      'accesses component:default/orders-service',
      'custodiedBy group:default/security',
      'ownedBy group:default/team-orders',
      'partOf partner:default/tempest-labs',
    ]);
    await eventually(async () => {
      expect(
        relationsOf(await getEntity('partner:default/tempest-labs')),
      ).toEqual([
        'hasPart partnerintegration:default/tempest-api',
        'hasPart partnerintegration:default/tempest-rotating',
        'ownedBy group:default/partner-operations',
      ]);
    });

    // Both rejects have been processed (and failed) by now...
    const failures = await eventually(async () => {
      const refs = processingErrors.map(e => e.entityRef);
      expect(refs).toContain('partnerintegration:default/tempest-leaky');
      expect(refs).toContain('partnerintegration:default/tempest-badtype');
      return processingErrors;
    });
    // ...and neither is in the catalog.
    await expect(
      getEntity('partnerintegration:default/tempest-leaky'),
    ).resolves.toBeUndefined();
    await expect(
      getEntity('partnerintegration:default/tempest-badtype'),
    ).resolves.toBeUndefined();

    const messages = (ref: string) =>
      failures
        .filter(f => f.entityRef === ref)
        .flatMap(f => f.errors.map(e => String(e)));
    expect(messages('partnerintegration:default/tempest-leaky')).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'metadata.description holds a secret value (a private key block)',
        ),
      ]),
    );
    expect(messages('partnerintegration:default/tempest-leaky')).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'spec.identities[0].token holds a secret value (a GitHub token)',
        ),
      ]),
    );
    expect(messages('partnerintegration:default/tempest-badtype')).toEqual([
      expect.stringMatching(
        /\/spec\/type must be equal to one of the allowed values/,
      ),
    ]);

    // What the catalog got to process was already redacted.
    const leaky = failures.find(
      f => f.entityRef === 'partnerintegration:default/tempest-leaky',
    );
    expectNoSecretIn(inspect(leaky, { depth: 20 }));
  });

  it('reports a malformed file without quoting it', async () => {
    const failure = await eventually(async () => {
      const found = processingErrors.find(f =>
        f.errors.some(e => String(e).includes('broken.yaml')),
      );
      expect(found).toBeDefined();
      return found!;
    });
    expect(failure.entityRef).toMatch(/^location:default\/generated-/);
    expect(failure.errors.map(String)).toEqual([
      expect.stringMatching(
        /YAML error at file:.*broken\.yaml, YAMLParseError: Nested mappings are not allowed in compact mappings at line 8, column \d+$/,
      ),
    ]);
    expectNoSecretIn(inspect(failure, { depth: 20 }));
    await expect(
      getEntity('partnerintegration:default/tempest-broken'),
    ).resolves.toBeUndefined();
  });

  it('keeps the last good version of an entity whose file gains a secret, with the error in its status', async () => {
    const clean = await eventually(async () => {
      const entity = await getEntity(
        'partnerintegration:default/tempest-rotating',
      );
      expect(entity).toBeDefined();
      return entity!;
    });
    expect(clean.status).toBeUndefined();

    fs.writeFileSync(mockDir.resolve('rotating.yaml'), ROTATING_LEAKY);

    const rejected = await eventually(async () => {
      const { status } = await api('POST', '/refresh', {
        entityRef: 'partnerintegration:default/tempest-rotating',
      });
      expect(status).toBe(200);
      const entity = await getEntity(
        'partnerintegration:default/tempest-rotating',
      );
      expect(entity?.status?.items).toHaveLength(1);
      return entity!;
    });

    expect(rejected.spec).toEqual(clean.spec);
    expect(rejected.metadata.annotations).toEqual(clean.metadata.annotations);
    expect(rejected.status?.items).toEqual([
      expect.objectContaining({
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message: expect.stringContaining(
          'spec.identities[0].scopes[1] holds a secret value (a Slack token)',
        ),
      }),
    ]);
    expectNoSecretIn(JSON.stringify(rejected));
  });

  it('never returns, stores or logs a secret value', async () => {
    // Wait until the rejects of the temporary files have been processed (when
    // the whole file runs, the rotated secret has been rejected by now too).
    await eventually(async () => {
      const refs = processingErrors.map(e => e.entityRef);
      expect(refs).toContain('partnerintegration:default/tempest-leaky');
      expect(
        processingErrors.some(f =>
          f.errors.some(e => String(e).includes('broken.yaml')),
        ),
      ).toBe(true);
    });

    const { text } = await eventually(async () => {
      const response = await api('GET', '/entities');
      expect(response.status).toBe(200);
      // the whole estate, and the valid siblings of the rejects
      expect(response.json.length).toBeGreaterThan(120);
      expect(response.text).toContain('tempest-api');
      return response;
    });
    expectNoSecretIn(text);

    const locations = await api('GET', '/locations');
    expect(locations.status).toBe(200);
    expectNoSecretIn(locations.text);

    expectNoSecretIn(await dumpDatabase());
    // the redacted documents are what the catalog holds on to
    expect(await dumpDatabase()).toContain('<redacted>');

    expect(logLines.length).toBeGreaterThan(0);
    expectNoSecretIn(logLines.join('\n'));
  });
});
