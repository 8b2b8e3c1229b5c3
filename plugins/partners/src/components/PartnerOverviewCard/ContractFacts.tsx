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

import type { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import type {
  PartnerEntityV1alpha1,
  PartnerRegisterEntry,
} from '@partner-governance/plugin-partners-common';
import {
  daysUntil,
  formatDate,
  formatDateTime,
  humanize,
  NONE,
  relativeDays,
} from '../common/formatters';

type Contract = NonNullable<PartnerEntityV1alpha1['spec']['contract']>;

/** A contract's span and how far its end is. */
function contractText(contract: Contract | undefined): string {
  if (!contract || (!contract.start && !contract.end)) {
    return NONE;
  }
  const span = `${formatDate(contract.start)} → ${formatDate(contract.end)}`;
  const ends = daysUntil(contract.end);
  const when =
    ends !== undefined
      ? ` (${ends >= 0 ? 'ends' : 'ended'} ${relativeDays(ends)})`
      : '';
  return `${span}${when}`;
}

/** Whether the register's contract says what the file's does. */
function sameContract(
  file: Contract | undefined,
  register: PartnerRegisterEntry,
): boolean {
  return (
    (file?.start ?? '') === (register.contractStart ?? '') &&
    (file?.end ?? '') === (register.contractEnd ?? '') &&
    (file?.status ?? '') === register.contractStatus
  );
}

/**
 * The partner's contract, with where it comes from once the backend said:
 * the partner register (the CRM export, which the contract rules use where
 * it lists the partner) or the partner file.
 */
export function ContractFacts(props: {
  partner: PartnerEntityV1alpha1;
  /** The partner's details from the backend; undefined until they are read. */
  details?: { register?: PartnerRegisterEntry };
  field: (label: string, children: ReactNode) => ReactNode;
}) {
  const { partner, details, field } = props;
  const file = partner.spec.contract;
  const register = details?.register;
  if (!register) {
    return (
      <>
        {field(
          'Contract',
          <>
            {contractText(file)}
            {details && (
              <Typography
                variant="caption"
                component="div"
                color="textSecondary"
              >
                From the partner file
              </Typography>
            )}
          </>,
        )}
        {field('Contract status', humanize(file?.status))}
      </>
    );
  }
  return (
    <>
      {field(
        'Contract',
        <>
          {contractText({
            start: register.contractStart,
            end: register.contractEnd,
          })}
          <Typography variant="caption" component="div" color="textSecondary">
            {`From the partner register (row ${
              register.row
            }), read ${formatDateTime(register.readAt)}`}
          </Typography>
          {!sameContract(file, register) && (
            <Typography variant="caption" component="div" color="error">
              {`The partner file says ${contractText(file)}, ${humanize(
                file?.status,
              ).toLocaleLowerCase('en-US')}`}
            </Typography>
          )}
        </>,
      )}
      {field('Contract status', humanize(register.status))}
      {field('Renewal date', formatDate(register.renewalDate))}
      {field('Commercial owner', register.commercialOwner ?? NONE)}
    </>
  );
}
