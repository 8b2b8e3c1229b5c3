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
  IDENTITY_TYPES,
  toDayNumber,
} from '@partner-governance/plugin-partners-common';
import { redactSecretsOfAll } from '../secrets/guard';
import type { ObservedIdentity } from './types';

/** Limits on what a source may hand over for one identity. @public */
export const OBSERVED_IDENTITY_LIMITS = {
  externalIdLength: 1024,
  textLength: 253,
  scopes: 1000,
  attributes: 50,
  attributeLength: 1024,
  dateLength: 40,
} as const;

/** Control characters (C0, DEL, C1): never part of a name. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const DATE_FIELDS = ['created', 'lastUsed', 'lastRotated', 'expires'] as const;

/**
 * An observed identity as the backend may keep it, or why it may not:
 * the one identity is refused, the others of the page are kept. The reason
 * names the field and, where it is safe to show, the identity; it never
 * quotes a value.
 *
 * @public
 */
export type CheckedObservedIdentity =
  | {
      identity: ObservedIdentity;
      /** Fields whose secret-looking values were replaced. */
      redacted: string[];
    }
  | { error: string };

function isText(value: unknown, max: number): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= max &&
    !CONTROL.test(value)
  );
}

const textRule = (max: number) =>
  `must be text of 1 to ${max} characters without control characters`;

/** Why a value is not an observed identity, by field, if it is not. */
function shapeProblem(value: unknown): string | undefined {
  const limits = OBSERVED_IDENTITY_LIMITS;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return 'is not an object';
  }
  const v = value as Record<string, unknown>;
  if (!isText(v.externalId, limits.externalIdLength)) {
    return `externalId ${textRule(limits.externalIdLength)}`;
  }
  if (!isText(v.name, limits.textLength)) {
    return `name ${textRule(limits.textLength)}`;
  }
  if (!IDENTITY_TYPES.includes(v.type as (typeof IDENTITY_TYPES)[number])) {
    return `type must be one of ${IDENTITY_TYPES.join(', ')}`;
  }
  if (v.partner !== undefined && !isText(v.partner, limits.textLength)) {
    return `partner ${textRule(limits.textLength)}`;
  }
  if (
    !Array.isArray(v.scopes) ||
    v.scopes.length > limits.scopes ||
    !v.scopes.every(scope => isText(scope, limits.textLength))
  ) {
    return `scopes must be a list of at most ${limits.scopes} texts of 1 to ${limits.textLength} characters without control characters`;
  }
  for (const field of DATE_FIELDS) {
    const date = v[field];
    if (
      date !== undefined &&
      (typeof date !== 'string' ||
        date.length > limits.dateLength ||
        toDayNumber(date) === undefined)
    ) {
      return `${field} must be an ISO-8601 date or timestamp of at most ${limits.dateLength} characters`;
    }
  }
  if (v.status !== 'active' && v.status !== 'disabled') {
    return 'status must be active or disabled';
  }
  return v.attributes === undefined
    ? undefined
    : attributesProblem(v.attributes);
}

function attributesProblem(attributes: unknown): string | undefined {
  const limits = OBSERVED_IDENTITY_LIMITS;
  if (
    !attributes ||
    typeof attributes !== 'object' ||
    Array.isArray(attributes)
  ) {
    return 'attributes must be an object';
  }
  const entries = Object.entries(attributes);
  if (entries.length > limits.attributes) {
    return `attributes must hold at most ${limits.attributes} entries`;
  }
  for (const [key, value] of entries) {
    if (!isText(key, limits.textLength)) {
      return `attributes: a key ${textRule(limits.textLength)}`;
    }
    const fits =
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (typeof value === 'string' && value.length <= limits.attributeLength);
    if (!fits) {
      return `attributes.${key} must be a finite number, a boolean or text of at most ${limits.attributeLength} characters`;
    }
  }
  return undefined;
}

/** The fields that name an identity: a secret there refuses it whole. */
const NAMING_FIELDS = new Set(['externalId', 'name', 'partner']);

/**
 * Checks what a source handed over before anything keeps it: the shape and
 * limits of {@link ObservedIdentity}, and the secret guard over every value
 * (a source must never hand over a secret; one that does has its value
 * replaced, or the identity refused when the secret is in what names it).
 *
 * @public
 */
export async function checkObservedIdentities(
  sourceId: string,
  page: readonly unknown[],
): Promise<CheckedObservedIdentity[]> {
  const problems = page.map(shapeProblem);
  const redacted = await redactSecretsOfAll(page);
  return page.map((value, index) => {
    const position = `identity ${index + 1} of a page of source ${sourceId}`;
    const problem = problems[index];
    const { document, findings } = redacted[index];
    const paths = findings.map(finding => finding.path.split(/[.[]/)[0]);
    if (paths.some(path => NAMING_FIELDS.has(path) || path === '')) {
      return {
        error: `${position} holds a secret value in what names it; it is not kept`,
      };
    }
    if (problem) {
      const externalId = (value as { externalId?: unknown })?.externalId;
      const named = isText(
        externalId,
        OBSERVED_IDENTITY_LIMITS.externalIdLength,
      )
        ? `identity ${externalId} of source ${sourceId}`
        : position;
      return { error: `${named}: ${problem}` };
    }
    return {
      identity: document as ObservedIdentity,
      redacted: findings.map(finding => finding.path),
    };
  });
}
