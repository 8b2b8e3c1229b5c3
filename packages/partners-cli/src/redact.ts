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

import { findSecretValues } from '@partner-governance/plugin-partners-common';
import type { FileError } from './types';

/** What stands in for a withheld fragment of a message. */
const WITHHELD = '<withheld>';

/** Tells whether a text holds something shaped like a secret value. */
function holdsSecret(text: string): boolean {
  return findSecretValues(text).length > 0;
}

/**
 * Returns the text with every word that looks like a secret value replaced.
 * When a secret spans words (a private key header) the whole text is
 * withheld. Used as a last line of defence on messages that may echo the
 * input (validator messages, YAML parser reasons, command line errors).
 */
export function redactSecrets(text: string): string {
  if (!holdsSecret(text)) {
    return text;
  }
  const redacted = text
    .split(/(["'`\s,;()[\]{}<>]+)/)
    .map(part => (holdsSecret(part) ? WITHHELD : part))
    .join('');
  return holdsSecret(redacted)
    ? 'details withheld: the message would echo a secret value'
    : redacted;
}

/** A field path with any segment that looks like a secret value dropped. */
function redactPath(path: string): string | undefined {
  if (!holdsSecret(path)) {
    return path;
  }
  const segments = path.split('.');
  while (segments.length && holdsSecret(segments.join('.'))) {
    segments.pop();
  }
  return segments.length ? segments.join('.') : undefined;
}

/**
 * An error with nothing in it that looks like a secret value: an entity ref,
 * field path or message that would echo one is redacted.
 */
export function redactFileError(error: FileError): FileError {
  const { file, entityRef, path, message } = error;
  if (
    !(entityRef && holdsSecret(entityRef)) &&
    !(path && holdsSecret(path)) &&
    !holdsSecret(message)
  ) {
    return error;
  }
  const safePath = path && redactPath(path);
  return {
    file,
    ...(entityRef && !holdsSecret(entityRef) && { entityRef }),
    ...(safePath && { path: safePath }),
    message: redactSecrets(message),
  };
}
