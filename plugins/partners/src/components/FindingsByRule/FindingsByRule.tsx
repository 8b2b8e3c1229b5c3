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

import { useMemo, useState } from 'react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  compareSeverity,
  RULE_IDS,
  RULES,
  type FindingRuleCount,
} from '@partner-governance/plugin-partners-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { partnersApiRef } from '../../api';
import { SeverityChip } from '../common/SeverityChips';
import { FindingsTable, FrameworkChips } from './FindingsTable';

/** Props of {@link FindingsByRule}. @public */
export interface FindingsByRuleProps {
  /** Only findings of this partner (entity ref). */
  partner?: string;
  title?: string;
}

/** A rule of the catalogue with its finding counts. */
interface RuleRow extends FindingRuleCount {
  description?: string;
}

/**
 * Every rule of the catalogue with the counts the backend serves (rules it
 * knows but this build does not are added); rules with open findings first,
 * worst and most frequent first, then the others in catalogue order.
 */
export function ruleRows(counts: FindingRuleCount[]): RuleRow[] {
  const byId = new Map(counts.map(c => [c.ruleId, c]));
  const rows: RuleRow[] = RULE_IDS.map(ruleId => {
    const rule = RULES[ruleId];
    return {
      ruleId,
      severity: rule.severity,
      title: rule.title,
      frameworks: rule.frameworks,
      description: rule.description,
      open: 0,
      accepted: 0,
      ...byId.get(ruleId),
    };
  });
  const known = new Set<string>(RULE_IDS);
  rows.push(...counts.filter(c => !known.has(c.ruleId)));
  const order = new Map(rows.map((row, i) => [row.ruleId, i]));
  return rows.sort((a, b) => {
    if (a.open > 0 !== b.open > 0) {
      return a.open > 0 ? -1 : 1;
    }
    if (a.open > 0) {
      return (
        compareSeverity(b.severity, a.severity) ||
        b.open - a.open ||
        order.get(a.ruleId)! - order.get(b.ruleId)!
      );
    }
    return order.get(a.ruleId)! - order.get(b.ruleId)!;
  });
}

function countText(row: RuleRow): string {
  if (row.open === 0 && row.accepted === 0) {
    return 'No findings';
  }
  const parts = [`${row.open} open`];
  if (row.accepted > 0) {
    parts.push(`${row.accepted} accepted risk`);
  }
  return parts.join(', ');
}

/**
 * Findings grouped by rule: every rule of the catalogue with its severity,
 * framework ids and exact open and accepted-risk counts
 * (`GET /findings/rules`); opening a rule loads its findings, one server
 * page at a time.
 *
 * @public
 */
export function FindingsByRule(props: FindingsByRuleProps) {
  const { partner, title = 'Findings by rule' } = props;
  const partnersApi = useApi(partnersApiRef);
  const [expanded, setExpanded] = useState<string>();
  const [onlyWithFindings, setOnlyWithFindings] = useState(false);
  const { value, loading, error } = useAsyncRetry(
    () => partnersApi.listFindingRules(partner ? { partner } : {}),
    [partnersApi, partner],
  );
  const rows = useMemo(() => ruleRows(value?.items ?? []), [value]);

  if (loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title={title}>
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }
  const shown = onlyWithFindings
    ? rows.filter(row => row.open > 0 || row.accepted > 0)
    : rows;
  return (
    <InfoCard title={title} noPadding>
      <Box px={2} pt={1}>
        <FormControlLabel
          control={
            <Checkbox
              checked={onlyWithFindings}
              onChange={e => setOnlyWithFindings(e.target.checked)}
            />
          }
          label="Only rules with findings"
        />
      </Box>
      {shown.length === 0 && (
        <Box px={2} pb={2}>
          <Typography variant="body2" color="textSecondary">
            No rule has an open or accepted-risk finding.
          </Typography>
        </Box>
      )}
      {shown.map(row => {
        const { ruleId } = row;
        const open = expanded === ruleId;
        const domId = ruleId.replace(/[^a-z0-9-]/gi, '-');
        return (
          <Accordion
            key={ruleId}
            expanded={open}
            onChange={(_, isOpen) => setExpanded(isOpen ? ruleId : undefined)}
            TransitionProps={{ unmountOnExit: true }}
          >
            <AccordionSummary
              expandIcon={<ExpandMoreIcon />}
              aria-controls={`partners-rule-${domId}-content`}
              id={`partners-rule-${domId}-header`}
            >
              <Box display="flex" flexDirection="column" width="100%">
                <Box
                  display="flex"
                  alignItems="center"
                  flexWrap="wrap"
                  style={{ gap: 8 }}
                >
                  <SeverityChip severity={row.severity} />
                  <Typography variant="subtitle2" component="h3">
                    {row.title}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    {ruleId}
                  </Typography>
                  <Typography
                    variant="body2"
                    color={row.open > 0 ? 'error' : 'textSecondary'}
                  >
                    {countText(row)}
                  </Typography>
                </Box>
                <Box mt={0.5}>
                  <FrameworkChips frameworks={row.frameworks} />
                </Box>
              </Box>
            </AccordionSummary>
            <AccordionDetails id={`partners-rule-${domId}-content`}>
              <Box width="100%">
                {row.description && (
                  <Typography variant="body2" color="textSecondary">
                    {row.description}
                  </Typography>
                )}
                {open && (
                  <FindingsTable
                    hideRule
                    filter={{ ruleId, ...(partner ? { partner } : {}) }}
                    initialStatus={
                      row.open === 0 && row.accepted > 0 ? 'accepted' : 'open'
                    }
                  />
                )}
              </Box>
            </AccordionDetails>
          </Accordion>
        );
      })}
    </InfoCard>
  );
}
