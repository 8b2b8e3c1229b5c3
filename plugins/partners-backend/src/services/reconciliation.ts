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

import { RULES, type RuleId } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import type { EvaluatedFinding } from '../database/FindingsStore';
import { jsonArray } from '../database/json';
import {
  readObservationSnapshot,
  type ObservationSnapshot,
} from './observedFacts';
import {
  DEFAULT_PARTNER_PREFIX,
  splitObservedAs,
  unlistedScopes,
} from './read/observations';

/** A declared identity that names what it is in a source. */
interface DeclaredRow {
  integration_ref: string;
  name: string;
  status: string;
  scopes: string;
  observed_as: string;
  partner_ref: string;
  stage: string;
}

/** How many drifted scopes a message names before it counts the rest. */
const MAX_NAMED_SCOPES = 10;

const finding = (
  ruleId: RuleId,
  fields: Omit<EvaluatedFinding, 'ruleId' | 'severity' | 'frameworks'>,
): EvaluatedFinding => ({
  ruleId,
  severity: RULES[ruleId].severity,
  frameworks: [...RULES[ruleId].frameworks],
  ...fields,
});

function listed(scopes: string[]): string {
  const named = scopes.slice(0, MAX_NAMED_SCOPES).join(', ');
  const more = scopes.length - MAX_NAMED_SCOPES;
  return more > 0 ? `${named} and ${more} more` : named;
}

/**
 * The findings of reconciling what the partner files declare with what the
 * identity sources observe: shadow identities (identity-undeclared),
 * declared identities a source that ran did not see (identity-not-observed),
 * access beyond the declared scopes (identity-scope-drift), and revoked or
 * offboarded identities still active (identity-revocation-not-enforced).
 * A source counts from its first successful run; a failed run changes
 * nothing, since its observations stay those of the last success.
 *
 * @internal
 */
export async function reconciliationFindings(
  db: Knex,
  snapshot?: ObservationSnapshot,
): Promise<EvaluatedFinding[]> {
  const { succeeded, identities: observed } =
    snapshot ?? (await readObservationSnapshot(db));
  if (succeeded.size === 0) {
    return [];
  }
  const declared: DeclaredRow[] = await db('identities as i')
    .join('integrations as g', 'g.entity_ref', 'i.integration_ref')
    .join('partners as p', 'p.entity_ref', 'g.partner_ref')
    .whereNull('i.gone_at')
    .whereNull('g.gone_at')
    .whereNull('p.gone_at')
    .whereNotNull('i.observed_as')
    .select(
      'i.integration_ref',
      'i.name',
      'i.status',
      'i.scopes',
      'i.observed_as',
      'g.partner_ref',
      'p.stage',
    )
    .orderBy(['i.integration_ref', 'i.name']);

  const findings: EvaluatedFinding[] = [];
  const linked = new Set<string>();
  for (const identity of declared) {
    const key = identity.observed_as;
    const { sourceId } = splitObservedAs(key);
    linked.add(key);
    if (!succeeded.has(sourceId)) {
      continue;
    }
    const seen = observed.get(key);
    const base = {
      entityRef: identity.integration_ref,
      identity: identity.name,
      partnerRef: identity.partner_ref,
    };
    const leaving =
      identity.status === 'revoked' || identity.stage === 'offboarded';
    if (!seen) {
      if (!leaving) {
        findings.push(
          finding('identity-not-observed', {
            ...base,
            message: `${identity.name} of ${identity.integration_ref} is declared as ${key}, which source ${sourceId} does not observe`,
          }),
        );
      }
      continue;
    }
    if (leaving && seen.status === 'active') {
      const why =
        identity.status === 'revoked'
          ? 'declared revoked'
          : `of ${identity.partner_ref}, which is offboarded`;
      findings.push(
        finding('identity-revocation-not-enforced', {
          ...base,
          message: `${identity.name} of ${identity.integration_ref} is ${why}, but source ${sourceId} observes ${key} active`,
        }),
      );
    }
    const drifted = unlistedScopes(
      jsonArray(identity.scopes),
      jsonArray(seen.scopes),
    );
    if (drifted.length > 0) {
      findings.push(
        finding('identity-scope-drift', {
          ...base,
          message: `${identity.name} of ${
            identity.integration_ref
          } holds ${listed(
            drifted,
          )} in source ${sourceId}, beyond its declared scopes`,
        }),
      );
    }
  }

  for (const [key, row] of observed) {
    if (row.status !== 'active' || !row.partner || linked.has(key)) {
      continue;
    }
    const partnerRef = `${DEFAULT_PARTNER_PREFIX}${row.partner.toLowerCase()}`;
    findings.push(
      finding('identity-undeclared', {
        entityRef: partnerRef,
        identity: key,
        partnerRef,
        message: `Source ${row.source_id} observes ${row.external_id}, active and attributed to ${partnerRef}, which no declared identity names in observedAs`,
      }),
    );
  }
  return findings;
}
