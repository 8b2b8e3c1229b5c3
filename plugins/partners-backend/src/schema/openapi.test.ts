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

import type { Server } from 'node:http';
import { isDeepStrictEqual as isEqual } from 'node:util';
import type { AddressInfo } from 'node:net';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import {
  EXCEPTION_STATUSES,
  IDENTITY_TYPES,
  PARTNER_INTEGRATION_TYPES,
  PARTNER_LIFECYCLE_STAGES,
  PARTNER_TYPES,
  RISK_TIERS,
  RULE_IDS,
  SEVERITIES,
} from '@partner-governance/plugin-partners-common';
import express from 'express';
import { createRouter } from '../router';
import type { ReadModels } from '../services/read';
import type { PartnersReadModel } from '../services/read/PartnersReadModel';
import type { ReviewsService } from '../services/ReviewsService';
import type { ExceptionsService } from '../services/ExceptionsService';
import { spec } from './openapi';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Operation = {
  operationId?: string;
  parameters?: ReadonlyArray<{ $ref?: string; name?: string; in?: string }>;
  responses: Record<string, unknown>;
};

function operations(): Array<{ path: string; method: string; op: Operation }> {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    METHODS.filter(method => method in item).map(method => ({
      path,
      method,
      op: (item as Record<string, Operation>)[method],
    })),
  );
}

/** Resolves a local `#/components/...` ref, or undefined. */
function resolve(ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, key) => node?.[key], spec);
}

function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) {
    return node.flatMap(refsIn);
  }
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, value]) =>
      key === '$ref' && typeof value === 'string' ? [value] : refsIn(value),
    );
  }
  return [];
}

/** Every `enum` and `required` list in the spec. */
function valueLists(node: unknown): string[][] {
  if (Array.isArray(node)) {
    return node.flatMap(valueLists);
  }
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, value]) =>
      (key === 'enum' || key === 'required') && Array.isArray(value)
        ? [value as string[]]
        : valueLists(value),
    );
  }
  return [];
}

async function listen(app: express.Express) {
  const server = await new Promise<Server>(done => {
    const listening = app.listen(0, '127.0.0.1', () => done(listening));
  });
  return {
    server,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
}

function routerOptions(partners: Partial<PartnersReadModel> = {}) {
  return {
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions.mock(),
    auditor: mockServices.auditor.mock(),
    sync: { run: jest.fn() },
    reads: { partners } as unknown as ReadModels,
    userInfo: mockServices.userInfo(),
    reviews: {} as ReviewsService,
    exceptions: {} as ExceptionsService,
    audit: { list: jest.fn() },
    owners: { listIntegrations: jest.fn() },
    evidence: { exportPack: jest.fn() },
    identitySources: { list: jest.fn() },
    register: { status: jest.fn() },
    accessPackages: {},
    offboarding: {
      getOffboarding: jest.fn(),
      completeItem: jest.fn(),
      verify: jest.fn(),
    },
    revocations: { revokeItem: jest.fn() },
    suspension: { suspend: jest.fn() },
    blastRadius: { get: jest.fn() },
  };
}

describe('openapi spec', () => {
  it('is OpenAPI 3.0 with a unique operationId per operation', () => {
    expect(spec.openapi).toMatch(/^3\.0\.\d+$/);
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lists the domain's values as partners-common defines them", () => {
    const domain: Record<string, readonly string[]> = {
      EXCEPTION_STATUSES,
      IDENTITY_TYPES,
      PARTNER_INTEGRATION_TYPES,
      PARTNER_LIFECYCLE_STAGES,
      PARTNER_TYPES,
      RISK_TIERS,
      RULE_IDS,
      SEVERITIES,
    };
    const lists = valueLists(spec);
    // each domain list is in the spec, whole and in order ...
    const missing = Object.entries(domain)
      .filter(([, values]) => !lists.some(list => isEqual(list, values)))
      .map(([name]) => name);
    expect(missing).toEqual([]);
    // ... and no list that is mostly made of one's values has other ones
    const sortedDomain = Object.values(domain).map(values =>
      [...values].sort(),
    );
    const strays = lists.filter(
      list =>
        sortedDomain.some(
          values =>
            list.filter(value => values.includes(value)).length * 2 >
            list.length,
        ) && !sortedDomain.some(values => isEqual([...list].sort(), values)),
    );
    expect(strays).toEqual([]);
  });

  it('resolves every $ref', () => {
    const refs = refsIn(spec);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect([ref, resolve(ref)]).toEqual([ref, expect.anything()]);
    }
  });

  it('declares every path parameter', () => {
    for (const { path, op } of operations()) {
      const declared = (op.parameters ?? [])
        .map(p => (p.$ref ? (resolve(p.$ref) as typeof p) : p))
        .filter(p => p.in === 'path')
        .map(p => p.name);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map(m => m[1]);
      expect([path, declared]).toEqual([path, templated]);
    }
  });

  it('documents Backstage error bodies on every authenticated operation', () => {
    const authenticated = operations().filter(({ path }) => path !== '/health');
    expect(authenticated.length).toBeGreaterThan(0);
    for (const { path, method, op } of authenticated) {
      for (const status of ['400', '401', '500']) {
        expect([method, path, status, op.responses[status]]).toEqual([
          method,
          path,
          status,
          { $ref: '#/components/responses/ErrorResponse' },
        ]);
      }
    }
  });

  it('has a route for every operation, and no route outside it', async () => {
    const router = await createRouter(routerOptions());
    const routes = router.stack
      .filter(layer => layer.route)
      .flatMap(layer => {
        const route = layer.route as unknown as {
          path: string;
          methods: Record<string, boolean>;
        };
        return Object.keys(route.methods).map(m => `${m} ${route.path}`);
      })
      // served by createValidatedOpenApiRouter itself
      .filter(route => route !== 'get /openapi.json');
    const documented = operations().map(
      ({ path, method }) => `${method} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
    );
    expect(routes.sort()).toEqual(documented.sort());
  });

  it('is served at /openapi.json', async () => {
    const router = await createRouter(routerOptions());
    const { server, baseUrl } = await listen(
      express().use(router).use(mockErrorHandler()),
    );
    try {
      const response = await fetch(`${baseUrl}/openapi.json`);
      expect(response.status).toBe(200);
      const served = await response.json();
      expect(served.openapi).toBe(spec.openapi);
      expect(Object.keys(served.paths).sort()).toEqual(
        Object.keys(spec.paths).sort(),
      );
    } finally {
      await new Promise(done => server.close(done));
    }
  });

  it('turns a response that breaks the spec into a 500 when responses are validated', async () => {
    const listPartners = jest.fn().mockResolvedValue({
      items: [{ entityRef: 'partner:default/acme' }],
    });
    const options = routerOptions({ listPartners });
    options.auditor.createEvent.mockResolvedValue({
      success: jest.fn(),
      fail: jest.fn(),
    });
    for (const [validateResponses, status] of [
      [true, 500],
      [false, 200],
    ] as const) {
      const router = await createRouter({ ...options, validateResponses });
      const { server, baseUrl } = await listen(
        express().use(router).use(mockErrorHandler()),
      );
      try {
        const response = await fetch(`${baseUrl}/partners`);
        expect(response.status).toBe(status);
      } finally {
        await new Promise(done => server.close(done));
      }
    }
  });
});
