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
  holdsNonReference,
  isReference,
  keyFacts,
  type KeyFacts,
} from './keys';
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

/** What a value that cannot be encoded decodes to. */
const NOTHING: readonly unknown[] = [];

/** Where values sit in a walk that does not locate them. */
const UNLOCATED: Path = {};

/**
 * One walk of a value: what the project's own rules find in it, and the
 * texts left to secretlint. Most documents hold no secret, so a first walk
 * does not locate anything (`locate` false: no paths are built); only a
 * document in which something is found is walked again to say where. Both
 * walks meet the same values in the same order.
 */
class Scan {
  readonly hits: Hit[] = [];
  /** The texts left to secretlint, in the order the walk met them. */
  readonly texts: string[] = [];
  /** Those texts with where they sit, when locating. */
  readonly pending: Pending[] = [];
  private seq = 0;

  constructor(private readonly locate: boolean) {}

  private pathTo(parent: Path | undefined, key?: string | number): Path {
    if (!this.locate) {
      return UNLOCATED;
    }
    return key === undefined ? {} : { parent, key };
  }

  private hit(at: Path, shape: string, isKey?: boolean) {
    this.hits.push({ at, shape, isKey, seq: this.seq++ });
  }

  /**
   * Leaves a text to secretlint. Every credential it knows is longer than
   * MIN_SECRETLINT_LENGTH; shorter text is left to the project's own rules
   * (a URL's password, a secret-named key).
   */
  private defer(at: Path, text: string, isKey?: boolean) {
    this.texts.push(text);
    if (this.locate) {
      this.pending.push({ at, text, isKey, seq: this.seq++ });
    }
  }

  /**
   * Walks a value, noting what is a secret and what secretlint is to read.
   * The value sits under `key` of the node at `parent`, a key that says
   * `kind` of its value.
   */
  visit(
    value: unknown,
    parent: Path | undefined,
    key: string | number | undefined,
    kind: KeyFacts['kind'],
    depth: number,
  ) {
    // What a value looks like says more than the key it is under.
    const shape = typeof value === 'string' ? ownShape(value) : undefined;
    if (shape) {
      this.hit(this.pathTo(parent, key), shape);
      return;
    }
    if (kind === 'secret' && holdsNonReference(value)) {
      this.hit(this.pathTo(parent, key), `a value under the key "${key}"`);
      return;
    }
    if (
      kind === 'reference' &&
      typeof value === 'string' &&
      value.trim() &&
      !isReference(value)
    ) {
      this.hit(
        this.pathTo(parent, key),
        `a value under the key "${key}" that is not a reference to a secret store`,
      );
      return;
    }
    if (typeof value === 'string') {
      this.visitString(value, this.pathTo(parent, key), depth);
    } else if (Array.isArray(value)) {
      const at = this.pathTo(parent, key);
      for (let index = 0; index < value.length; index++) {
        this.visit(value[index], at, index, undefined, depth);
      }
    } else if (value && typeof value === 'object') {
      const at = this.pathTo(parent, key);
      for (const childKey of Object.keys(value)) {
        const facts = keyFacts(childKey);
        if (facts.shape) {
          this.hit(this.pathTo(at, childKey), facts.shape, true);
          continue;
        }
        if (childKey.length >= MIN_SECRETLINT_LENGTH) {
          this.defer(this.pathTo(at, childKey), childKey, true);
        }
        this.visit(
          (value as Record<string, unknown>)[childKey],
          at,
          childKey,
          facts.kind,
          depth,
        );
      }
    }
  }

  private visitString(value: string, at: Path, depth: number) {
    const mayBeEncoded =
      depth < MAX_DECODE_DEPTH &&
      (value.length >= 40 || value.includes('{') || value.includes('['));
    const parts = mayBeEncoded ? decodedParts(value) : NOTHING;
    for (const inner of parts) {
      const nested = new Scan(false);
      nested.visit(inner, undefined, undefined, undefined, depth + 1);
      if (nested.hits.length > 0) {
        this.hit(at, `an encoded value holding ${nested.hits[0].shape}`);
        return;
      }
      // Whatever secretlint finds inside is reported at this value.
      for (const text of nested.texts) {
        this.defer(at, text);
      }
    }
    if (value.length >= MIN_SECRETLINT_LENGTH) {
      this.defer(at, value);
    }
  }
}

/**
 * Scans documents together: the project's own rules on each string as the
 * walk meets it, then secretlint once over every distinct string of all the
 * documents (its cost is mostly per call, not per character). Only the
 * documents in which something was found are walked again, to say where.
 */
async function scanAll(documents: readonly unknown[]): Promise<Hit[][]> {
  const scans = documents.map(document => {
    const scan = new Scan(false);
    scan.visit(document, undefined, undefined, undefined, 0);
    return scan;
  });
  const indexOf = new Map<string, number>();
  for (const scan of scans) {
    for (const text of scan.texts) {
      if (!indexOf.has(text)) {
        indexOf.set(text, indexOf.size);
      }
    }
  }
  const found = await scanWithSecretlint([...indexOf.keys()]);
  // What secretlint flagged, in the order it reported it: where one value
  // holds several flagged texts, the first reported names the value.
  const flags = new Map<number, Flag>();
  for (const [index, shape] of found) {
    flags.set(index, { shape, order: flags.size });
  }
  const flagOf = (text: string) => flags.get(indexOf.get(text)!);
  return scans.map((scan, index) => {
    const flagged = flags.size > 0 && scan.texts.some(text => flagOf(text));
    if (scan.hits.length === 0 && !flagged) {
      return [];
    }
    const located = new Scan(true);
    located.visit(documents[index], undefined, undefined, undefined, 0);
    return locatedHits(located, flagOf);
  });
}

/** A text secretlint flagged: what it holds, and when it was reported. */
interface Flag {
  shape: string;
  order: number;
}

/** The hits of a located scan, its own and secretlint's, in document order. */
function locatedHits(
  scan: Scan,
  flagOf: (text: string) => Flag | undefined,
): Hit[] {
  const hits = [...scan.hits];
  const seen = new Set(hits.map(hit => hit.at));
  const flagged = scan.pending
    .map(pending => ({ pending, flag: flagOf(pending.text) }))
    .filter((item): item is { pending: Pending; flag: Flag } => !!item.flag)
    .sort((a, b) => a.flag.order - b.flag.order);
  for (const { pending, flag } of flagged) {
    if (!seen.has(pending.at)) {
      seen.add(pending.at);
      const { at, seq, isKey } = pending;
      hits.push({ at, seq, isKey, shape: flag.shape });
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
