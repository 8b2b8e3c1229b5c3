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
import Typography from '@material-ui/core/Typography';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  isPartnerEntityV1alpha1,
  ownershipRegister,
  type OwnerRegisterRow,
} from '@partner-governance/plugin-partners-common';
import { usePartnerIntegrationEntities } from './PartnerIdentitiesContent';
import { usePartnerDetails } from './usePartnerDetails';

const columns: TableColumn<OwnerRegisterRow>[] = [
  {
    title: 'Owner',
    field: 'owner',
    render: row => <EntityRefLink entityRef={row.owner} />,
  },
  {
    title: 'Accountable for',
    sorting: false,
    render: row => (
      <Box component="ul" m={0} pl={2}>
        {row.roles.map(role => (
          <li key={role}>
            <Typography variant="body2">{role}</Typography>
          </li>
        ))}
      </Box>
    ),
  },
];

/**
 * The partner's shared ownership register: business owner, stage owners,
 * integration owners and identity custodians (integration owners are the
 * custodians of identities that name none).
 */
export function PartnerOwnersContent() {
  const details = usePartnerDetails();
  const entities = usePartnerIntegrationEntities(
    (details.value?.integrations ?? []).map(i => i.entityRef),
  );
  if (details.loading || entities.loading) {
    return <Progress />;
  }
  const error = details.error ?? entities.error;
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const { entity } = details;
  const rows = isPartnerEntityV1alpha1(entity)
    ? ownershipRegister({
        partner: entity,
        integrations: details.value?.integrations ?? [],
        integrationEntities: entities.value ?? [],
      })
    : [];
  if (rows.length === 0) {
    return (
      <InfoCard title="Ownership register">
        <EmptyState
          missing="data"
          title="No owners"
          description="The partner names no owner."
        />
      </InfoCard>
    );
  }
  return (
    <Table<OwnerRegisterRow>
      title="Ownership register"
      subtitle="Who to call, and whose leaving orphans what"
      columns={columns}
      data={rows}
      options={{
        paging: rows.length > 20,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
        search: false,
        padding: 'dense',
      }}
    />
  );
}
