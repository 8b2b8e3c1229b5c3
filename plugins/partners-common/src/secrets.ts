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

/** Value shapes of well-known credentials. */
const VALUE_SHAPES: ReadonlyArray<{ shape: string; pattern: RegExp }> = [
  {
    shape: 'a private key block',
    pattern: /-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/,
  },
  { shape: 'an AWS access key', pattern: /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  // The key may end in `-`, after which `\b` would not match.
  { shape: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  {
    shape: 'a GitHub token',
    pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/,
  },
  { shape: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { shape: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  {
    shape: 'a Slack webhook URL',
    pattern: /hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/,
  },
  {
    shape: 'a JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  },
  { shape: 'a Stripe secret key', pattern: /\b[sr]k_live_[0-9A-Za-z]{16,}\b/ },
  {
    shape: 'credentials embedded in a URL',
    pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@[^\s/]+/i,
  },
];

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

function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[-_.]/g, '');
  return SECRET_KEY_SUFFIXES.some(suffix => normalized.endsWith(suffix));
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

/**
 * Walks a document collecting secret findings; when `copy` is set it returns a
 * copy with every secret value replaced.
 */
function walk(
  value: unknown,
  path: string,
  key: string | undefined,
  findings: SecretFinding[],
  copy: boolean,
): unknown {
  if (typeof value === 'string') {
    const match = VALUE_SHAPES.find(({ pattern }) => pattern.test(value));
    if (match) {
      findings.push({ path, shape: match.shape });
      return REDACTED_SECRET_VALUE;
    }
  }
  if (key !== undefined && isSecretKey(key) && holdsValue(value)) {
    findings.push({ path, shape: `a value under the key "${key}"` });
    return REDACTED_SECRET_VALUE;
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) =>
      walk(item, childPath(path, index), undefined, findings, copy),
    );
    return copy ? items : value;
  }
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(value)) {
      result[childKey] = walk(
        child,
        childPath(path, childKey),
        childKey,
        findings,
        copy,
      );
    }
    return copy ? result : value;
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
  walk(document, '', undefined, findings, false);
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
  const redacted = walk(document, '', undefined, findings, true) as T;
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
