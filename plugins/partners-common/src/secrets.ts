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

/**
 * Value shapes of well-known credentials. `hints` are substrings one of which
 * every match contains: the regular expression only runs when one is there.
 */
const VALUE_SHAPES: ReadonlyArray<{
  shape: string;
  pattern: RegExp;
  hints: string[];
}> = [
  {
    shape: 'a private key block',
    pattern:
      /-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/,
    hints: ['-----BEGIN '],
  },
  {
    shape: 'an AWS access key',
    pattern: /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/,
    hints: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  },
  // The key may end in `-`, after which `\b` would not match.
  {
    shape: 'a Google API key',
    pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/,
    hints: ['AIza'],
  },
  {
    shape: 'a GitHub token',
    pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/,
    hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  },
  {
    shape: 'a GitLab token',
    pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/,
    hints: ['glpat-'],
  },
  {
    shape: 'a Slack token',
    pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
    hints: ['xox'],
  },
  {
    shape: 'a Slack webhook URL',
    pattern:
      /hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/,
    hints: ['hooks.slack.com/'],
  },
  {
    shape: 'a JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
    hints: ['eyJ'],
  },
  {
    shape: 'a Stripe secret key',
    pattern: /\b[sr]k_live_[0-9A-Za-z]{16,}\b/,
    hints: ['k_live_'],
  },
  {
    shape: 'credentials embedded in a URL',
    pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@[^\s/]+/i,
    hints: ['://'],
  },
];

/** Matches any string that holds one of the hints: one scan rules most strings out. */
const ANY_HINT = new RegExp(
  VALUE_SHAPES.flatMap(s => s.hints)
    .map(h => h.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .join('|'),
);

/** The shape of a string that looks like a credential, if it does. */
function valueShape(value: string): string | undefined {
  if (!ANY_HINT.test(value)) {
    return undefined;
  }
  for (const { shape, pattern, hints } of VALUE_SHAPES) {
    if (hints.some(hint => value.includes(hint)) && pattern.test(value)) {
      return shape;
    }
  }
  return undefined;
}

/**
 * Key names that hold a secret when they hold a value, compared after
 * lower-casing and dropping `-`, `_` and `.`. A key that names where a secret
 * lives (`secretRef`, `tokenUrl`) does not match: only the key's last word
 * counts.
 */
const SECRET_KEY_SUFFIXES = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'privatekey',
  'accesskey',
  'secretkey',
  'credential',
  'credentials',
];

const secretKeyCache = new Map<string, boolean>();

function isSecretKey(key: string): boolean {
  let result = secretKeyCache.get(key);
  if (result === undefined) {
    const normalized = key.toLowerCase().replace(/[-_.]/g, '');
    result = SECRET_KEY_SUFFIXES.some(suffix => normalized.endsWith(suffix));
    if (secretKeyCache.size > 10000) {
      secretKeyCache.clear();
    }
    secretKeyCache.set(key, result);
  }
  return result;
}

function holdsValue(value: unknown): boolean {
  return (
    (typeof value === 'string' && value.trim().length > 0) ||
    typeof value === 'number'
  );
}

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  if (!parent) {
    return safe;
  }
  return safe.startsWith('"') ? `${parent}[${safe}]` : `${parent}.${safe}`;
}

/** What stands in for a secret value in a redacted document. @public */
export const REDACTED_SECRET_VALUE = '<redacted>';

/** A path built only when a finding needs it. */
type LazyPath = { parent?: LazyPath; key?: string | number };
const pathOf = (p: LazyPath | undefined): string =>
  !p || p.key === undefined ? '' : childPath(pathOf(p.parent), p.key);

/**
 * Walks a document collecting secret findings; when `copy` is set it returns a
 * copy with every secret value replaced.
 */
function walk(
  value: unknown,
  at: LazyPath | undefined,
  key: string | undefined,
  findings: SecretFinding[],
  copy: boolean,
): unknown {
  if (typeof value === 'string') {
    const shape = valueShape(value);
    if (shape) {
      findings.push({ path: pathOf(at), shape });
      return REDACTED_SECRET_VALUE;
    }
  }
  if (key !== undefined && holdsValue(value) && isSecretKey(key)) {
    findings.push({
      path: pathOf(at),
      shape: `a value under the key "${key}"`,
    });
    return REDACTED_SECRET_VALUE;
  }
  if (Array.isArray(value)) {
    if (!copy) {
      for (let index = 0; index < value.length; index++) {
        const item = value[index];
        if (
          item !== null &&
          (typeof item === 'object' || typeof item === 'string')
        ) {
          walk(item, { parent: at, key: index }, undefined, findings, false);
        }
      }
      return value;
    }
    return value.map((item, index) =>
      walk(item, { parent: at, key: index }, undefined, findings, copy),
    );
  }
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> | undefined = copy ? {} : undefined;
    for (const childKey of Object.keys(value)) {
      const child = walk(
        (value as Record<string, unknown>)[childKey],
        { parent: at, key: childKey },
        childKey,
        findings,
        copy,
      );
      if (result) result[childKey] = child;
    }
    return result ?? value;
  }
  return value;
}

/**
 * Finds secret values anywhere in a parsed document: values shaped like a
 * private key, a cloud access key or a GitHub, GitLab, Slack, Stripe or JSON
 * web token, credentials inside a URL, and keys named like `password`,
 * `secret`, `token`, `apiKey` or `clientSecret` that hold a value.
 * References such as `secretRef: vault:partners/acme/client` are allowed.
 *
 * @public
 */
export function findSecretValues(document: unknown): SecretFinding[] {
  const findings: SecretFinding[] = [];
  walk(document, undefined, undefined, findings, false);
  return findings;
}

/**
 * Returns a copy of a document in which every secret value is replaced by
 * {@link REDACTED_SECRET_VALUE}, with what was found where.
 *
 * @public
 */
export function redactSecretValues<T>(document: T): {
  document: T;
  findings: SecretFinding[];
} {
  const findings: SecretFinding[] = [];
  const redacted = walk(document, undefined, undefined, findings, true) as T;
  return { document: findings.length ? redacted : document, findings };
}

/**
 * The message for a secret finding. It never includes the value.
 *
 * @public
 */
export function describeSecretFinding(finding: SecretFinding): string {
  return `${finding.path} holds a secret value (${finding.shape}); partner files must name where a secret lives (secretRef: vault:..., an ARN), never the secret itself`;
}
