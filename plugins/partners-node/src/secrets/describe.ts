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

import type { SecretFinding } from './guard';

/**
 * The message for a secret finding. It never includes the value.
 *
 * @public
 */
export function describeSecretFinding(finding: SecretFinding): string {
  return `${finding.path || 'the document'} holds a secret value (${
    finding.shape
  }); partner files must name where a secret lives (secretRef: vault:..., an ARN), never the secret itself`;
}

/**
 * The name of the error that rejects a document holding secret values. The
 * catalog keeps it (as the cause of its processing error) in the status of
 * the entity's last good version, where the governance backend finds it.
 *
 * @public
 */
export const SECRET_VALUE_ERROR_NAME = 'SecretValueError';

/**
 * Rejects a document that holds secret values. Its message and its
 * `findings` say where each value is and what it looks like, never what it
 * is, so the error may be stored and shown.
 *
 * @public
 */
export class SecretValueError extends Error {
  override readonly name = SECRET_VALUE_ERROR_NAME;

  constructor(readonly findings: SecretFinding[], subject?: string) {
    const described = findings.map(describeSecretFinding).join('; ');
    super(subject ? `${subject}: ${described}` : described);
  }
}
