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

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocationSpec } from '@backstage/plugin-catalog-node';

// Matches catalog locations against the entries of
// partners.intake.allowedLocations: file entries by normalised absolute path,
// URL entries by origin and path, both only at a path separator, never as a
// raw string prefix.

/** The config key this module reads. */
export const ALLOWED_LOCATIONS_KEY = 'partners.intake.allowedLocations';

/** Limits on the list and on what is compared with it. */
export const INTAKE_LIMITS = {
  /** Entries in the list. */
  maxEntries: 1000,
  /** Characters in one entry. */
  maxEntryLength: 2048,
  /** Characters in a location target; a longer one is never allowed. */
  maxLocationLength: 8192,
};

/** One entry of the list, ready to compare. */
export type IntakeEntry =
  | { type: 'file'; path: string }
  | { type: 'url'; origin: string; pathname: string };

const URL_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Percent-encoded dots, slashes and backslashes in a URL path: a reader may
 * decode them into a path the prefix did not cover, so a path holding them
 * is not compared at all.
 */
const ENCODED_SEPARATORS = ['%2e', '%2f', '%5c'];

function hasEncodedSeparator(pathname: string): boolean {
  const lower = pathname.toLocaleLowerCase('en-US');
  return ENCODED_SEPARATORS.some(encoded => lower.includes(encoded));
}

/**
 * Whether a URL location is written plainly: no whitespace, control
 * character or backslash anywhere, no encoded separator in its path, and no
 * empty, `.` or `..` segment in its path. The URL parser would resolve such
 * segments, but a reader handed the raw text might not resolve them the same
 * way, so a target that holds them is not compared at all.
 */
function isPlainUrl(target: string): boolean {
  for (let i = 0; i < target.length; i++) {
    const code = target.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || code === 0x5c) {
      return false;
    }
  }
  const authority = target.indexOf('://') + 3;
  let end = target.length;
  for (const mark of ['?', '#']) {
    const at = target.indexOf(mark, authority);
    if (at !== -1 && at < end) {
      end = at;
    }
  }
  const slash = target.indexOf('/', authority);
  if (slash === -1 || slash >= end) {
    return true;
  }
  const rawPath = target.slice(slash, end);
  if (hasEncodedSeparator(rawPath)) {
    return false;
  }
  const segments = rawPath.slice(1).split('/');
  return segments.every(
    (segment, index) =>
      (segment !== '' || index === segments.length - 1) &&
      segment !== '.' &&
      segment !== '..',
  );
}

/** A URL that parses, or undefined. */
function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads one entry of the list. Throws an error naming the entry by its index
 * (never quoting it: a URL may carry credentials).
 */
export function parseIntakeEntry(
  entry: string,
  index: number,
  cwd: string,
): IntakeEntry {
  const name = `${ALLOWED_LOCATIONS_KEY}[${index}]`;
  if (entry.length > INTAKE_LIMITS.maxEntryLength) {
    throw new TypeError(
      `${name} is longer than ${INTAKE_LIMITS.maxEntryLength} characters`,
    );
  }
  if (entry.includes('\0')) {
    throw new TypeError(`${name} holds a NUL character`);
  }
  let text = entry.trim();
  if (text.startsWith('url:')) {
    text = text.slice('url:'.length);
  } else if (text.startsWith('file:') && !text.startsWith('file://')) {
    text = text.slice('file:'.length);
  }
  const url = text.includes('://') ? parseUrl(text) : undefined;
  if (text.includes('://') && !url) {
    throw new TypeError(`${name} is not a valid URL`);
  }
  if (url?.protocol === 'file:') {
    let filePath;
    try {
      filePath = fileURLToPath(url);
    } catch (error) {
      throw new TypeError(`${name} is not a local file URL: ${error}`);
    }
    return { type: 'file', path: path.resolve(cwd, filePath) };
  }
  if (url) {
    if (!URL_PROTOCOLS.has(url.protocol)) {
      throw new TypeError(
        `${name} is a ${url.protocol} URL; list http(s) URLs or file paths`,
      );
    }
    if (url.username || url.password) {
      throw new TypeError(
        `${name} holds credentials in its URL; list the location without them`,
      );
    }
    if (url.search || url.hash) {
      throw new TypeError(
        `${name} has a query or a fragment; list a URL prefix without them`,
      );
    }
    if (!isPlainUrl(text) || hasEncodedSeparator(url.pathname)) {
      throw new TypeError(
        `${name} is not a plain URL prefix: it holds whitespace, a backslash, an empty, . or .. path segment, or a percent-encoded dot, slash or backslash`,
      );
    }
    return { type: 'url', origin: url.origin, pathname: url.pathname };
  }
  if (text === '') {
    throw new TypeError(`${name} names no location`);
  }
  return { type: 'file', path: path.resolve(cwd, text) };
}

/**
 * Whether `candidate` is `prefix` or lies under it, deciding only at a
 * separator: `/a/examples` covers `/a/examples/x.yaml` but not
 * `/a/examples-evil/x.yaml`.
 */
function underPrefix(
  candidate: string,
  prefix: string,
  separator: string,
): boolean {
  if (prefix.endsWith(separator)) {
    return candidate.startsWith(prefix);
  }
  return (
    candidate === prefix ||
    (candidate.startsWith(prefix) && candidate[prefix.length] === separator)
  );
}

/**
 * Whether any entry covers the location. Only `file` and `url` locations can
 * be covered; a location of another type, an unparseable or credentialed
 * URL, a URL path with encoded separators and an over-long target are not.
 */
export function isCoveredBy(
  entries: readonly IntakeEntry[],
  location: LocationSpec,
  cwd: string,
): boolean {
  const { type, target } = location;
  if (
    typeof target !== 'string' ||
    target.length > INTAKE_LIMITS.maxLocationLength ||
    target.includes('\0')
  ) {
    return false;
  }
  if (type === 'file') {
    // As the catalog's file reader resolves it: relative to the working
    // directory, `..` and `.` segments resolved.
    const filePath = path.resolve(cwd, target);
    return entries.some(
      entry =>
        entry.type === 'file' && underPrefix(filePath, entry.path, path.sep),
    );
  }
  if (type !== 'url') {
    return false;
  }
  const url = isPlainUrl(target) ? parseUrl(target) : undefined;
  if (
    !url ||
    !URL_PROTOCOLS.has(url.protocol) ||
    url.username ||
    url.password ||
    hasEncodedSeparator(url.pathname)
  ) {
    return false;
  }
  return entries.some(
    entry =>
      entry.type === 'url' &&
      entry.origin === url.origin &&
      underPrefix(url.pathname, entry.pathname, '/'),
  );
}

/** How an entry reads once resolved, for the log. */
export function describeIntakeEntry(entry: IntakeEntry): string {
  return entry.type === 'file'
    ? `file:${entry.path}`
    : `url:${entry.origin}${entry.pathname}`;
}
