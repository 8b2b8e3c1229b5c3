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

import {
  daysBetween,
  type PartnerLifecycleStageName,
} from '@partner-governance/plugin-partners-common';

/** Shown where a value is absent. */
export const NONE = '—';

/** The calendar date of an ISO-8601 date or timestamp, or `—`. */
export function formatDate(value: string | undefined): string {
  if (!value) {
    return NONE;
  }
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
}

/** A timestamp as a short local date and time, or `—`. */
export function formatDateTime(value: string | undefined): string {
  if (!value) {
    return NONE;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : date.toISOString().replace('T', ' ').slice(0, 16);
}

/** Today's date as `YYYY-MM-DD` (UTC). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `days` whole days after `from`, as `YYYY-MM-DD` (UTC). */
export function addDays(from: string, days: number): string {
  const date = new Date(`${from.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days since a date (negative when it is in the future). */
export function daysSince(
  value: string | undefined,
  now: Date = new Date(),
): number | undefined {
  return value ? daysBetween(value, now) : undefined;
}

/** Whole days until a date (negative when it is past). */
export function daysUntil(
  value: string | undefined,
  now: Date = new Date(),
): number | undefined {
  return value ? daysBetween(now, value) : undefined;
}

/** `3 days`, `1 day`. */
export function pluralDays(days: number): string {
  return `${days} ${Math.abs(days) === 1 ? 'day' : 'days'}`;
}

/** `in 3 days`, `today`, `2 days ago`. */
export function relativeDays(days: number | undefined): string {
  if (days === undefined) {
    return '';
  }
  if (days === 0) {
    return 'today';
  }
  return days > 0 ? `in ${pluralDays(days)}` : `${pluralDays(-days)} ago`;
}

/**
 * How long ago (or ahead) a timestamp is: `just now`, `5 minutes ago`,
 * `3 hours ago`, then in days as {@link relativeDays}; empty when absent.
 */
export function relativeTime(
  value: string | undefined,
  now: Date = new Date(),
): string {
  if (!value) {
    return '';
  }
  const at = new Date(value).getTime();
  if (Number.isNaN(at)) {
    return '';
  }
  const minutes = Math.round((now.getTime() - at) / 60_000);
  const ago = (count: number, unit: string) =>
    minutes >= 0
      ? `${count} ${unit}${count === 1 ? '' : 's'} ago`
      : `in ${count} ${unit}${count === 1 ? '' : 's'}`;
  if (Math.abs(minutes) < 1) {
    return 'just now';
  }
  if (Math.abs(minutes) < 60) {
    return ago(Math.abs(minutes), 'minute');
  }
  if (Math.abs(minutes) < 24 * 60) {
    return ago(Math.floor(Math.abs(minutes) / 60), 'hour');
  }
  return relativeDays(-Math.round(minutes / (24 * 60)));
}

/** A kebab-case value for people: `co-support` → `Co-support`. */
export function humanize(value: string | undefined): string {
  if (!value) {
    return NONE;
  }
  const spaced = value.replace(/-/g, ' ');
  return spaced.charAt(0).toLocaleUpperCase('en-US') + spaced.slice(1);
}

/** A lifecycle stage for people. */
export function stageLabel(stage: PartnerLifecycleStageName): string {
  return humanize(stage);
}
