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
import { findSecrets } from '@partner-governance/plugin-partners-node';

/** The longest free text a request may carry (justification, evidence, comment), after trimming. */
const MAX_FREE_TEXT_LENGTH = 4000;

/**
 * A free-text field of a request, trimmed: an InputError naming the field
 * when it is too long or holds a secret value (named by its shape, never
 * echoed), or when it is empty and required. Undefined when empty and
 * optional.
 */
export async function checkFreeText(
  value: string,
  field: string,
  options: {
    required: boolean;
    /** What to write instead of a secret, ending the error message. */
    secretHint: string;
  },
): Promise<string | undefined> {
  const text = value.trim();
  if (!text) {
    if (options.required) {
      throw new InputError(`${field} must not be empty`);
    }
    return undefined;
  }
  if (text.length > MAX_FREE_TEXT_LENGTH) {
    throw new InputError(
      `${field} must be at most ${MAX_FREE_TEXT_LENGTH} characters`,
    );
  }
  const [secret] = await findSecrets(text);
  if (secret) {
    throw new InputError(
      `${field} holds a secret value (${secret.shape}); ${options.secretHint}`,
    );
  }
  return text;
}
