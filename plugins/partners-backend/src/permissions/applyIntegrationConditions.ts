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

import type {
  PermissionCondition,
  PermissionCriteria,
  PermissionRuleParams,
} from '@backstage/plugin-permission-common';
import {
  createConditionTransformer,
  type PermissionRule,
  type PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { IntegrationQuery, IntegrationResource } from './resource';
import { partnersIntegrationRules } from './rules';

const ruleset: PermissionRuleset<
  IntegrationResource,
  IntegrationQuery,
  'partners-integration'
> = {
  getRuleByName(name) {
    const rule = Object.values(partnersIntegrationRules).find(
      r => r.name === name,
    );
    if (!rule) {
      throw new InputError(`Unknown partners-integration rule ${name}`);
    }
    return rule as PermissionRule<
      IntegrationResource,
      IntegrationQuery,
      'partners-integration',
      PermissionRuleParams
    >;
  },
};

const transform = createConditionTransformer(ruleset);

/** Options of {@link applyIntegrationConditions}. */
export interface ApplyIntegrationConditionsOptions {
  /** Table name or alias to qualify columns with, when the query joins. */
  table?: string;
}

/**
 * Narrows a query over the `integrations` table to the rows a CONDITIONAL
 * decision allows, for list endpoints: the decision's conditions become
 * nested `where` clauses (allOf → AND, anyOf → OR, not → NOT).
 *
 * @param query - a query selecting from `integrations` (or joining it)
 * @param conditions - `decision.conditions` of a CONDITIONAL decision
 * @returns the same query, narrowed
 * @throws InputError when a condition names an unknown rule or bad params
 */
export function applyIntegrationConditions<T extends Knex.QueryBuilder>(
  query: T,
  conditions: PermissionCriteria<PermissionCondition<'partners-integration'>>,
  options: ApplyIntegrationConditionsOptions = {},
): T {
  const criteria = transform(conditions);
  const column = (key: IntegrationQuery['key']) =>
    options.table ? `${options.table}.${key}` : key;
  const apply = (
    builder: Knex.QueryBuilder,
    node: PermissionCriteria<IntegrationQuery>,
  ): void => {
    if ('allOf' in node) {
      if (node.allOf.length === 0) {
        builder.whereRaw('1 = 1');
        return;
      }
      builder.where(b => {
        for (const child of node.allOf) {
          b.andWhere(c => apply(c, child));
        }
      });
    } else if ('anyOf' in node) {
      if (node.anyOf.length === 0) {
        builder.whereRaw('1 = 0');
        return;
      }
      builder.where(b => {
        for (const child of node.anyOf) {
          b.orWhere(c => apply(c, child));
        }
      });
    } else if ('not' in node) {
      builder.whereNot(b => apply(b, node.not));
    } else if (node.values.length === 0) {
      builder.whereRaw('1 = 0');
    } else {
      builder.whereIn(column(node.key), node.values);
    }
  };
  query.where(b => apply(b, criteria));
  return query;
}
