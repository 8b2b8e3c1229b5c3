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

import type { RefreshLock } from '../database/RefreshLock';
import { RefreshPipeline, type RefreshSteps } from './RefreshPipeline';

const SUMMARY = {
  partners: 2,
  integrations: 3,
  changed: 1,
  gone: 0,
  rowsWritten: 4,
};

/** A lock held by nobody else, or by another run when `busy`. */
const lockOf = (calls: string[], busy = false): RefreshLock => ({
  async withLock(fn) {
    if (busy) {
      calls.push('lock busy');
      return { acquired: false };
    }
    calls.push('lock');
    try {
      return { acquired: true, result: await fn() };
    } finally {
      calls.push('unlock');
    }
  },
});

/** Steps that record the order they run in; `failing` throws. */
function recordingSteps(failing?: keyof RefreshSteps, busy = false) {
  const calls: string[] = [];
  const step =
    <T>(name: keyof RefreshSteps, result: T) =>
    async (...args: unknown[]) => {
      const given = args.some(arg => arg !== undefined);
      calls.push(given ? `${name}(${JSON.stringify(args)})` : name);
      if (name === failing) {
        throw new Error(`${name} failed`);
      }
      return result;
    };
  const steps: RefreshSteps = {
    sync: { run: step('sync', SUMMARY) },
    offboarding: {
      openDueChecklists: step('offboarding', {
        opened: 0,
        reopened: 0,
        items: 0,
      }),
    },
    exceptions: { expire: step('exceptions', 0) },
    findings: {
      recompute: step('findings', { opened: 0, resolved: 0, open: 0 }),
    },
    reviews: { openDueReviews: step('reviews', 0) },
    reminders: { run: step('reminders', { sent: 0, failed: 0 }) },
    accessPages: { invalidate: step('accessPages', undefined) },
    lock: lockOf(calls, busy),
  };
  return { steps, calls };
}

/** The steps that write, in the order a refresh runs them. */
const ORDER = [
  'sync',
  'offboarding',
  'exceptions',
  'findings',
  'reviews',
  'reminders',
] as const;

describe('RefreshPipeline', () => {
  it('runs every step in order and answers with the sync summary', async () => {
    const { steps, calls } = recordingSteps();
    const now = new Date('2026-11-28T10:00:00Z');

    await expect(
      new RefreshPipeline(steps).run(now, { actor: 'user:default/jane' }),
    ).resolves.toEqual(SUMMARY);

    expect(calls).toEqual([
      'lock',
      `sync(${JSON.stringify([now, { actor: 'user:default/jane' }])})`,
      ...ORDER.slice(1),
      'accessPages',
      'unlock',
    ]);
  });

  it('runs no step while another run holds the lock, and says so', async () => {
    const { steps, calls } = recordingSteps(undefined, true);
    await expect(new RefreshPipeline(steps).run()).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'A refresh of partner governance is already running; try again when it has finished',
    });
    expect(calls).toEqual(['lock busy']);
  });

  it.each(ORDER)(
    'stops at a failing %s step, drops the cached pages and fails',
    async failing => {
      const { steps, calls } = recordingSteps(failing);

      await expect(new RefreshPipeline(steps).run()).rejects.toThrow(
        `${failing} failed`,
      );

      expect(calls).toEqual([
        'lock',
        ...ORDER.slice(0, ORDER.indexOf(failing) + 1),
        'accessPages',
        'unlock',
      ]);
    },
  );
});
