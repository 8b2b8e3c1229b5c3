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
 * `--breakdown`: the stages of one read of the register, each timed on its
 * own over the same export: the CSV parsed into rows as the register does it
 * (papaparse, a slice at a time, each row handed on and dropped), every row
 * checked with the secret guard (parseRegister, which includes the parse),
 * the guard alone over the rows' free text, and the store's write of the
 * rows into an empty register.
 */

import fs from 'node:fs';
import { redactSecretsOfAll } from '@partner-governance/plugin-partners-node';
import type { DbKind } from '../lib/databases';
import { freshDatabase } from '../lib/databases';
import { log } from '../lib/output';
import { time } from '../lib/timing';
import { stat, type Stat } from '../observe/measure';
import {
  DatabasePartnerRegisterStore,
  parseRegister,
  REGISTER_COLUMNS,
  visitRegisterRecords,
} from './backend';

export type Stages = Record<'records' | 'checked' | 'guard' | 'write', Stat>;

/** Each stage `reps` times after a warm-up, on a fresh database of `kind`. */
export async function stagesOf(
  kind: DbKind,
  file: string,
  reps: number,
): Promise<Stages> {
  const content = fs.readFileSync(file);
  const options = { format: 'csv' as const, columns: { ...REGISTER_COLUMNS } };
  const { rows, errors, refused } = await parseRegister(content, options);
  // the rows' free text as the register hands it to the guard: one list
  const texts = rows.flatMap(row => [
    row.partnerName,
    row.crmAccount,
    row.commercialOwner,
  ]);
  const db = await freshDatabase(kind);
  try {
    const store = await DatabasePartnerRegisterStore.create({
      database: db.database,
    });
    const timed = (fn: () => Promise<unknown>) => async () =>
      (await time(fn)).ms;
    const stages: Record<keyof Stages, () => Promise<number>> = {
      records: timed(() =>
        visitRegisterRecords(content, options, () => undefined),
      ),
      checked: timed(() => parseRegister(content, options)),
      guard: timed(() => redactSecretsOfAll([texts])),
      write: async () => {
        await db.knex('partner_register_runs').delete();
        return timed(() =>
          store.runSucceeded('csv', new Date().toISOString(), rows, {
            count: refused,
            errors,
          }),
        )();
      },
    };
    const times: Record<string, number[]> = {};
    for (const [name, stage] of Object.entries(stages)) {
      await stage();
      times[name] = [];
      for (let rep = 0; rep < reps; rep++) {
        times[name].push(await stage());
      }
      log(
        `[${kind}] stage ${name}: ${times[name].map(Math.round).join(' ')} ms`,
      );
    }
    return Object.fromEntries(
      Object.entries(times).map(([name, list]) => [name, stat(list)]),
    ) as Stages;
  } finally {
    await db.dispose();
  }
}
