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

import { isUtf8 } from 'node:buffer';

/** Runs of base64 long enough to hide a credential (global: read with exec). */
const BASE64_RUN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
/** How many layers of encoding (base64 inside JSON, …) are read. */
export const MAX_DECODE_DEPTH = 2;
const MAX_BASE64_RUNS = 8;

/** Text from base64, or undefined for bytes that are not text (a hash, a certificate). */
function base64Text(run: string): string | undefined {
  const bytes = Buffer.from(run, 'base64');
  if (!isUtf8(bytes)) {
    return undefined;
  }
  const text = bytes.toString('utf8');
  // Control characters other than whitespace mark binary data.
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text;
}

/**
 * What a string holds once decoded: JSON (a map or list, alone or inside
 * text) and base64 text. Credentials are pasted into partner files in both
 * forms: a service-account key in base64, a client's JSON configuration.
 */
export function decodedParts(value: string): unknown[] {
  const parts: unknown[] = [];
  const close = Math.max(value.lastIndexOf('}'), value.lastIndexOf(']'));
  const open = close === -1 ? -1 : value.search(/[{[]/);
  if (open !== -1 && close > open) {
    try {
      parts.push(JSON.parse(value.slice(open, close + 1)));
    } catch {
      // Not JSON: read as text.
    }
  }
  BASE64_RUN.lastIndex = 0;
  for (let runs = 0; runs < MAX_BASE64_RUNS; runs++) {
    const run = BASE64_RUN.exec(value)?.[0];
    if (run === undefined) {
      break;
    }
    const text = base64Text(run);
    if (text !== undefined) {
      parts.push(text);
    }
  }
  return parts;
}
