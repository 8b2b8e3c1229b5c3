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

import { useState } from 'react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { InfoCard } from '@backstage/core-components';
import {
  RULE_IDS,
  RULES,
  type RuleId,
} from '@partner-governance/plugin-partners-common';
import { SeverityChip } from '../common/SeverityChips';
import { FindingsTable, FrameworkChips } from './FindingsTable';

/** Props of {@link FindingsByRule}. */
export interface FindingsByRuleProps {
  /** Only findings of this partner (entity ref). */
  partner?: string;
  title?: string;
}

/**
 * Findings grouped by rule: every rule of the catalog with its default
 * severity and framework ids; opening a rule loads its findings, one server
 * page at a time.
 */
export function FindingsByRule(props: FindingsByRuleProps) {
  const { partner, title = 'Findings by rule' } = props;
  const [expanded, setExpanded] = useState<RuleId>();
  return (
    <InfoCard title={title} noPadding>
      {RULE_IDS.map(ruleId => {
        const rule = RULES[ruleId];
        const open = expanded === ruleId;
        return (
          <Accordion
            key={ruleId}
            expanded={open}
            onChange={(_, isOpen) => setExpanded(isOpen ? ruleId : undefined)}
            TransitionProps={{ unmountOnExit: true }}
          >
            <AccordionSummary
              expandIcon={<ExpandMoreIcon />}
              aria-controls={`partners-rule-${ruleId}-content`}
              id={`partners-rule-${ruleId}-header`}
            >
              <Box display="flex" flexDirection="column" width="100%">
                <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                  <SeverityChip severity={rule.severity} />
                  <Typography variant="subtitle2" component="h3">
                    {rule.title}
                  </Typography>
                  <Typography variant="caption" color="textSecondary">
                    {ruleId}
                  </Typography>
                </Box>
                <Box mt={0.5}>
                  <FrameworkChips frameworks={rule.frameworks} />
                </Box>
              </Box>
            </AccordionSummary>
            <AccordionDetails id={`partners-rule-${ruleId}-content`}>
              <Box width="100%">
                <Typography variant="body2" color="textSecondary">
                  {rule.description}
                </Typography>
                {open && (
                  <FindingsTable
                    hideRule
                    filter={{ ruleId, ...(partner ? { partner } : {}) }}
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
