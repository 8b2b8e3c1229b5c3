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
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  isPartnerEntityV1alpha1,
  PARTNER_LIFECYCLE_STAGES,
  type PartnerDetails,
  type PartnerEntityV1alpha1,
  type PartnerIntegrationEntityV1alpha1,
} from '@partner-governance/plugin-partners-common';
import { stageLabel } from '../common/formatters';
import { usePartnerIntegrationEntities } from './PartnerIdentitiesContent';
import { usePartnerDetails } from './usePartnerDetails';

/** One person or team and everything of the partner they are accountable for. */
export interface OwnerRegisterRow {
  /** The owner's entity ref, lower case. */
  owner: string;
  roles: string[];
}

function ownerKey(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group' }));
  } catch {
    return ref.toLocaleLowerCase('en-US');
  }
}

/**
 * The shared ownership register of a partner: its business owner, stage
 * owners, integration owners and identity custodians, one row per owner, so
 * that it is clear who to call and whose leaving orphans what.
 */
export function ownershipRegister(
  partner: PartnerEntityV1alpha1,
  details: PartnerDetails | undefined,
  integrations: PartnerIntegrationEntityV1alpha1[],
): OwnerRegisterRow[] {
  const rows = new Map<string, string[]>();
  const add = (ref: string | undefined, role: string) => {
    if (!ref?.trim()) return;
    const key = ownerKey(ref);
    const roles = rows.get(key) ?? [];
    roles.push(role);
    rows.set(key, roles);
  };
  add(partner.spec.owner, 'Business owner');
  const stageOwners = partner.spec.lifecycle.stageOwners ?? {};
  for (const stage of PARTNER_LIFECYCLE_STAGES) {
    if (stage !== 'offboarded') {
      add(stageOwners[stage], `${stageLabel(stage)} stage owner`);
    }
  }
  for (const integration of details?.integrations ?? []) {
    add(
      integration.owner,
      `Owner of integration ${integration.title ?? integration.entityRef}`,
    );
  }
  for (const integration of integrations) {
    for (const identity of integration.spec.identities ?? []) {
      if (identity.custodian) {
        add(
          identity.custodian,
          `Custodian of ${identity.name} (${integration.metadata.name})`,
        );
      }
    }
  }
  return Array.from(rows, ([owner, roles]) => ({ owner, roles })).sort((a, b) =>
    a.owner.localeCompare(b.owner),
  );
}

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
    ? ownershipRegister(entity, details.value, entities.value ?? [])
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
