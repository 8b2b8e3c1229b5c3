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

import { DateTime } from 'luxon';

/*
 * Calendar days, as the rules and workflows count them: "more than N days"
 * is N+1 whole days or more between the calendar days written in two dates.
 */

/** A date string must start with a full calendar date. */
const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;

/**
 * A timestamp of the common RFC 3339 shape with every time field in range:
 * its day is the date it starts with (the day as written, as luxon reads
 * it with setZone). Timestamps are mostly distinct, their dates repeat; any
 * other shape goes to luxon whole.
 */
const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})[Tt ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:[Zz]|[+-](?:0\d|1[0-4]):?[0-5]\d)?$/;

const EPOCH = DateTime.fromMillis(0, { zone: 'utc' });

/**
 * Dates repeat across an estate (a few thousand distinct days cover years of
 * files): each string is parsed once, up to a bound, after which the cache
 * starts again.
 */
const MAX_CACHED_DAYS = 50_000;
const dayCache = new Map<string, number | undefined>();

/** Whole days from the epoch to a calendar day. */
function dayOf(date: DateTime): number | undefined {
  if (!date.isValid) {
    return undefined;
  }
  const day = DateTime.utc(date.year, date.month, date.day);
  return Math.round(day.diff(EPOCH, 'days').days);
}

/** The calendar day written in a date string, without the cache. */
function parseDay(value: string): number | undefined {
  if (!DATE_PREFIX.test(value)) {
    return undefined;
  }
  // The kinds allow a space or a lower-case `t` before the time and a
  // lower-case `z`; ISO-8601 as luxon reads it spells them `T` and `Z`.
  const iso = value.replace(' ', 'T').toUpperCase();
  // The day as written: in the offset the string gives, else in UTC, never
  // in the zone of the machine (where a day may not exist).
  return dayOf(DateTime.fromISO(iso, { zone: 'utc', setZone: true }));
}

/**
 * The calendar day of an ISO-8601 date or timestamp, as whole days since the
 * epoch. A timestamp counts as the calendar day written in it, so
 * `2026-03-01T23:30:00-05:00` is 2026-03-01 wherever the code runs; a Date
 * counts as its UTC day. Returns undefined for anything that is not a real
 * calendar date.
 *
 * @public
 */
export function toDayNumber(value: string | Date): number | undefined {
  if (value instanceof Date) {
    return dayOf(DateTime.fromJSDate(value, { zone: 'utc' }));
  }
  const cached = dayCache.get(value);
  if (cached !== undefined || dayCache.has(value)) {
    return cached;
  }
  const timestamp = TIMESTAMP.exec(value);
  if (timestamp) {
    return toDayNumber(timestamp[1]);
  }
  const day = parseDay(value);
  if (dayCache.size >= MAX_CACHED_DAYS) {
    dayCache.clear();
  }
  dayCache.set(value, day);
  return day;
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

/**
 * The instant a whole number of days after (or, negative, before) another,
 * as an ISO-8601 UTC timestamp.
 *
 * @public
 */
export function addDays(instant: string | Date, days: number): string {
  const start =
    instant instanceof Date
      ? DateTime.fromJSDate(instant, { zone: 'utc' })
      : DateTime.fromISO(instant, { zone: 'utc' });
  if (!start.isValid) {
    throw new TypeError(`Not a date: ${String(instant)}`);
  }
  return start.plus({ days }).toISO()!;
}

/**
 * The start (midnight UTC) of the calendar day numbered as toDayNumber
 * numbers it, as an ISO-8601 UTC timestamp.
 *
 * @public
 */
export function startOfDay(day: number): string {
  return EPOCH.plus({ days: day }).toISO()!;
}
