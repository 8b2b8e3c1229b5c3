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

import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  SuspendedIdentity,
  SuspendPartnerResponse,
} from '@partner-governance/plugin-partners-common';
import { NONE } from '../common/formatters';

function itemText(identity: SuspendedIdentity): string {
  return identity.itemId === undefined
    ? ''
    : ` (offboarding item #${identity.itemId})`;
}

/** What suspending did to one identity, for people. */
function outcomeText(identity: SuspendedIdentity): string {
  switch (identity.outcome) {
    case 'revoked':
      return `Revoked in ${
        identity.sourceId ?? 'its source'
      }, awaiting verification by observation${itemText(identity)}`;
    case 'failed':
      return `Failed${identity.detail ? `: ${identity.detail}` : ''}${
        identity.itemId === undefined
          ? ''
          : `; revoke it by hand (offboarding item #${identity.itemId})`
      }`;
    default:
      return `Not revocable through a source: revoke it by hand${itemText(
        identity,
      )}`;
  }
}

function countOf(
  identities: SuspendedIdentity[],
  outcome: SuspendedIdentity['outcome'],
): number {
  return identities.filter(i => i.outcome === outcome).length;
}

/**
 * The outcome of `POST /partners/{ref}/suspend`: per identity, revoked
 * through its source, failed (with why) or not revocable, and the offboarding
 * item that tracks it.
 */
export function SuspensionOutcome(props: { response: SuspendPartnerResponse }) {
  const { identities, checklist } = props.response;
  const revoked = countOf(identities, 'revoked');
  const failed = countOf(identities, 'failed');
  const byHand = countOf(identities, 'not-revocable');
  return (
    <Box>
      <Alert severity={failed > 0 ? 'warning' : 'success'}>
        {`The partner is suspended: ${revoked} revoked, ${failed} failed, ${byHand} not revocable through a source. Offboarding checklist #${checklist.id} tracks every identity until it is verified.`}
      </Alert>
      {identities.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          The partner held no live identity.
        </Typography>
      ) : (
        <Table size="small" aria-label="Suspension outcome">
          <TableHead>
            <TableRow>
              <TableCell>Identity</TableCell>
              <TableCell>Integration</TableCell>
              <TableCell>Source</TableCell>
              <TableCell>Outcome</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {identities.map(identity => (
              <TableRow key={`${identity.integrationRef} ${identity.identity}`}>
                <TableCell>{identity.identity}</TableCell>
                <TableCell>
                  <EntityRefLink
                    entityRef={identity.integrationRef}
                    defaultKind="PartnerIntegration"
                  />
                </TableCell>
                <TableCell>{identity.sourceId ?? NONE}</TableCell>
                <TableCell>
                  <Typography
                    variant="body2"
                    color={identity.outcome === 'failed' ? 'error' : 'inherit'}
                  >
                    {outcomeText(identity)}
                  </Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
