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
import { MAX_DECODE_DEPTH, decodedParts } from './decode';
import { ownShape } from './shapes';

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

/** The shortest text worth a secretlint scan. */
const MIN_SECRETLINT_LENGTH = 16;

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

  /**
   * Leaves a text to secretlint. Every credential it knows is longer than
   * MIN_SECRETLINT_LENGTH; shorter text is left to the project's own rules
   * (a URL's password, a secret-named key).
   */
  private defer(at: Path, text: string, isKey?: boolean) {
    this.pending.push({ at, text, isKey, seq: this.seq++ });
  }

  /**
   * Walks a value, noting what is a secret and what secretlint is to read.
   * The value sits under `key` of the node at `parent`; its own path is
   * built only when something needs it (most strings need none).
   */
  visit(
    value: unknown,
    parent: Path | undefined,
    key: string | number | undefined,
    depth: number,
  ) {
    let path: Path | undefined;
    const here = (): Path =>
      (path ??= key === undefined ? {} : { parent, key });
    // What a value looks like says more than the key it is under.
    const shape = typeof value === 'string' ? ownShape(value) : undefined;
    if (shape) {
      this.hit(here(), shape);
      return;
    }
    const kind = typeof key === 'string' ? keyKind(key) : undefined;
    if (kind === 'secret' && holdsNonReference(value)) {
      this.hit(here(), `a value under the key "${key}"`);
      return;
    }
    if (
      kind === 'reference' &&
      typeof value === 'string' &&
      value.trim() &&
      !isReference(value)
    ) {
      this.hit(
        here(),
        `a value under the key "${key}" that is not a reference to a secret store`,
      );
      return;
    }
    if (typeof value === 'string') {
      this.visitString(value, here, depth);
    } else if (Array.isArray(value)) {
      const at = here();
      for (let index = 0; index < value.length; index++) {
        this.visit(value[index], at, index, depth);
      }
    } else if (value && typeof value === 'object') {
      const at = here();
      for (const childKey of Object.keys(value)) {
        const keyShape = ownShape(childKey);
        if (keyShape) {
          this.hit({ parent: at, key: childKey }, keyShape, true);
          continue;
        }
        if (childKey.length >= MIN_SECRETLINT_LENGTH) {
          this.defer({ parent: at, key: childKey }, childKey, true);
        }
        this.visit(
          (value as Record<string, unknown>)[childKey],
          at,
          childKey,
          depth,
        );
      }
    }
  }

  private visitString(value: string, here: () => Path, depth: number) {
    const mayBeEncoded =
      depth < MAX_DECODE_DEPTH &&
      (value.length >= 40 || value.includes('{') || value.includes('['));
    for (const inner of mayBeEncoded ? decodedParts(value) : []) {
      const nested = new Scan();
      nested.visit(inner, undefined, undefined, depth + 1);
      if (nested.hits.length > 0) {
        this.hit(here(), `an encoded value holding ${nested.hits[0].shape}`);
        return;
      }
      // Whatever secretlint finds inside is reported at this value.
      for (const item of nested.pending) {
        this.defer(here(), item.text);
      }
    }
    if (value.length >= MIN_SECRETLINT_LENGTH) {
      this.defer(here(), value);
    }
  }
}

/**
 * Scans documents together: the project's own rules on each string as the
 * walk meets it, then secretlint once over every distinct string of all the
 * documents (its cost is mostly per call, not per character).
 */
async function scanAll(documents: readonly unknown[]): Promise<Hit[][]> {
  const scans = documents.map(document => {
    const state = new Scan();
    state.visit(document, undefined, undefined, 0);
    return state;
  });
  const where = new Map<string, Array<[Scan, Pending]>>();
  for (const state of scans) {
    for (const pending of state.pending) {
      const places = where.get(pending.text);
      if (places) {
        places.push([state, pending]);
      } else {
        where.set(pending.text, [[state, pending]]);
      }
    }
  }
  const texts = [...where.keys()];
  const found = await scanWithSecretlint(texts);
  const extra = new Map<Scan, Hit[]>();
  for (const [index, shape] of found) {
    for (const [state, { at, isKey, seq }] of where.get(texts[index])!) {
      const hits = extra.get(state) ?? [];
      hits.push({ at, shape, isKey, seq });
      extra.set(state, hits);
    }
  }
  return scans.map(state => {
    const hits = [...state.hits];
    const seen = new Set(hits.map(hit => hit.at));
    for (const hit of extra.get(state) ?? []) {
      if (!seen.has(hit.at)) {
        seen.add(hit.at);
        hits.push(hit);
      }
    }
    return hits.sort((a, b) => a.seq - b.seq);
  });
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
  const [hits] = await scanAll([document]);
  return hits.map(findingOf);
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
  const [result] = await redactSecretsOfAll([document]);
  return result;
}

/**
 * {@link redactSecrets} of many documents at once, several times faster
 * than one by one.
 *
 * @public
 */
export async function redactSecretsOfAll<T>(
  documents: readonly T[],
): Promise<Array<{ document: T; findings: SecretFinding[] }>> {
  const hitsOf = await scanAll(documents);
  return documents.map((document, index) => redacted(document, hitsOf[index]));
}

function redacted<T>(
  document: T,
  hits: Hit[],
): { document: T; findings: SecretFinding[] } {
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
  return { document: copy, findings: hits.map(findingOf) };
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
