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

import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { checkPaths, type FileError } from '@partner-governance/partners-cli';
import { readPartnersConfig } from '@partner-governance/plugin-partners-common';
import { z } from 'zod/v3';
import { failOnFindings, findingOutputOf, parseInput } from './checks';
import { findingOutput, validateInputSchema } from './inputs';

/** The most errors a failure message lists; it counts the rest. */
const LISTED_ERRORS = 10;

/** Options of {@link createValidatePartnersAction}. */
export interface ValidatePartnersActionOptions {
  /** The root config: its `partners` key holds the policy. */
  config: Config;
  /** The day the rules evaluate as of; today when not given. */
  now?: () => Date;
}

function describeError(error: FileError, workspacePath: string): string {
  const where = [
    path.relative(workspacePath, error.file),
    error.entityRef,
    error.path,
  ].filter(Boolean);
  return `${where.join(' ')}: ${error.message}`;
}

/**
 * `partners:validate`: checks partner files of the workspace exactly as the
 * `partners report` command line does in the partner repository's CI (the
 * same reader, schemas, secret guard and rules), and fails on any error or
 * on findings at or above `failOn`.
 */
export function createValidatePartnersAction(
  options: ValidatePartnersActionOptions,
) {
  return createTemplateAction({
    id: 'partners:validate',
    description:
      'Checks partner files of the workspace as the partners command line does, failing on invalid entities, secret values and findings at or above failOn.',
    supportsDryRun: true,
    schema: {
      input: () => validateInputSchema,
      output: {
        entities: () => z.number().describe('How many entities were read'),
        findings: () =>
          z.array(findingOutput).describe('Findings of the files below failOn'),
      },
    },
    async handler(ctx) {
      const input = await parseInput(validateInputSchema, ctx.input);
      const paths = input.paths.map(p =>
        resolveSafeChildPath(ctx.workspacePath, p),
      );
      const { report } = await checkPaths({
        paths,
        config: readPartnersConfig(options.config),
        now: options.now?.() ?? new Date(),
        findings: true,
      }).catch((error: Error) => {
        if (!error.message.startsWith('Cannot read ')) {
          throw error;
        }
        // A path that does not exist, said without the workspace's location.
        const prefix = `${ctx.workspacePath}${path.sep}`;
        throw new InputError(error.message.split(prefix).join(''));
      });
      for (const skipped of report.skipped) {
        ctx.logger.warn(
          `Skipped ${path.relative(ctx.workspacePath, skipped.path)}: ${
            skipped.reason
          }`,
        );
      }
      if (report.errors.length) {
        const listed = report.errors
          .slice(0, LISTED_ERRORS)
          .map(error => describeError(error, ctx.workspacePath));
        const more = report.errors.length - listed.length;
        throw new InputError(
          `${report.errors.length} error${
            report.errors.length === 1 ? '' : 's'
          } in the partner files: ${listed.join('; ')}${
            more > 0 ? `; and ${more} more` : ''
          }`,
        );
      }
      if (report.entities === 0) {
        throw new InputError(
          `No entities in ${input.paths.join(', ')}: nothing to validate`,
        );
      }
      failOnFindings(report.findings, input.failOn);
      ctx.logger.info(
        `${report.entities} entities valid, ${report.findings.length} finding(s) below ${input.failOn}`,
      );
      ctx.output('entities', report.entities);
      ctx.output('findings', report.findings.map(findingOutputOf));
    },
  });
}
