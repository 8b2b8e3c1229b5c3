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
  PARTNER_INTEGRATION_TYPES,
  PARTNER_TYPES,
  RISK_TIERS,
  SEVERITIES,
  type Severity,
} from '@partner-governance/plugin-partners-common';
import { z } from 'zod/v3';

/*
 * The inputs of the partners actions, with a limit on every field. The
 * scaffolder checks a step's input against the JSON Schema made from these
 * before the action runs; the actions parse it again, so that a direct call
 * meets the same limits.
 */

/** The most characters of one action's input, as JSON. */
export const MAX_INPUT_CHARACTERS = 64 * 1024;

/** Limits of single fields and lists. */
const LIMITS = {
  /** The catalog's own limit on entity names. */
  name: 63,
  ref: 255,
  title: 200,
  text: 1000,
  date: 32,
  scope: 253,
  dataClasses: 20,
  accesses: 50,
  identities: 20,
  scopes: 50,
  paths: 20,
  path: 255,
} as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => text(max).optional();
const ref = (description: string) => text(LIMITS.ref).describe(description);
const date = (description: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(LIMITS.date)
    .describe(`${description} (an ISO-8601 date, e.g. 2026-03-01)`);

const environment = z.enum(['production', 'staging', 'sandbox']);

/** The partner fields of `partners:entities:create`. */
const partnerInput = z
  .object({
    name: text(LIMITS.name).describe('Entity name of the partner'),
    title: optionalText(LIMITS.title).describe('Display name'),
    description: optionalText(LIMITS.text).describe('What the partnership is'),
    type: z.enum(PARTNER_TYPES).describe('The kind of partnership'),
    owner: ref('Business owner: a Group or User ref'),
    stageOwners: z
      .object({
        onboarding: ref('Owner of onboarding').optional(),
        enablement: ref('Owner of enablement').optional(),
        measurement: ref('Owner of measurement').optional(),
        offboarding: ref('Owner of offboarding').optional(),
      })
      .strict()
      .default({})
      .describe('Owner of each lifecycle stage'),
    riskTier: z.enum(RISK_TIERS).describe('Third-party risk tier'),
    dataAccess: z
      .array(text(LIMITS.title))
      .max(LIMITS.dataClasses)
      .default([])
      .describe('Data classes the partner reaches, e.g. customer-pii'),
    dueDiligence: z
      .object({
        reference: optionalText(LIMITS.title).describe(
          'Reference of the due diligence, e.g. TPRM-1042',
        ),
        completed: date('When it was completed').optional(),
      })
      .strict()
      .optional(),
    contract: z
      .object({
        start: date('Contract start').optional(),
        end: date('Contract end').optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** One identity of the first integration. */
const identityInput = z
  .object({
    name: text(LIMITS.scope).describe('Unique within the integration'),
    type: z.enum(IDENTITY_TYPES),
    scopes: z
      .array(text(LIMITS.scope))
      .max(LIMITS.scopes)
      .default([])
      .describe("Scopes, within the integration's access package"),
    privileged: z.boolean().optional(),
    environment: environment.optional(),
    custodian: ref('Our owner of the credential').optional(),
    secretRef: optionalText(LIMITS.text).describe(
      'Where the secret lives (vault:..., an ARN), never the secret',
    ),
    expires: date('When the credential expires').optional(),
  })
  .strict();

/** The first integration of the partner. */
const integrationInput = z
  .object({
    name: text(LIMITS.name).describe('Entity name of the integration'),
    title: optionalText(LIMITS.title),
    type: z.enum(PARTNER_INTEGRATION_TYPES),
    owner: ref('Our team accountable for the integration'),
    environment: environment.optional(),
    accessPackage: text(LIMITS.ref).describe(
      'A standard access package of the policy (partners.accessPackages)',
    ),
    accesses: z
      .array(ref('An entity the integration accesses'))
      .max(LIMITS.accesses)
      .default([]),
    identities: z
      .array(identityInput)
      .max(LIMITS.identities)
      .default([])
      .describe('The non-human identities granted for the integration'),
  })
  .strict();

/** A severity, or none. */
export type FailOn = Severity | 'none';

const failOn = z
  .enum([...SEVERITIES, 'none'] as [FailOn, ...FailOn[]])
  .default('high')
  .describe('Fail on findings at or above this severity (none: never)');

/** The input of `partners:entities:create`. */
export const createInputSchema = z
  .object({
    partner: partnerInput,
    integration: integrationInput,
    targetPath: text(LIMITS.path)
      .default('partners')
      .describe('Directory of the workspace to write the file into'),
    failOn,
  })
  .strict();

/** The parsed input of `partners:entities:create`. */
export type CreateInput = z.infer<typeof createInputSchema>;

/** The input of `partners:validate`. */
export const validateInputSchema = z
  .object({
    paths: z
      .array(text(LIMITS.path))
      .min(1)
      .max(LIMITS.paths)
      .default(['partners'])
      .describe('Files or directories of the workspace to check'),
    failOn,
  })
  .strict();

/** A finding as the actions output it. */
export const findingOutput = z.object({
  ruleId: z.string(),
  severity: z.enum(SEVERITIES),
  entityRef: z.string(),
  identity: z.string().optional(),
  message: z.string(),
});
