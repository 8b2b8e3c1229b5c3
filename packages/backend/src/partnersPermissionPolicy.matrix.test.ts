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

import { TestDatabases, type TestBackend } from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { startPartnersTestBackend } from './__testUtils__/partnersTestBackend';
import {
  authorizationOf,
  ROLES,
  type MatrixEstate,
  type Role,
  seedMatrixEstate,
} from './__testUtils__/routeMatrix';
import {
  type Cells,
  cells,
  dump,
  type Knex,
  READS,
  specRoutes,
  WRITES,
} from './__testUtils__/routeMatrixRoutes';

jest.setTimeout(120_000);

const ALL_FINDINGS = 'acme,acme-billing,acme-orders';
const EVERY_DETAIL = [
  'acme-billing:findings=1:secretRefs=1',
  'acme-orders:findings=1:secretRefs=1',
].join(' ');

/**
 * Who sees what: owner (team-orders owns acme-orders), a member of another
 * team, a member of partner-ops (owns acme), a security member, a service
 * and an unauthenticated caller.
 */
const READ_EXPECTED: Record<string, Cells> = {
  'GET /health': cells('200', '200', '200', '200', '200', '200'),
  'GET /partners': cells(
    '200 acme',
    '200 acme',
    '200 acme',
    '200 acme',
    '200 acme',
    '401',
  ),
  'GET /partners/summary': cells(...Array(5).fill('200 total=1'), '401'),
  'GET /partners/{ref}': cells(
    '200 findings=acme,acme-orders',
    '200 findings=',
    `200 findings=${ALL_FINDINGS}`,
    `200 findings=${ALL_FINDINGS}`,
    `200 findings=${ALL_FINDINGS}`,
    '401',
  ),
  'GET /partners/{ref}/identities': cells(
    '200 2 secretRefs=orders-key',
    '200 2 secretRefs=',
    '200 2 secretRefs=billing-key,orders-key',
    '200 2 secretRefs=billing-key,orders-key',
    '200 2 secretRefs=billing-key,orders-key',
    '401',
  ),
  'GET /entities/{ref}/access': cells(
    '200 acme-billing:findings=0:secretRefs=0 acme-orders:findings=1:secretRefs=1',
    '200 acme-billing:findings=0:secretRefs=0 acme-orders:findings=0:secretRefs=0',
    `200 ${EVERY_DETAIL}`,
    `200 ${EVERY_DETAIL}`,
    `200 ${EVERY_DETAIL}`,
    '401',
  ),
  'GET /findings': cells(
    '200 acme,acme-orders',
    '200 ',
    `200 ${ALL_FINDINGS}`,
    `200 ${ALL_FINDINGS}`,
    `200 ${ALL_FINDINGS}`,
    '401',
  ),
  'GET /findings/rules': cells(...Array(5).fill('200 open=3'), '401'),
  'GET /policy/access-packages': cells(
    ...Array(5).fill('200 packages=0'),
    '401',
  ),
  'GET /identity-sources': cells(...Array(5).fill('200 sources=0'), '401'),
  // no register is configured here: router.register.test.ts has who sees what
  'GET /register': cells(...Array(5).fill('200 configured=false'), '401'),
  'GET /reviews': cells(
    '200 acme-orders',
    '200 ',
    '200 acme-billing,acme-orders',
    '200 acme-billing,acme-orders',
    '200 acme-billing,acme-orders',
    '401',
  ),
  'GET /reviews/{id}': cells('200', '403', '200', '200', '200', '401'),
  'GET /exceptions': cells(
    '200 acme-orders',
    '200 ',
    '200 acme-billing,acme-orders',
    '200 acme-billing,acme-orders',
    '200 acme-billing,acme-orders',
    '401',
  ),
  'GET /exceptions/{id}': cells('403', '403', '200', '200', '200', '401'),
  'GET /partners/{ref}/offboarding': cells(
    '200',
    '403',
    '200',
    '200',
    '200',
    '401',
  ),
  'GET /partners/{ref}/evidence': cells(
    '200',
    '403',
    '200',
    '200',
    '200',
    '401',
  ),
  'GET /partners/{ref}/undeclared-identities': cells(
    ...Array(5).fill('200 0'),
    '401',
  ),
  // stages are public; who ran the sync is an audit fact
  'GET /partners/{ref}/stage-history': cells(
    '200 2 recordedBy=2',
    '200 2 recordedBy=0',
    '200 2 recordedBy=2',
    '200 2 recordedBy=2',
    '200 2 recordedBy=2',
    '401',
  ),
  'GET /partners/{ref}/blast-radius': cells(
    '200 identities=2',
    '403',
    '200 identities=2',
    '200 identities=2',
    '200 identities=2',
    '401',
  ),
  'GET /audit': cells(
    '200 acme',
    '200 ',
    '200 acme',
    '200 acme,globex',
    '200 acme,globex',
    '401',
  ),
  'GET /owners/{ref}/integrations': cells(
    ...Array(5).fill('200 acme-orders'),
    '401',
  ),
};

/**
 * What each role's write answers. Allowed writes run after every refused
 * one (the refused change nothing); security's verify is allowed but
 * refused by the workflow while an item is pending (409), and services may
 * not decide, request or complete on a user's behalf.
 */
const WRITE_EXPECTED: Record<string, Cells> = {
  'POST /reviews/{id}/decision': cells(
    '200',
    '403',
    '403',
    '200',
    '403',
    '401',
  ),
  'POST /exceptions': cells('201', '403', '201', '201', '403', '401'),
  'POST /exceptions/{id}/approve': cells(
    '403',
    '403',
    '403',
    '200',
    '403',
    '401',
  ),
  'POST /exceptions/{id}/deny': cells('403', '403', '403', '200', '403', '401'),
  'POST /offboarding/items/{id}/complete': cells(
    '200',
    '403',
    '200',
    '200',
    '403',
    '401',
  ),
  'POST /partners/{ref}/offboarding/verify': cells(
    '403',
    '403',
    '403',
    '409',
    '403',
    '401',
  ),
  'POST /sync': cells('403', '403', '403', '200', '200', '401'),
  // owners revoke their integration's identities, security any; no source
  // can revoke these
  'POST /offboarding/items/{id}/revoke': cells(
    '409',
    '403',
    '403',
    '409',
    '403',
    '401',
  ),
  // the partner's owner and security suspend it
  'POST /partners/{ref}/suspend': cells(
    '403',
    '403',
    '200',
    '200',
    '403',
    '401',
  ),
};

it('covers every route of the spec', () => {
  expect([...Object.keys(READS), ...Object.keys(WRITES)].sort()).toEqual(
    specRoutes().sort(),
  );
});

const databases = TestDatabases.create({
  ids: process.env.PARTNERS_TEST_SKIP_POSTGRES
    ? ['SQLITE_3']
    : ['SQLITE_3', 'POSTGRES_15'],
});

/*
 * Every route × every kind of caller, against the real permission backend
 * with the example policy (and the partners plugin's own apply-conditions
 * endpoint for conditional decisions), on each database.
 */
describe.each(databases.eachSupportedId())('every route on %s', databaseId => {
  let backend: TestBackend;
  let knex: Knex;
  let estate: MatrixEstate;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    estate = await seedMatrixEstate(knex);
    backend = await startPartnersTestBackend(knex, [permissionsServiceFactory]);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  async function call(
    role: Role,
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    const authorization = authorizationOf(role);
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/partners${route}`,
      {
        method,
        headers: {
          ...(authorization && { authorization }),
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      body: type.includes('json') && text ? JSON.parse(text) : text,
    };
  }

  it('shows each caller what they may read, and nothing more', async () => {
    const seen: Record<string, Cells> = {};
    for (const [route, read] of Object.entries(READS)) {
      const row = {} as Cells;
      for (const role of ROLES) {
        const { status, body } = await call(role, 'GET', read.path(estate));
        row[role] =
          status < 300 && read.seen
            ? `${status} ${read.seen(body)}`
            : `${status}`;
      }
      seen[route] = row;
    }
    expect(seen).toEqual(READ_EXPECTED);
  });

  it('lets each caller write only what they may, and a refused write changes nothing', async () => {
    const answered: Record<string, Partial<Cells>> = {};
    const attempt = async (route: string, role: Role) => {
      const write = WRITES[route];
      const method = route.slice(0, route.indexOf(' '));
      const { status } = await call(
        role,
        method,
        write.path(estate, role),
        write.body(role),
      );
      answered[route] = { ...answered[route], [role]: `${status}` };
    };
    // the refused first, with the database compared around them
    const before = await dump(knex);
    for (const route of Object.keys(WRITES)) {
      for (const role of ROLES) {
        if (!WRITE_EXPECTED[route][role].startsWith('2')) {
          await attempt(route, role);
        }
      }
    }
    expect(await dump(knex)).toEqual(before);
    // then the allowed, sync last: it reads the (empty) catalog
    for (const route of Object.keys(WRITES)) {
      for (const role of ROLES) {
        if (WRITE_EXPECTED[route][role].startsWith('2')) {
          await attempt(route, role);
        }
      }
    }
    expect(answered).toEqual(WRITE_EXPECTED);
  });
});
