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

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
const HOUR_ONLY_OFFSET = /(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?[+-]\d{2})$/;

/** Dates repeat across an estate: parse each string once (bounded). */
const dayCache = new Map<string, number | undefined>();

/**
 * The calendar day of an ISO-8601 date or timestamp, as whole days since the
 * epoch. A timestamp counts as the calendar day written in it, so
 * `2026-03-01T23:30:00-05:00` is 2026-03-01 wherever the code runs.
 * Returns undefined for anything that is not a real calendar date.
 *
 * @public
 */
export function toDayNumber(value: string | Date): number | undefined {
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? undefined : Math.floor(time / DAY_MS);
  }
  if (dayCache.has(value)) {
    return dayCache.get(value);
  }
  const day = parseDay(value);
  if (dayCache.size > 10000) {
    dayCache.clear();
  }
  dayCache.set(value, day);
  return day;
}

/** Parses the calendar day of a date string, without the cache. */
function parseDay(value: string): number | undefined {
  const match = DATE_PREFIX.exec(value);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = match.slice(1).map(Number);
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return undefined;
  }
  // Date.parse rejects an hour-only offset (`+01`), which ISO-8601 and the
  // kinds' date pattern allow, so spell it out as `+01:00` first.
  if (
    value.length > 10 &&
    Number.isNaN(Date.parse(value.replace(HOUR_ONLY_OFFSET, '$1:00')))
  ) {
    return undefined;
  }
  return time / DAY_MS;
}

/**
 * Whole days from one date to another (negative when `to` is earlier), or
 * undefined when either is not a date.
 *
 * @public
 */
export function daysBetween(
  from: string | Date,
  to: string | Date,
): number | undefined {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  return a === undefined || b === undefined ? undefined : b - a;
}
