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
  FRAMEWORK_CONTROLS,
  FRAMEWORKS,
  RULES,
  type EvidenceFinding,
  type EvidenceFormat,
  type EvidenceFrameworkControl,
  type EvidencePack,
} from '@partner-governance/plugin-partners-common';

/** What a control is grouped under when the catalog does not know it. */
const OTHER_FRAMEWORK = 'other';

/** Frameworks in the catalog's order, unknown ids last. */
const frameworkRank = (framework: string): number => {
  const rank = (FRAMEWORKS as readonly string[]).indexOf(framework);
  return rank === -1 ? FRAMEWORKS.length : rank;
};

/**
 * Every control of the rule catalog, and any other a finding names, grouped
 * by framework: the rules that test it and the partner's findings against
 * it, with how many are open and how many accepted.
 */
export function frameworkSummary(
  findings: EvidenceFinding[],
): EvidenceFrameworkControl[] {
  const controls = new Map<
    string,
    {
      ruleIds: Set<string>;
      findingIds: number[];
      openFindings: number;
      acceptedRisks: number;
    }
  >();
  const control = (id: string) => {
    let entry = controls.get(id);
    if (!entry) {
      entry = {
        ruleIds: new Set(),
        findingIds: [],
        openFindings: 0,
        acceptedRisks: 0,
      };
      controls.set(id, entry);
    }
    return entry;
  };
  for (const rule of Object.values(RULES)) {
    for (const id of rule.frameworks) {
      control(id).ruleIds.add(rule.id);
    }
  }
  for (const finding of findings) {
    for (const id of finding.frameworks) {
      const entry = control(id);
      entry.ruleIds.add(finding.ruleId);
      entry.findingIds.push(finding.id);
      if (finding.status === 'open') {
        entry.openFindings += 1;
      } else if (finding.status === 'accepted') {
        entry.acceptedRisks += 1;
      }
    }
  }
  return (
    [...controls.entries()]
      .map(([id, entry]) => {
        const known = FRAMEWORK_CONTROLS.get(id);
        return {
          control: id,
          framework: known?.framework ?? OTHER_FRAMEWORK,
          ...(known ? { title: known.title } : {}),
          ruleIds: [...entry.ruleIds].sort(),
          findingIds: entry.findingIds.sort((a, b) => a - b),
          openFindings: entry.openFindings,
          acceptedRisks: entry.acceptedRisks,
        };
      })
      // by framework, then by id in code units, not locale: the same order
      // on every machine
      .sort(
        (a, b) =>
          frameworkRank(a.framework) - frameworkRank(b.framework) ||
          Number(a.control > b.control) - Number(a.control < b.control),
      )
  );
}

/** `<partner-name>-evidence-<date>.<format>`, safe in a header. */
export function evidenceFileName(
  pack: EvidencePack,
  format: EvidenceFormat,
): string {
  const name = pack.partner.entityRef
    .slice(pack.partner.entityRef.lastIndexOf('/') + 1)
    .replace(/[^A-Za-z0-9._-]/g, '_');
  return `${name}-evidence-${pack.generatedAt.slice(0, 10)}.${format}`;
}
