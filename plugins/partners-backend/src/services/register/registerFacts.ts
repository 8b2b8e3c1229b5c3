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

import type { Entity } from '@backstage/catalog-model';
import {
  entityRefKey,
  isPartnerEntityV1alpha1,
  RULES,
  toDayNumber,
  type Finding,
  type PartnerEntityV1alpha1,
  type RuleId,
} from '@partner-governance/plugin-partners-common';
import type { EvaluatedFinding } from '../../database/FindingsStore';
import type { RegisterSnapshot } from '../../database/DatabasePartnerRegisterStore';
import {
  lookupOf,
  partnerKeysOf,
  registerRowFor,
  ungovernedRefOf,
  type RegisterRow,
} from './registerKeys';

/** The file rules that read a partner's contract. */
const CONTRACT_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'contract-ended-access-active',
  'contract-ending-no-offboarding',
]);

/** The contract a register row gives a Partner: the row's, whole. */
function contractOf(
  row: RegisterRow,
): NonNullable<PartnerEntityV1alpha1['spec']['contract']> {
  return {
    ...(row.contractStart && { start: row.contractStart }),
    ...(row.contractEnd && { end: row.contractEnd }),
    status: row.contractStatus,
  };
}

/** Whether a row's contract has ended on the day `today` (a day number). */
function ended(row: RegisterRow, today: number): boolean {
  if (row.contractStatus === 'terminated' || row.contractStatus === 'expired') {
    return true;
  }
  const end = row.contractEnd ? toDayNumber(row.contractEnd) : undefined;
  return end !== undefined && end < today;
}

/** What the register changes in one evaluation of the rules. */
export interface RegisterOverlay {
  /** The entities, each Partner the register lists with the register's contract. */
  entities: Entity[];
  /**
   * Adds to a contract rule's finding about a partner whose contract came
   * from the register that it did, and when the register was read.
   */
  annotate(finding: Finding, partnerRef: string | undefined): Finding;
  /** `partner-ungoverned`: the register's live contracts that no Partner matches. */
  ungoverned: EvaluatedFinding[];
  /** The row each Partner matched, by the Partner's ref. */
  links: Map<string, RegisterRow>;
}

/**
 * The entities with the partner register's contract in place of what their
 * files declare, for every Partner a register row matches (by its CRM
 * account, else its name or title): the row's start, end and status, with
 * what the row leaves empty empty. The rows that no Partner matches and whose
 * contract has not ended (not terminated or expired, end date not past)
 * raise `partner-ungoverned`, filed under the ref a Partner for them would
 * have.
 *
 * @internal
 */
export function withRegister(
  entities: Entity[],
  snapshot: RegisterSnapshot,
  now: Date,
): RegisterOverlay {
  const { readAt, rows, crmAccounts } = snapshot;
  if (!readAt || rows.length === 0) {
    return {
      entities,
      annotate: finding => finding,
      ungoverned: [],
      links: new Map(),
    };
  }
  const lookup = lookupOf(rows);
  const matched = new Set<string>();
  const used = new Map<string, RegisterRow>();
  const result = entities.map(entity => {
    if (!isPartnerEntityV1alpha1(entity)) {
      return entity;
    }
    const ref = entityRefKey({
      kind: entity.kind,
      namespace: entity.metadata.namespace,
      name: entity.metadata.name,
    });
    const keys = partnerKeysOf(entity, crmAccounts?.get(ref));
    const row = registerRowFor(keys, lookup);
    if (!row) {
      return entity;
    }
    matched.add(row.nameKey);
    used.set(ref, row);
    return { ...entity, spec: { ...entity.spec, contract: contractOf(row) } };
  });

  const today = toDayNumber(now)!;
  const rule = RULES['partner-ungoverned'];
  const ungoverned: EvaluatedFinding[] = rows
    .filter(row => !matched.has(row.nameKey) && !ended(row, today))
    .map(row => {
      const ref = ungovernedRefOf(row.nameKey);
      const account = row.crmAccount ? ` (CRM account ${row.crmAccount})` : '';
      const until = row.contractEnd ? ` until ${row.contractEnd}` : '';
      return {
        ruleId: rule.id,
        severity: rule.severity,
        frameworks: [...rule.frameworks],
        entityRef: ref,
        partnerRef: ref,
        message: `The partner register lists "${row.partnerName}"${account}, ${row.status}${until}, and no Partner entity matches it by CRM account or name (register row ${row.row}, read at ${readAt})`,
      };
    });

  return {
    entities: result,
    annotate(finding, partnerRef) {
      const row =
        partnerRef && CONTRACT_RULES.has(finding.ruleId)
          ? used.get(partnerRef)
          : undefined;
      return row
        ? {
            ...finding,
            message: `${finding.message} (contract from the partner register, row ${row.row}, read at ${readAt})`,
          }
        : finding;
    },
    ungoverned,
    links: used,
  };
}
