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

import { NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionTransformer,
  type PermissionRuleset,
} from '@backstage/plugin-permission-node';
import type { DetailsScope } from '../database/stakeholders';
import type { IntegrationQuery, IntegrationResource } from './resource';
import { partnersIntegrationRules } from './rules';

/** The rules of the partner integration resource type, by name. */
export type IntegrationRuleset = PermissionRuleset<
  IntegrationResource,
  IntegrationQuery
>;

/**
 * The plugin's own integration rules as a ruleset, for where the permissions
 * registry's (which also holds rules that modules add) is not at hand.
 */
export const ownIntegrationRuleset: IntegrationRuleset = {
  getRuleByName(name) {
    const rule = Object.values(partnersIntegrationRules).find(
      candidate => candidate.name === name,
    );
    if (!rule) {
      throw new NotFoundError(`No partners-integration rule named ${name}`);
    }
    return rule;
  },
};

/**
 * What a decision on a partners-integration read permission lets the caller
 * see, for queries: everything, nothing, or the filter its conditions turn
 * into through the rules' `toQuery`.
 */
export function detailsScopeOf(
  decision: PolicyDecision,
  ruleset: IntegrationRuleset,
): DetailsScope {
  if (decision.result === AuthorizeResult.CONDITIONAL) {
    return createConditionTransformer(ruleset)(decision.conditions);
  }
  return decision.result === AuthorizeResult.ALLOW ? 'all' : 'none';
}
