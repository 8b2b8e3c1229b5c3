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

import { GROUPS, USERS } from './org';

/** The day every estate is generated relative to, unless --now says otherwise. */
export const NOW = '2026-11-28';
export const DAY = 24 * 60 * 60 * 1000;

/** mulberry32: a small, seeded, deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from a seeded PRNG, in the shapes an estate needs. */
export interface EstateRandom {
  random(): number;
  /** One element of the list. */
  pick<T>(list: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  /** The day `daysAgo` days before today (negative: after), YYYY-MM-DD. */
  date(daysAgo: number): string;
  /** A team; one in a hundred names a team that is gone. */
  owner(): string;
  user(): string;
}

/** Draws from `random`, with dates relative to the day `today` (days since the epoch). */
export function estateRandom(
  random: () => number,
  today: number,
): EstateRandom {
  const chance = (p: number) => random() < p;
  const group = () => `group:team-${Math.floor(random() * GROUPS)}`;
  return {
    random,
    pick: list => list[Math.floor(random() * list.length)],
    chance,
    date: daysAgo =>
      new Date((today - daysAgo) * DAY).toISOString().slice(0, 10),
    owner: () => (chance(0.01) ? 'group:team-disbanded' : group()),
    user: () => `user:user-${Math.floor(random() * USERS)}`,
  };
}

/** The day of an ISO date, in days since the epoch. */
export function dayOf(isoDate: string): number {
  return Math.floor(Date.parse(isoDate) / DAY);
}
