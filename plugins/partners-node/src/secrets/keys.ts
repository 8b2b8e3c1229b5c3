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

import { ownShape } from './shapes';

/**
 * The last words of key names that hold a secret, compared after lower-casing
 * and dropping separators (`-`, `_`, `.`, spaces): `clientSecret`,
 * `DB_PASSWORD`, `x-api-key` and `Private Key` all match. A key that names
 * where a secret lives (`secretRef`, `tokenUrl`, `passwordPolicy`) does not:
 * only the key's last word counts.
 */
const SECRET_KEY_SUFFIXES = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'apikeys',
  'privatekey',
  'accesskey',
  'secretkey',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'sessionkey',
  'credential',
  'credentials',
  'authorization',
  'bearer',
  'cookie',
  'connectionstring',
];

/** Keys whose value must be a reference to a secret store, never a secret. */
const REFERENCE_KEY_SUFFIXES = [
  'secretref',
  'tokenref',
  'passwordref',
  'credentialref',
  'credentialsref',
  'keyref',
];

/**
 * How a value names a secret without holding it: a secret store scheme
 * (`vault:partners/acme/client`, `arn:aws:secretsmanager:…`, `op://…`), a
 * Google Secret Manager resource name or an Azure Key Vault secret URL.
 */
const REFERENCE =
  /^(?:(?:vault|arn|aws-sm|awssm|ssm|secretsmanager|gcp-sm|gcpsm|gsm|azure-kv|azurekv|keyvault|akv|kv|op|onepassword|1password|doppler|conjur|cyberark|bitwarden|infisical|akeyless|sops|k8s|kubernetes|env):\S|projects\/[\w.-]+\/secrets\/\S|https:\/\/[\w-]+\.vault\.azure\.net\/secrets\/\S)/i;

const SEPARATORS = /[-_.\s]/g;

/**
 * What a key name says of its value: `secret` when it holds one,
 * `reference` when it must name where one lives.
 */
function keyKind(key: string): 'secret' | 'reference' | undefined {
  const normalized = key.toLowerCase().replace(SEPARATORS, '');
  if (REFERENCE_KEY_SUFFIXES.some(suffix => normalized.endsWith(suffix))) {
    return 'reference';
  }
  if (SECRET_KEY_SUFFIXES.some(suffix => normalized.endsWith(suffix))) {
    return 'secret';
  }
  return undefined;
}

/** What a key says of its value, and the shape of the key if it is itself a credential. */
export interface KeyFacts {
  kind: ReturnType<typeof keyKind>;
  shape?: string;
}

/** Keys repeat across documents: each is read once (bounded). */
const keyFactsCache = new Map<string, KeyFacts>();

/** What a key says: see {@link KeyFacts}. */
export function keyFacts(key: string): KeyFacts {
  let facts = keyFactsCache.get(key);
  if (!facts) {
    facts = { kind: keyKind(key), shape: ownShape(key) };
    if (keyFactsCache.size >= 10_000) {
      keyFactsCache.clear();
    }
    keyFactsCache.set(key, facts);
  }
  return facts;
}

/** Whether a string names where a secret lives rather than holding one. */
export function isReference(value: string): boolean {
  return REFERENCE.test(value.trim());
}

/**
 * Whether a value under a secret-named key holds anything but references:
 * a string that is not a reference, a number, or a list or map holding one.
 * Empty strings, null and booleans (`token: false`) hold nothing.
 */
export function holdsNonReference(value: unknown): boolean {
  if (typeof value === 'string') {
    return value.trim().length > 0 && !isReference(value);
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(holdsNonReference);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).some(holdsNonReference);
  }
  return false;
}
