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
import {
  compareSeverity,
  type Finding,
} from '@partner-governance/plugin-partners-common';
import {
  describeSecretFinding,
  findSecrets,
} from '@partner-governance/plugin-partners-node';
import type { z } from 'zod/v3';
import { MAX_INPUT_CHARACTERS, type FailOn } from './inputs';

/** The most findings a failure message lists; it counts the rest. */
const LISTED_FINDINGS = 10;

/**
 * Parses an action's input: its size first, then secret values anywhere in
 * it (the error names the field, never the value), then the schema. Throws
 * an InputError that names the offending field.
 */
export async function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): Promise<z.output<T>> {
  const size = JSON.stringify(input ?? {}).length;
  if (size > MAX_INPUT_CHARACTERS) {
    throw new InputError(
      `The input is ${size} characters of JSON, more than the limit of ${MAX_INPUT_CHARACTERS}`,
    );
  }
  const secrets = await findSecrets(input);
  if (secrets.length) {
    throw new InputError(
      `Refused: ${secrets.map(describeSecretFinding).join('; ')}`,
    );
  }
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      issue => `${issue.path.join('.') || 'the input'}: ${issue.message}`,
    );
    throw new InputError(`Invalid input: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** The findings at or above a severity; none for `none`. */
function findingsAtOrAbove(
  findings: readonly Finding[],
  failOn: FailOn,
): Finding[] {
  if (failOn === 'none') {
    return [];
  }
  return findings.filter(f => compareSeverity(f.severity, failOn) >= 0);
}

/** One finding on one line. */
function describeFinding(finding: Finding): string {
  const identity = finding.identity ? `, identity ${finding.identity}` : '';
  return `${finding.ruleId} (${finding.severity}) on ${finding.entityRef}${identity}: ${finding.message}`;
}

/** Throws an InputError listing the findings at or above `failOn`. */
export function failOnFindings(
  findings: readonly Finding[],
  failOn: FailOn,
): void {
  const failing = findingsAtOrAbove(findings, failOn);
  if (!failing.length) {
    return;
  }
  const listed = failing.slice(0, LISTED_FINDINGS).map(describeFinding);
  const more = failing.length - listed.length;
  throw new InputError(
    `${failing.length} finding${
      failing.length === 1 ? '' : 's'
    } at or above ${failOn}: ${listed.join('; ')}${
      more > 0 ? `; and ${more} more` : ''
    }`,
  );
}

/** A finding as the actions output it. */
export function findingOutputOf(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    entityRef: finding.entityRef,
    ...(finding.identity !== undefined && { identity: finding.identity }),
    message: finding.message,
  };
}
