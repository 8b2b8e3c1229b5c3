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
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { UndeclaredIdentity } from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { DateWithAge, RelativeDateTime } from '../common/DateCells';
import { humanize } from '../common/formatters';
import { PagedTable, type PagedTableColumn } from '../common/PagedTable';
import { ScopeChips } from '../common/ScopeChips';
import { usePagedList } from '../common/usePagedList';

/** Undeclared identities per server page. */
const UNDECLARED_PAGE_SIZE = 25;

const columns: PagedTableColumn<UndeclaredIdentity>[] = [
  { title: 'Source', field: 'sourceId' },
  {
    title: 'External id',
    render: row => (
      <Typography variant="body2" style={{ overflowWrap: 'anywhere' }}>
        {row.externalId}
      </Typography>
    ),
  },
  { title: 'Name', field: 'name' },
  { title: 'Type', render: row => humanize(row.type) },
  { title: 'Scopes', render: row => <ScopeChips scopes={row.scopes} /> },
  { title: 'Last used', render: row => <DateWithAge date={row.lastUsed} /> },
  {
    title: 'First seen',
    render: row => <RelativeDateTime value={row.firstSeenAt} />,
  },
];

/**
 * The partner's shadow identities (`GET /partners/{ref}/undeclared-identities`):
 * active identities the identity sources attribute to the partner that no
 * integration declares, paged on the server; a quiet line when there are
 * none.
 */
export function UndeclaredIdentitiesCard(props: { partnerRef: string }) {
  const { partnerRef } = props;
  const partnersApi = useApi(partnersApiRef);
  const list = usePagedList(partnerRef, cursor =>
    partnersApi.listUndeclaredIdentities(partnerRef, {
      limit: UNDECLARED_PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    }),
  );
  return (
    <InfoCard
      title="Undeclared identities"
      subheader="Active identities the identity sources attribute to this partner that no integration declares"
      noPadding
    >
      <PagedTable
        rowKey={row => `${row.sourceId} ${row.externalId}`}
        itemsLabel="undeclared identities"
        columns={columns}
        list={list}
        emptyContent={
          <Box px={2} py={1}>
            <Typography variant="body2" color="textSecondary">
              None: the identity sources attribute no undeclared identity to
              this partner.
            </Typography>
          </Box>
        }
      />
    </InfoCard>
  );
}
