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

import { findSecrets } from '@partner-governance/plugin-partners-node';
import type { FileError } from './types';

/** What stands in for a withheld fragment of a message. */
const WITHHELD = '<withheld>';

/** Tells whether a text holds something shaped like a secret value. */
async function holdsSecret(text: string): Promise<boolean> {
  return (await findSecrets(text)).length > 0;
}

/**
 * Returns the text with every word that looks like a secret value replaced.
 * When a secret spans words (a private key header) the whole text is
 * withheld. Used as a last line of defence on messages that may echo the
 * input (validator messages, YAML parser reasons, command line errors).
 */
export async function redactSecrets(text: string): Promise<string> {
  if (!(await holdsSecret(text))) {
    return text;
  }
  const parts = text.split(/(["'`\s,;()[\]{}<>]+)/);
  const redacted = (
    await Promise.all(
      parts.map(async part => ((await holdsSecret(part)) ? WITHHELD : part)),
    )
  ).join('');
  return (await holdsSecret(redacted))
    ? 'details withheld: the message would echo a secret value'
    : redacted;
}

/** A field path with any segment that looks like a secret value dropped. */
async function redactPath(path: string): Promise<string | undefined> {
  if (!(await holdsSecret(path))) {
    return path;
  }
  const segments = path.split('.');
  while (segments.length && (await holdsSecret(segments.join('.')))) {
    segments.pop();
  }
  return segments.length ? segments.join('.') : undefined;
}

/**
 * An error with nothing in it that looks like a secret value: an entity ref,
 * field path or message that would echo one is redacted.
 */
export async function redactFileError(error: FileError): Promise<FileError> {
  const { file, entityRef, path, message } = error;
  const refHoldsSecret = Boolean(entityRef) && (await holdsSecret(entityRef!));
  if (
    !refHoldsSecret &&
    !(path && (await holdsSecret(path))) &&
    !(await holdsSecret(message))
  ) {
    return error;
  }
  const safePath = path && (await redactPath(path));
  return {
    file,
    ...(entityRef && !refHoldsSecret && { entityRef }),
    ...(safePath && { path: safePath }),
    message: await redactSecrets(message),
  };
}
