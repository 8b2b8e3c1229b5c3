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

/*
 * One observation run as the backend does it: IdentitySourceRunner over an
 * in-memory source, writing through DatabaseObservationStore.
 */

import {
  pagesOf,
  type IdentitySource,
  type ObservedIdentity,
} from '@partner-governance/plugin-partners-node';
import { noopLogger } from '../lib/catalog';
import { freshDatabase, type DbKind } from '../lib/databases';
import {
  DatabaseObservationStore,
  IdentitySourceRunner,
  type ObservationChanges,
} from './backend';
import { SOURCE_ID } from './estate';
import { nowMs, type PhaseMarks } from './stalls';

/**
 * A source that observes `identities` on every run, in pages of 500 (as
 * the sources of the repository page), each page a fresh array.
 */
function memorySource(identities: readonly ObservedIdentity[]): IdentitySource {
  return {
    id: SOURCE_ID,
    async *observe() {
      yield* pagesOf(identities);
    },
  };
}

/** A fresh, migrated database and the observation store over it. */
export async function storeOn(kind: DbKind) {
  const db = await freshDatabase(kind);
  return { db, store: new DatabaseObservationStore(db.knex) };
}

/**
 * One run of the runner over `identities` into `store`: what the store's
 * runSucceeded() reports it wrote. Throws if the run failed or refused an
 * identity. `marks`, if given, gets when each phase began and ended.
 */
export async function observationRun(
  store: DatabaseObservationStore,
  identities: readonly ObservedIdentity[],
  marks: PhaseMarks = {},
): Promise<ObservationChanges> {
  let changes: ObservationChanges | undefined;
  let refused = 0;
  let failure = '';
  const recording: ConstructorParameters<
    typeof IdentitySourceRunner
  >[0]['store'] = {
    runStarted: async (...args) => {
      await store.runStarted(...args);
      marks['observe + check'] = { from: nowMs() };
    },
    runFailed: (...args) => {
      failure = args[3];
      return store.runFailed(...args);
    },
    runSucceeded: async (...args) => {
      refused = args[4];
      const at = nowMs();
      marks['observe + check'] = {
        from: at,
        ...marks['observe + check'],
        to: at,
      };
      marks.runSucceeded = { from: at };
      changes = await store.runSucceeded(...args);
      marks.runSucceeded.to = nowMs();
      return changes;
    },
  };
  await new IdentitySourceRunner({
    source: memorySource(identities),
    type: 'bench',
    store: recording,
    logger: noopLogger,
  }).run();
  if (!changes) {
    throw new Error(`the observation run failed: ${failure}`);
  }
  if (refused > 0) {
    throw new Error(`the observation run refused ${refused} identities`);
  }
  return changes;
}
