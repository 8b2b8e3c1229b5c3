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

import { InputError } from '@backstage/errors';

/** An opaque cursor for a page that ends at `key`. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/**
 * The parts of a keyset cursor (joined by a newline), each matching its
 * pattern; an InputError naming `cursor` otherwise.
 */
export function decodeKeysetCursor(
  cursor: string,
  patterns: RegExp[],
): string[] {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  const parts = key.split('\n');
  // Node's decoder skips bad characters: re-encoding catches them.
  if (
    encodeCursor(key) !== cursor ||
    parts.length !== patterns.length ||
    parts.some((part, i) => !patterns[i].test(part))
  ) {
    throw new InputError(
      'request/query/cursor must be a nextCursor returned by this endpoint',
    );
  }
  return parts;
}

/** The key of a one-part cursor; an InputError naming `cursor` otherwise. */
export function decodeCursor(cursor: string, pattern: RegExp): string {
  return decodeKeysetCursor(cursor, [pattern])[0];
}
