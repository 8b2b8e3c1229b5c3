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

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  evaluatePartnerRules,
  readPartnersConfig,
} from '@partner-governance/plugin-partners-common';
import { dump } from 'js-yaml';
import { z } from 'zod/v3';
import { failOnFindings, findingOutputOf, parseInput } from './checks';
import { buildEntities, checkEntities } from './entities';
import { createInputSchema, findingOutput } from './inputs';

/** The rule whose findings are refused whatever `failOn` says. */
const OUTSIDE_PACKAGE_RULE = 'identity-overprivileged';

/** Options of {@link createPartnerEntitiesAction}. */
export interface PartnerEntitiesActionOptions {
  /** The root config: its `partners` key holds the policy. */
  config: Config;
  /** The day the rules evaluate as of; today when not given. */
  now?: () => Date;
}

/**
 * `partners:entities:create`: writes the Partner and its first
 * PartnerIntegration, from a template form, as one YAML file in the
 * workspace, after refusing secret values, entities the catalog would
 * reject, an access package the policy does not define, identities that
 * reach outside it, and findings at or above `failOn`.
 */
export function createPartnerEntitiesAction(
  options: PartnerEntitiesActionOptions,
) {
  return createTemplateAction({
    id: 'partners:entities:create',
    description:
      'Writes a Partner and its first PartnerIntegration as YAML into the workspace, refusing secret values, invalid entities, scopes outside the access package and findings at or above failOn.',
    supportsDryRun: true,
    schema: {
      input: () => createInputSchema,
      output: {
        filePath: () =>
          z.string().describe('The file written, relative to the workspace'),
        partnerRef: () => z.string(),
        integrationRef: () => z.string(),
        findings: () =>
          z
            .array(findingOutput)
            .describe('Findings of the new entities below failOn'),
      },
    },
    async handler(ctx) {
      const input = await parseInput(createInputSchema, ctx.input);
      const policy = readPartnersConfig(options.config);
      const packages = Object.keys(policy.accessPackages);
      const { accessPackage } = input.integration;
      if (packages.length && !packages.includes(accessPackage)) {
        throw new InputError(
          `integration.accessPackage: the policy defines no access package "${accessPackage}"; choose one of ${packages.join(
            ', ',
          )}`,
        );
      }

      const entities = buildEntities(input, {
        templateRef: ctx.templateInfo?.entityRef,
        userRef: ctx.user?.ref,
      });
      await checkEntities(entities);

      const findings = evaluatePartnerRules({
        entities: [entities.partner, entities.integration],
        config: policy,
        now: options.now?.() ?? new Date(),
      });
      const outside = findings.filter(f => f.ruleId === OUTSIDE_PACKAGE_RULE);
      failOnFindings(outside, 'low');
      failOnFindings(findings, input.failOn);

      const directory = resolveSafeChildPath(
        ctx.workspacePath,
        input.targetPath,
      );
      const file = path.join(
        directory,
        `${entities.partner.metadata.name}.yaml`,
      );
      const filePath = path.relative(ctx.workspacePath, file);
      const text = [entities.partner, entities.integration]
        .map(entity => dump(entity, { noRefs: true, lineWidth: -1 }))
        .join('---\n');
      await fs.mkdir(directory, { recursive: true });
      try {
        await fs.writeFile(file, text, { flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new InputError(
            `${filePath} already exists in the workspace; a partner is onboarded once`,
          );
        }
        throw error;
      }
      ctx.logger.info(
        `Wrote ${filePath} with ${findings.length} finding(s) below ${input.failOn}`,
      );
      ctx.output('filePath', filePath);
      ctx.output('partnerRef', stringifyEntityRef(entities.partner));
      ctx.output('integrationRef', stringifyEntityRef(entities.integration));
      ctx.output('findings', findings.map(findingOutputOf));
    },
  });
}
