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

/**
 * Compiles a pattern of an identity source's config (a role pattern, a user
 * pattern): a regular expression with a named group `partner` that
 * attributes an identity to a partner by name. It must be safe from
 * super-linear backtracking (checked with recheck), since it runs on every
 * name a source observes on every run. Throws an error naming `key`
 * otherwise.
 *
 * @public
 */
export function compilePartnerPattern(source: string, key: string): RegExp {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source);
  } catch (error) {
    throw new Error(
      `Invalid config at ${key}: not a regular expression (${
        (error as Error).message
      })`,
    );
  }
  // An empty alternative always matches, and lists every named group.
  const groups = new RegExp(`${source}|`).exec('')?.groups ?? {};
  if (!('partner' in groups)) {
    throw new Error(
      `Invalid config at ${key}: the pattern needs a named group "partner", as in ^partner_(?<partner>[a-z0-9-]+)_`,
    );
  }
  // Loaded here: the command line shares this package and never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { checkSync }: typeof import('recheck') = require('recheck');
  const verdict = checkSync(source, '', { randomSeed: 1, timeout: 10_000 });
  if (verdict.status !== 'safe') {
    throw new Error(
      `Invalid config at ${key}: the pattern ${
        verdict.status === 'vulnerable'
          ? 'can backtrack super-linearly'
          : 'could not be shown safe from super-linear backtracking'
      }; write it without nested or overlapping repetition`,
    );
  }
  return pattern;
}

/**
 * The partner a name is attributed to by a pattern of
 * {@link compilePartnerPattern}, if it says one.
 *
 * @public
 */
export function partnerOf(pattern: RegExp, name: string): string | undefined {
  return pattern.exec(name)?.groups?.partner || undefined;
}
