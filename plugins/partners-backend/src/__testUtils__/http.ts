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
import type { AddressInfo } from 'node:net';
import { mockErrorHandler } from '@backstage/backend-test-utils';
import express from 'express';
import type { Knex } from 'knex';

/** A router served on a free local port. */
export interface ServedRouter {
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves the router on 127.0.0.1, with the test error handler after it. */
export async function serve(router: express.Router): Promise<ServedRouter> {
  const app = express().use(router).use(mockErrorHandler());
  const server = await new Promise<Server>(resolve => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** Status, error name and message of an error response. */
export async function errorOf(response: Response) {
  const body = await response.json();
  return {
    status: response.status,
    name: body.error.name,
    message: body.error.message,
  };
}

/** Setup steps: throws unless the request answers `status`. */
export async function must(response: Promise<Response>, status: number) {
  const answered = await response;
  if (answered.status !== status) {
    throw new Error(
      `expected ${status}, got ${answered.status}: ${await answered.text()}`,
    );
  }
}

/** A GET request's status and JSON body. */
export async function getJson(
  url: string,
  headers?: Record<string, string>,
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: await response.json() };
}

/** A page of a paged list. */
export interface Page<T = Record<string, any>> {
  items: T[];
  nextCursor?: string;
}

/** Follows nextCursor from the first page to the last, each page a 200. */
export async function walkPages<T = Record<string, any>>(
  baseUrl: string,
  path: string,
): Promise<Array<Page<T>>> {
  const pages: Array<Page<T>> = [];
  let cursor: string | undefined;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const { status, body } = await getJson(
      `${baseUrl}${cursor ? `${path}${separator}cursor=${cursor}` : path}`,
    );
    expect([path, status]).toEqual([path, 200]);
    pages.push(body);
    cursor = body.nextCursor;
    expect(pages.length).toBeLessThan(20);
  } while (cursor);
  return pages;
}

/** The message of the 400 InputError a GET request gets. */
export async function inputError(
  baseUrl: string,
  path: string,
): Promise<string> {
  const { status, body } = await getJson(`${baseUrl}${path}`);
  expect({
    path,
    status,
    name: body.error?.name,
    response: body.response,
  }).toEqual({
    path,
    status: 400,
    name: 'InputError',
    response: { statusCode: 400 },
  });
  return body.error.message;
}

/** How many queries the database gets while `fn` runs. */
export async function countQueries(knex: Knex, fn: () => Promise<unknown>) {
  const queries: string[] = [];
  const onQuery = (query: { sql: string }) => queries.push(query.sql);
  knex.on('query', onQuery);
  try {
    await fn();
  } finally {
    knex.removeListener('query', onQuery);
  }
  return queries.length;
}
