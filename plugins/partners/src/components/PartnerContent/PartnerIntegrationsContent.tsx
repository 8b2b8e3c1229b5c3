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

import Chip from '@material-ui/core/Chip';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  FindingRecord,
  PartnerIntegrationSummary,
} from '@partner-governance/plugin-partners-common';
import { countSeverities, SeverityChips } from '../common/SeverityChips';
import { humanize, NONE } from '../common/formatters';
import { usePartnerDetails } from './usePartnerDetails';

type Row = PartnerIntegrationSummary & { findings: FindingRecord[] };

const columns: TableColumn<Row>[] = [
  {
    title: 'Integration',
    field: 'entityRef',
    render: row => (
      <EntityRefLink
        entityRef={row.entityRef}
        defaultKind="PartnerIntegration"
        title={row.title}
      />
    ),
  },
  { title: 'Type', field: 'type', render: row => humanize(row.type) },
  {
    title: 'Environment',
    field: 'environment',
    render: row => humanize(row.environment),
  },
  {
    title: 'Owner',
    field: 'owner',
    render: row => <EntityRefLink entityRef={row.owner} defaultKind="group" />,
  },
  {
    title: 'Access package',
    field: 'accessPackage',
    render: row =>
      row.accessPackage ?? (
        <Chip size="small" variant="outlined" label="Missing" />
      ),
  },
  { title: 'Identities', field: 'identityCount', type: 'numeric' },
  {
    title: 'Open findings',
    sorting: false,
    render: row =>
      row.findings.length ? (
        <SeverityChips counts={countSeverities(row.findings)} />
      ) : (
        NONE
      ),
  },
];

/**
 * The partner's integrations with their owner, access package, identity
 * count and open findings.
 */
export function PartnerIntegrationsContent() {
  const { value, loading, error } = usePartnerDetails();
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const findings = value?.findings ?? [];
  const rows: Row[] = (value?.integrations ?? []).map(integration => ({
    ...integration,
    findings: findings.filter(f => f.entityRef === integration.entityRef),
  }));
  if (rows.length === 0) {
    return (
      <InfoCard title="Integrations">
        <EmptyState
          missing="data"
          title="No integrations"
          description="No PartnerIntegration in the catalog names this partner."
        />
      </InfoCard>
    );
  }
  return (
    <Table<Row>
      title="Integrations"
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
