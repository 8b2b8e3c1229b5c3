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
import type { TestDatabases } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import { BILLING, ORDERS, PARTNER } from './partnersTestBackend';
import { type MatrixEstate, type Role, ROLES } from './routeMatrix';

/*
 * The routes of the route matrix: what each reads and records of its
 * answer, and what each write sends.
 */

export type Knex = Awaited<ReturnType<TestDatabases['init']>>;
/** What each role was answered, or is expected to be. */
export type Cells = Record<Role, string>;

/** One expectation per role, in the order of {@link ROLES}. */
export function cells(...values: string[]): Cells {
  return Object.fromEntries(ROLES.map((role, i) => [role, values[i]])) as Cells;
}

/** The name part of refs, sorted and distinct: what a caller was shown. */
function names(refs: Array<string | undefined>): string {
  return [...new Set(refs.map(ref => ref?.slice(ref.indexOf('/') + 1)))]
    .sort()
    .join(',');
}

const PARTNER_PATH = `/partners/${encodeURIComponent(PARTNER)}`;
const SERVICE_PATH = `/entities/${encodeURIComponent(
  'component:default/orders-service',
)}/access`;

/** A read: its path, and what of its body the matrix records (2xx only). */
interface Read {
  path(estate: MatrixEstate): string;
  seen?(body: any): string;
}

export const READS: Record<string, Read> = {
  'GET /health': { path: () => '/health' },
  'GET /partners': {
    path: () => '/partners',
    seen: body => names(body.items.map((p: any) => p.entityRef)),
  },
  'GET /partners/summary': {
    path: () => '/partners/summary',
    seen: body => `total=${body.total}`,
  },
  'GET /partners/{ref}': {
    path: () => PARTNER_PATH,
    seen: body =>
      `findings=${names(body.findings.map((f: any) => f.entityRef))}`,
  },
  'GET /partners/{ref}/identities': {
    path: () => `${PARTNER_PATH}/identities`,
    seen: body =>
      `${body.items.length} secretRefs=${body.items
        .filter((i: any) => i.secretRef)
        .map((i: any) => i.name)
        .sort()
        .join(',')}`,
  },
  'GET /entities/{ref}/access': {
    path: () => SERVICE_PATH,
    seen: body =>
      body.items
        .map(
          (item: any) =>
            `${names([item.entityRef])}:findings=${
              item.findings.length
            }:secretRefs=${
              item.identities.filter((i: any) => i.secretRef).length
            }`,
        )
        .join(' '),
  },
  'GET /findings': {
    path: () => '/findings',
    seen: body => names(body.items.map((f: any) => f.entityRef)),
  },
  'GET /findings/rules': {
    path: () => '/findings/rules',
    seen: body =>
      `open=${body.items.reduce((n: number, r: any) => n + r.open, 0)}`,
  },
  'GET /policy/access-packages': {
    path: () => '/policy/access-packages',
    seen: body => `packages=${body.items.length}`,
  },
  'GET /identity-sources': {
    path: () => '/identity-sources',
    seen: body => `sources=${body.items.length}`,
  },
  'GET /register': {
    path: () => '/register',
    seen: body => `configured=${body.configured}`,
  },
  'GET /reviews': {
    path: () => '/reviews',
    seen: body => names(body.items.map((r: any) => r.integrationRef)),
  },
  'GET /reviews/{id}': { path: estate => `/reviews/${estate.reviews[ORDERS]}` },
  'GET /exceptions': {
    path: () => '/exceptions',
    seen: body => names(body.items.map((e: any) => e.entityRef)),
  },
  'GET /exceptions/{id}': {
    path: estate => `/exceptions/${estate.exceptions[BILLING]}`,
  },
  'GET /partners/{ref}/offboarding': {
    path: () => `${PARTNER_PATH}/offboarding`,
  },
  'GET /partners/{ref}/evidence': { path: () => `${PARTNER_PATH}/evidence` },
  'GET /partners/{ref}/undeclared-identities': {
    path: () => `${PARTNER_PATH}/undeclared-identities`,
    seen: body => `${body.items.length}`,
  },
  'GET /partners/{ref}/stage-history': {
    path: () => `${PARTNER_PATH}/stage-history`,
    seen: body =>
      `${body.items.length} recordedBy=${
        body.items.filter((i: any) => i.recordedBy).length
      }`,
  },
  'GET /partners/{ref}/blast-radius': {
    path: () => `${PARTNER_PATH}/blast-radius`,
    seen: body => `identities=${body.identities.length}`,
  },
  'GET /audit': {
    path: () => '/audit',
    seen: body => names(body.items.map((e: any) => e.partnerRef)),
  },
  'GET /owners/{ref}/integrations': {
    path: () =>
      `/owners/${encodeURIComponent('group:default/team-orders')}/integrations`,
    seen: body => names(body.items.map((i: any) => i.entityRef)),
  },
};

/** A write each role attempts, on the target the matrix gives it. */
interface Write {
  path(estate: MatrixEstate, role: Role): string;
  body(role: Role): unknown;
}

const rules = [
  'identity-dormant',
  'identity-expired-active',
  'identity-unowned',
  'identity-shared',
];

export const WRITES: Record<string, Write> = {
  'POST /reviews/{id}/decision': {
    // security decides billing's review, everyone else orders'
    path: (estate, role) =>
      `/reviews/${
        estate.reviews[role === 'security' ? BILLING : ORDERS]
      }/decision`,
    body: () => ({ decision: 'attest', comment: 'Access still needed' }),
  },
  'POST /exceptions': {
    path: () => '/exceptions',
    body: role => ({
      ruleId: rules[ROLES.indexOf(role) % rules.length],
      entityRef: ORDERS,
      justification: `Requested by ${role}`,
      expiresAt: '2027-01-15',
    }),
  },
  'POST /exceptions/{id}/approve': {
    path: estate => `/exceptions/${estate.exceptions[ORDERS]}/approve`,
    body: () => ({ comment: 'Accepted' }),
  },
  'POST /exceptions/{id}/deny': {
    path: estate => `/exceptions/${estate.exceptions[BILLING]}/deny`,
    body: () => ({ comment: 'Not accepted' }),
  },
  'POST /offboarding/items/{id}/complete': {
    path: (estate, role) => {
      const item = {
        owner: estate.items.ordersClose,
        partnerOwner: estate.items.billingClose,
        security: estate.items.ordersRevoke,
      }[role as 'owner'];
      return `/offboarding/items/${
        item ?? estate.items.billingRevoke
      }/complete`;
    },
    body: role => ({ evidence: `Done by ${role}: CHG-1` }),
  },
  'POST /offboarding/items/{id}/revoke': {
    // no source is configured: an allowed caller learns it cannot be
    path: estate => `/offboarding/items/${estate.items.ordersRevoke}/revoke`,
    body: () => undefined,
  },
  'POST /partners/{ref}/suspend': {
    path: () => `${PARTNER_PATH}/suspend`,
    body: role => ({ reason: `INC-7 reported by ${role}` }),
  },
  'POST /partners/{ref}/offboarding/verify': {
    path: () => `${PARTNER_PATH}/offboarding/verify`,
    body: () => ({ comment: 'Checked' }),
  },
  'POST /sync': { path: () => '/sync', body: () => undefined },
};

/** The tables a write changes, to prove a refused one changed nothing. */
const WRITTEN_TABLES = [
  'access_reviews',
  'exceptions',
  'offboarding_checklists',
  'offboarding_items',
  'partners',
  'integrations',
];

export async function dump(knex: Knex) {
  const rows: Record<string, unknown[]> = {};
  for (const table of WRITTEN_TABLES) {
    rows[table] = await knex(table)
      .select()
      .orderBy(
        table === 'partners' || table === 'integrations' ? 'entity_ref' : 'id',
      );
  }
  return rows;
}

/** The routes of the OpenAPI spec, as `METHOD /path`. */
export function specRoutes(): string[] {
  const spec = parse(
    fs.readFileSync(
      path.resolve(
        __dirname,
        '../../../../plugins/partners-backend/src/schema/openapi.yaml',
      ),
      'utf8',
    ),
  );
  return Object.entries(spec.paths as Record<string, object>).flatMap(
    ([route, methods]) =>
      Object.keys(methods).map(method => `${method.toUpperCase()} ${route}`),
  );
}
