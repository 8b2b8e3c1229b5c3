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

import { holdsNonReference, isReference, keyKind } from './keys';
import { scanWithSecretlint } from './secretlint';
import { VALUE_SHAPES } from './shapes';
import { urlCredentialShape } from './urls';

/**
 * A secret value found in a document. It names where the value is and what it
 * looks like, never the value itself.
 *
 * @public
 */
export interface SecretFinding {
  /** Dotted field path, e.g. `spec.identities[1].secretRef`. */
  path: string;
  /** What the value looks like, e.g. `a GitHub token`. */
  shape: string;
}

/** What stands in for a secret value in a redacted document. @public */
export const REDACTED_SECRET_VALUE = '<redacted>';

/** Matches any string holding one of the shapes' hints: one scan rules most strings out. */
const ANY_HINT = new RegExp(
  VALUE_SHAPES.flatMap(s => s.hints)
    .map(hint => hint.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .join('|'),
  'i',
);

/** The shape of a string that looks like a credential to the project's own rules. */
function ownShape(value: string): string | undefined {
  if (ANY_HINT.test(value)) {
    const lower = value.toLowerCase();
    for (const { shape, pattern, hints } of VALUE_SHAPES) {
      const found = pattern.ignoreCase
        ? hints.some(hint => lower.includes(hint.toLowerCase()))
        : hints.some(hint => value.includes(hint));
      if (found && pattern.test(value)) {
        return shape;
      }
    }
  }
  return value.includes('://') ? urlCredentialShape(value) : undefined;
}

/** Runs of base64 long enough to hide a credential. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
const MAX_DECODE_DEPTH = 2;
const MAX_BASE64_RUNS = 8;

/** Text from base64, or undefined for bytes that are not text (a hash, a certificate). */
function base64Text(run: string): string | undefined {
  const bytes = Buffer.from(run, 'base64');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) &&
    // Control characters other than whitespace mark binary data.
    // eslint-disable-next-line no-control-regex
    !/[\u0000-\u0008\u000e-\u001f]/.test(text)
    ? text
    : undefined;
}

/**
 * What a string holds once decoded: JSON (a map or list, alone or inside
 * text) and base64 text. Credentials are pasted into partner files in both
 * forms: a service-account key in base64, a client's JSON configuration.
 */
function decodedParts(value: string): unknown[] {
  const parts: unknown[] = [];
  const open = value.search(/[{[]/);
  const close = Math.max(value.lastIndexOf('}'), value.lastIndexOf(']'));
  if (open !== -1 && close > open) {
    try {
      parts.push(JSON.parse(value.slice(open, close + 1)));
    } catch {
      // Not JSON: read as text.
    }
  }
  let runs = 0;
  for (const [run] of value.matchAll(BASE64_RUN)) {
    const text = base64Text(run);
    if (text !== undefined) {
      parts.push(text);
    }
    if (++runs === MAX_BASE64_RUNS) {
      break;
    }
  }
  return parts;
}

/** A path built only when a finding needs it. */
type Path = { parent?: Path; key?: string | number };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function pathOf(at: Path | undefined): string {
  if (!at || at.key === undefined) {
    return '';
  }
  const parent = pathOf(at.parent);
  if (typeof at.key === 'number') {
    return `${parent}[${at.key}]`;
  }
  if (!IDENTIFIER.test(at.key)) {
    const quoted = JSON.stringify(at.key);
    return parent ? `${parent}[${quoted}]` : quoted;
  }
  return parent ? `${parent}.${at.key}` : at.key;
}

/** A value, or a key, that the scan found. */
interface Hit {
  at: Path;
  /** Where the value came in the walk: findings are in document order. */
  seq: number;
  shape: string;
  /** The key itself is the secret: the entry is dropped, not its value. */
  isKey?: boolean;
}

/** A string waiting for secretlint, with where it sits. */
interface Pending {
  at: Path;
  seq: number;
  text: string;
  isKey?: boolean;
}

class Scan {
  readonly hits: Hit[] = [];
  readonly pending: Pending[] = [];
  private seq = 0;

  private hit(at: Path, shape: string, isKey?: boolean) {
    this.hits.push({ at, shape, isKey, seq: this.seq++ });
  }

  private defer(at: Path, text: string, isKey?: boolean) {
    this.pending.push({ at, text, isKey, seq: this.seq++ });
  }

  /** Walks a value, noting what is a secret and what secretlint is to read. */
  visit(value: unknown, at: Path, key: string | undefined, depth: number) {
    // What a value looks like says more than the key it is under.
    const shape = typeof value === 'string' ? ownShape(value) : undefined;
    if (shape) {
      this.hit(at, shape);
      return;
    }
    const kind = key === undefined ? undefined : keyKind(key);
    if (kind === 'secret' && holdsNonReference(value)) {
      this.hit(at, `a value under the key "${key}"`);
      return;
    }
    if (
      kind === 'reference' &&
      typeof value === 'string' &&
      value.trim() &&
      !isReference(value)
    ) {
      this.hit(
        at,
        `a value under the key "${key}" that is not a reference to a secret store`,
      );
      return;
    }
    if (typeof value === 'string') {
      this.visitString(value, at, depth);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) =>
        this.visit(item, { parent: at, key: index }, undefined, depth),
      );
    } else if (value && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) {
        const childAt = { parent: at, key: childKey };
        const keyShape = ownShape(childKey);
        if (keyShape) {
          this.hit(childAt, keyShape, true);
          continue;
        }
        this.defer(childAt, childKey, true);
        this.visit(child, childAt, childKey, depth);
      }
    }
  }

  private visitString(value: string, at: Path, depth: number) {
    for (const inner of depth < MAX_DECODE_DEPTH ? decodedParts(value) : []) {
      const nested = new Scan();
      nested.visit(inner, {}, undefined, depth + 1);
      if (nested.hits.length > 0) {
        this.hit(at, `an encoded value holding ${nested.hits[0].shape}`);
        return;
      }
      // Whatever secretlint finds inside is reported at this value.
      for (const item of nested.pending) {
        this.defer(at, item.text);
      }
    }
    this.defer(at, value);
  }
}

async function scan(document: unknown): Promise<Hit[]> {
  const state = new Scan();
  state.visit(document, {}, undefined, 0);
  const texts = state.pending.map(p => p.text);
  const found = await scanWithSecretlint(texts);
  const hits = [...state.hits];
  const seen = new Set(hits.map(hit => hit.at));
  for (const [index, shape] of found) {
    const { at, isKey, seq } = state.pending[index];
    if (!seen.has(at)) {
      seen.add(at);
      hits.push({ at, shape, isKey, seq });
    }
  }
  return hits.sort((a, b) => a.seq - b.seq);
}

/**
 * Finds secret values anywhere in a parsed document, keys included: what
 * secretlint's recommended rules recognise, the credential shapes the project
 * adds (keys without a PEM header, cloud connection strings, shared access
 * signatures, credentials in URLs and connection strings), JSON or base64
 * text holding any of these, and keys named like `password`, `secret`,
 * `token` or `apiKey` holding anything but a reference. A `secretRef` must be
 * a reference (`vault:…`, an ARN); anything else there is a secret.
 *
 * @public
 */
export async function findSecrets(document: unknown): Promise<SecretFinding[]> {
  return (await scan(document)).map(findingOf);
}

/**
 * Returns a copy of a document in which every secret value is replaced by
 * {@link REDACTED_SECRET_VALUE} (and every key that is itself a secret is
 * dropped), with what was found where.
 *
 * @public
 */
export async function redactSecrets<T>(
  document: T,
): Promise<{ document: T; findings: SecretFinding[] }> {
  const hits = await scan(document);
  if (hits.length === 0) {
    return { document, findings: [] };
  }
  if (hits.some(hit => hit.at.key === undefined)) {
    // The document itself is the secret.
    return {
      document: REDACTED_SECRET_VALUE as T,
      findings: hits.map(hit => ({ path: '', shape: hit.shape })),
    };
  }
  const copy = structuredClone(document);
  for (const hit of hits) {
    replaceAt(copy, hit);
  }
  return {
    document: copy,
    findings: hits.map(findingOf),
  };
}

/** A finding, which for a key that is itself a secret names its map instead. */
function findingOf(hit: Hit): SecretFinding {
  return hit.isKey
    ? { path: pathOf(hit.at.parent), shape: `a key that is ${hit.shape}` }
    : { path: pathOf(hit.at), shape: hit.shape };
}

function keysOf(at: Path): Array<string | number> {
  const keys: Array<string | number> = [];
  for (let p: Path | undefined = at; p && p.key !== undefined; p = p.parent) {
    keys.unshift(p.key);
  }
  return keys;
}

function replaceAt(root: unknown, hit: Hit) {
  const keys = keysOf(hit.at);
  const last = keys.pop();
  if (last === undefined) {
    return;
  }
  let parent: any = root;
  for (const key of keys) {
    parent = parent?.[key];
  }
  if (parent === null || typeof parent !== 'object') {
    return;
  }
  if (hit.isKey && !Array.isArray(parent)) {
    delete parent[last];
  } else {
    parent[last] = REDACTED_SECRET_VALUE;
  }
}
