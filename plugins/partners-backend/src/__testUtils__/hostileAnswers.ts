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

import { inspect, isDeepStrictEqual } from 'node:util';
import {
  mockCredentials,
  type mockServices,
} from '@backstage/backend-test-utils';
import fc from 'fast-check';
import type { Knex } from 'knex';
import { SECRETS } from './hostile';
import type { CredentialBody, RawBody } from './hostileBodies';

// What every answer to generated hostile input must be, and what it may
// leave behind: a clear error or a correct success, no secret in the
// answer or in what the auditor and logger received, and the stored rows
// as they were unless the request succeeded.

/** Runs of each property: at least 300 generated requests. */
export const RUNS = 300;

/**
 * Checks a property over `examples`, which always run first, then RUNS
 * generated values; on failure, throws with the counterexample and the
 * error cut short (huge generated strings would flood the report
 * otherwise).
 */
async function assertProperty<T>(
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  examples: T[] = [],
): Promise<void> {
  const details = await fc.check(fc.asyncProperty(arbitrary, predicate), {
    // fast-check counts the examples among the runs
    numRuns: RUNS + examples.length,
    examples: examples.map(example => [example]),
  });
  if (details.failed) {
    const cut = (text: string, n: number) =>
      text.length > n ? `${text.slice(0, n)}... (${text.length} chars)` : text;
    throw new Error(
      `Property failed after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath})\n` +
        `Counterexample: ${cut(fc.stringify(details.counterexample), 1500)}\n` +
        `Error: ${cut(
          String(
            (details.errorInstance as Error)?.message ?? details.errorInstance,
          ),
          3000,
        )}`,
    );
  }
}

/** An answer to a request, its body as text and, when JSON, parsed. */
export interface Answer {
  status: number;
  text: string;
  body: any;
}

/** Sends a request as generated. */
export async function send(
  url: string,
  options: { method?: string; authorization?: string; body?: RawBody } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.authorization) {
    headers.Authorization = options.authorization;
  }
  if (options.body?.contentType) {
    headers['Content-Type'] = options.body.contentType;
  }
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    body: options.body?.text,
  });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

/** The refusals the API answers with. */
const REFUSALS = [400, 403, 404, 409, 413];

/**
 * A success among `successes` (the router validates it against the spec),
 * or a refusal with a Backstage error body saying why; never a 5xx.
 */
function expectClearAnswer(answer: Answer, successes: number[]) {
  const clear =
    answer.status < 300
      ? successes.includes(answer.status)
      : REFUSALS.includes(answer.status) &&
        answer.body?.response?.statusCode === answer.status &&
        typeof answer.body?.error?.message === 'string' &&
        answer.body.error.message.length > 0;
  if (!clear) {
    throw new Error(
      `Not a clear answer: ${answer.status} ${answer.text.slice(0, 2000)}`,
    );
  }
}

/** The tables the plugin stores, with the columns that order their rows. */
const TABLES: Record<string, string[]> = {
  partners: ['entity_ref'],
  integrations: ['entity_ref'],
  identities: ['id'],
  integration_accesses: ['integration_ref', 'target_ref'],
  stakeholders: ['entity_ref', 'stakeholder_ref', 'role'],
  findings: ['id'],
  review_baselines: ['integration_ref'],
  access_reviews: ['id'],
  review_triggers: ['id'],
  exceptions: ['id'],
  offboarding_checklists: ['id'],
  offboarding_items: ['id'],
  notification_sends: ['id'],
  audit_events: ['id'],
};

/** Every stored row, by table, keyed by its primary key. */
export type State = Record<string, Map<string, Record<string, unknown>>>;

async function dumpState(knex: Knex): Promise<State> {
  const state: State = {};
  for (const [table, keys] of Object.entries(TABLES)) {
    const rows = await knex(table).select().orderBy(keys);
    state[table] = new Map(
      rows.map(row => [keys.map(k => String(row[k])).join('\n'), row]),
    );
  }
  return state;
}

/** What a request changed: rows added, removed and changed, by table. */
export interface StateChange {
  added: Record<string, Array<Record<string, unknown>>>;
  removed: Record<string, string[]>;
  changed: Record<string, Array<{ before: any; after: any }>>;
}

function diffState(before: State, after: State): StateChange {
  const change: StateChange = { added: {}, removed: {}, changed: {} };
  for (const table of Object.keys(TABLES)) {
    const [was, is] = [before[table], after[table]];
    for (const [key, row] of is) {
      const old = was.get(key);
      if (!old) {
        (change.added[table] ??= []).push(row);
      } else if (!isDeepStrictEqual(old, row)) {
        (change.changed[table] ??= []).push({ before: old, after: row });
      }
    }
    for (const key of was.keys()) {
      if (!is.has(key)) {
        (change.removed[table] ??= []).push(key);
      }
    }
  }
  return change;
}

/** Nothing stored was added, lost or altered. */
function expectUnchanged(change: StateChange) {
  expect(change).toEqual({ added: {}, removed: {}, changed: {} });
}

type AuditorMock = ReturnType<typeof mockServices.auditor.mock>;
type LoggerMock = ReturnType<typeof mockServices.logger.mock>;

/** Every call a logger mock and the loggers it made received. */
function loggerCalls(logger: LoggerMock): unknown[] {
  const calls: unknown[] = [];
  for (const method of ['debug', 'info', 'warn', 'error'] as const) {
    calls.push(...logger[method].mock.calls);
  }
  calls.push(...logger.child.mock.calls);
  for (const result of logger.child.mock.results) {
    calls.push(...loggerCalls(result.value));
  }
  return calls;
}

/**
 * What the auditor recorded (event ids, meta, and each event's success or
 * failure with its error message and stack) and the loggers logged, as
 * text; the mocks are cleared for the next request.
 */
export async function recorded(
  auditor: AuditorMock,
  loggers: LoggerMock[] = [],
): Promise<string> {
  const seen: unknown[] = [];
  for (const [i, [options]] of auditor.createEvent.mock.calls.entries()) {
    const event = await auditor.createEvent.mock.results[i].value;
    seen.push(
      options.eventId,
      options.meta,
      event.success.mock.calls,
      ...event.fail.mock.calls.map(([{ error }]: any) => [
        String(error),
        error?.stack,
      ]),
    );
  }
  for (const logger of loggers) {
    seen.push(loggerCalls(logger));
  }
  auditor.createEvent.mockClear();
  for (const logger of loggers) {
    for (const method of ['debug', 'info', 'warn', 'error', 'child'] as const) {
      logger[method].mockClear();
    }
  }
  return inspect(seen, { depth: 20, maxStringLength: Infinity });
}

/** No secret value of the test's input in any of `texts`. */
function expectNoSecret(...texts: string[]) {
  for (const text of texts) {
    for (const secret of SECRETS) {
      expect(text.includes(secret) ? secret : undefined).toBeUndefined();
    }
  }
}

/** The request polluted no prototype of this process, where it ran. */
function expectNoPollution() {
  expect(({} as any).polluted).toBeUndefined();
  expect((Object.prototype as any).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

/** Generated requests of one kind, and what their answers may be and do. */
interface RequestsCheck<T> {
  /** The database the router serves (read when the property runs). */
  knex(): Knex;
  requests: fc.Arbitrary<T>;
  /**
   * Requests always sent first, in order: each answer the test expects to
   * see, whatever the generator draws, and the cases generation once found
   * failing.
   */
  examples?: T[];
  send(request: T): Promise<Answer>;
  /** The statuses of a success. */
  successes: number[];
  /**
   * Checks what a success changed; without it a success, too, must change
   * nothing stored.
   */
  allowed?(change: StateChange, answer: Answer, request: T): void;
  /** What the auditor and loggers received since the last call, as text. */
  recorded?(): Promise<string>;
}

/**
 * Sends RUNS generated requests: each gets a clear answer, pollutes no
 * prototype, leaves no secret of the input in its answer or in what was
 * recorded, and changes nothing stored unless it succeeded (then only what
 * `allowed` accepts). The stored rows after a request are those before the
 * next, so one dump per request compares each with the one before.
 * Resolves to how many answers each status had.
 */
export async function expectClearRequests<T>(
  check: RequestsCheck<T>,
): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  let stored: State | undefined;
  await assertProperty(
    check.requests,
    async request => {
      const before = stored ?? (await dumpState(check.knex()));
      // dumped afresh after a failed run, whatever it did
      stored = undefined;
      const answer = await check.send(request);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      expectClearAnswer(answer, check.successes);
      expectNoPollution();
      expectNoSecret(answer.text, (await check.recorded?.()) ?? '');
      const after = await dumpState(check.knex());
      const change = diffState(before, after);
      if (answer.status >= 300 || !check.allowed) {
        expectUnchanged(change);
      } else {
        check.allowed(change, answer, request);
      }
      stored = after;
    },
    check.examples,
  );
  return statuses;
}

/** A generated request with a body: path, Authorization header and body. */
export type Post = [string, string | undefined, RawBody];

/** A request with `value` as its JSON body. */
export const jsonPost = (
  path: string,
  authorization: string | undefined,
  value: unknown,
): Post => [
  path,
  authorization,
  { contentType: 'application/json', text: JSON.stringify(value) },
];

/** Sends generated POST requests to the router at `baseUrl()`. */
export const poster =
  (baseUrl: () => string) =>
  ([path, authorization, body]: Post): Promise<Answer> =>
    send(`${baseUrl()}${path}`, { method: 'POST', authorization, body });

/** The user a generated Authorization header names; the mock user without. */
export const userOf = (authorization: string | undefined): string =>
  authorization
    ? JSON.parse(authorization.slice(authorization.indexOf('{'))).sub
    : mockCredentials.user().principal.userEntityRef;

/** The id in segment `index` of a generated path, as the router reads it. */
export const pathId = (path: string, index: number): number =>
  Number(decodeURIComponent(path.split('/')[index]));

/** The JSON a request that succeeded sent (a byte order mark is allowed). */
export const sentBody = (body: RawBody) =>
  body.text ? JSON.parse(body.text.replace(/^\ufeff/, '')) : {};

/**
 * The rows a success changed, each table's being one of `changed`, and
 * the actions of the audit rows it added; it removed none and added rows
 * to `added` only.
 */
export function successChanged(
  change: StateChange,
  changed: string[],
  added: string[] = ['audit_events'],
) {
  expect(change.removed).toEqual({});
  expect({
    changed: Object.keys(change.changed).sort(),
    added: Object.keys(change.added).sort(),
  }).toEqual({ changed: [...changed].sort(), added: [...added].sort() });
  for (const table of changed) {
    expect(change.changed[table]).toHaveLength(1);
  }
  return {
    rows: Object.fromEntries(
      changed.map(table => [table, change.changed[table][0]]),
    ),
    actions: (change.added.audit_events ?? []).map(row => row.action),
  };
}

/**
 * The answer to a body holding a secret: 400, saying which field holds one
 * when the body is well-formed JSON (the JSON parser refuses the others).
 */
export async function refusedSecret(
  answer: Promise<Answer>,
  body: CredentialBody,
): Promise<Answer> {
  const { status, body: error } = await answer;
  expect([status, error?.error?.message]).toEqual([
    400,
    body.wellFormed
      ? expect.stringMatching(
          /^request\/body\/(comment|justification|evidence) holds a secret value \(/,
        )
      : expect.any(String),
  ]);
  return answer;
}
