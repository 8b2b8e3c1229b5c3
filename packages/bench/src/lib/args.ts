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
 * Command-line options of the benchmarks: `--key value` and `--key=value`
 * over a set of defaults.
 */

/** Option values: numbers, strings, or flags. */
type OptionDefaults = Record<string, string | number | boolean | undefined>;

/**
 * `--key value` and `--key=value` over `defaults`: numbers where the default
 * is a number (whole, at least 0), `flags` as booleans, `--help` prints
 * `usage` when given. Anything else is an error naming the option.
 */
export function parseArgs<T extends OptionDefaults, F extends string = never>(
  argv: string[],
  defaults: T,
  { flags = [], usage }: { flags?: readonly F[]; usage?: string } = {},
): T & Partial<Record<F, boolean>> {
  const options: OptionDefaults = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) {
      throw new Error(`Unexpected argument ${argv[i]}`);
    }
    const key = match[1];
    if (key === 'help' && usage) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    if ((flags as readonly string[]).includes(key)) {
      options[key] = true;
      continue;
    }
    if (!(key in options)) {
      throw new Error(`Unknown option --${key}`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) {
      throw new Error(`--${key} needs a value`);
    }
    if (typeof defaults[key] === 'number') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) {
        throw new Error(`--${key} must be a whole number, got ${value}`);
      }
      options[key] = n;
    } else {
      options[key] = value;
    }
  }
  return options as T & Partial<Record<F, boolean>>;
}

/** The databases a backend benchmark runs on. */
type DbChoice = 'sqlite' | 'pg' | 'both';

/** parseArgs, and --db must be sqlite, pg or both. */
export function parseDbArgs<
  T extends OptionDefaults & { db: string },
  F extends string = never,
>(
  argv: string[],
  defaults: T,
  flags: readonly F[] = [],
): T & Partial<Record<F, boolean>> & { db: DbChoice } {
  const options = parseArgs(argv, defaults, { flags });
  const db: string = options.db;
  if (!isDbChoice(db)) {
    throw new Error(`--db must be sqlite, pg or both, got ${db}`);
  }
  return { ...options, db };
}

function isDbChoice(db: string): db is DbChoice {
  return db === 'sqlite' || db === 'pg' || db === 'both';
}
