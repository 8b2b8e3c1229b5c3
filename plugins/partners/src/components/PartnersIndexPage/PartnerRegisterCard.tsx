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

import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { PartnerRegisterStatus } from '@partner-governance/plugin-partners-common';
import useAsync from 'react-use/esm/useAsync';
import { partnersApiRef } from '../../api';
import { formatDateTime } from '../common/formatters';

const plural = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`;

function RegisterSummary(props: { register: PartnerRegisterStatus }) {
  const { register } = props;
  return (
    <>
      {register.lastErrorAt && (
        <Typography variant="body2" color="error">
          {`The last read of the register failed (${formatDateTime(
            register.lastErrorAt,
          )}); the register read before stays.${
            register.lastError ? ` ${register.lastError}` : ''
          }`}
        </Typography>
      )}
      {register.lastSuccessAt ? (
        <Typography variant="body2">
          {`Read ${formatDateTime(register.lastSuccessAt)}: ${plural(
            register.rows,
            'partner',
            'partners',
          )}, ${plural(register.rowErrors, 'row', 'rows')} refused.`}
        </Typography>
      ) : (
        <Typography variant="body2">Not read yet.</Typography>
      )}
      {register.errors?.map(error => (
        <Typography
          key={`${error.row}-${error.column ?? ''}`}
          variant="caption"
          component="div"
          color="textSecondary"
        >
          {`Row ${error.row}${error.column ? `, ${error.column}` : ''} ${
            error.message
          }`}
        </Typography>
      ))}
      <Typography
        variant="body2"
        color={register.ungoverned > 0 ? 'error' : 'textPrimary'}
      >
        {register.ungoverned > 0
          ? `${plural(
              register.ungoverned,
              'partner in the register has',
              'partners in the register have',
            )} no Partner entity (partner-ungoverned, under Findings by rule).`
          : 'Every partner with a live contract in the register has a Partner entity.'}
      </Typography>
    </>
  );
}

/**
 * The partner register (the CRM export the contract rules read): when it
 * was last read, what it held and refused, and how many of its partners no
 * Partner entity governs. Nothing when no register is configured.
 */
export function PartnerRegisterCard() {
  const partnersApi = useApi(partnersApiRef);
  const { value, loading, error } = useAsync(
    () => partnersApi.getPartnerRegister(),
    [partnersApi],
  );
  if (loading) {
    return <Progress />;
  }
  if (error || !value?.configured) {
    // the register is an addition to the index: its absence is not an error
    return null;
  }
  return (
    <InfoCard
      title="Partner register"
      subheader="Contract dates and status from the CRM export"
    >
      <RegisterSummary register={value} />
    </InfoCard>
  );
}
