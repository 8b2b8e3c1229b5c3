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
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import GetAppIcon from '@material-ui/icons/GetApp';
import { EmptyState, InfoCard } from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  partnersDetailsReadPermission,
  type AuditEventRecord,
} from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { errorMessage } from '../common/errorMessage';
import { formatDateTime } from '../common/formatters';
import { PagedTable, type PagedTableColumn } from '../common/PagedTable';
import { usePagedList } from '../common/usePagedList';

/** The formats of the evidence pack export. */
type EvidenceFormat = 'json' | 'csv';

/** What changed between an event's before and after, as `key: a → b`. */
export function describeChange(event: AuditEventRecord): string {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const keys = Array.from(
    new Set([...Object.keys(before), ...Object.keys(after)]),
  );
  const show = (value: unknown) =>
    value === undefined ? '∅' : JSON.stringify(value);
  return keys
    .filter(key => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map(key => `${key}: ${show(before[key])} → ${show(after[key])}`)
    .join('; ');
}

/**
 * Downloads the partner's evidence pack (`GET /partners/{ref}/evidence`)
 * through the fetch API, so the request carries the user's token, and saves
 * it as a file.
 */
function useEvidenceDownload(partnerRef: string) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [downloading, setDownloading] = useState<EvidenceFormat>();
  const [error, setError] = useState<string>();
  const download = async (format: EvidenceFormat) => {
    setDownloading(format);
    setError(undefined);
    try {
      const baseUrl = await discoveryApi.getBaseUrl('partners');
      const url = `${baseUrl}/partners/${encodeURIComponent(
        partnerRef,
      )}/evidence?format=${format}`;
      const response = await fetchApi.fetch(url);
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      const blob = await response.blob();
      const objectUrl = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = objectUrl;
      link.download = `evidence-${partnerRef.replace(
        /[^a-z0-9-]+/gi,
        '-',
      )}.${format}`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(objectUrl);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setDownloading(undefined);
    }
  };
  return { download, downloading, error };
}

const columns: PagedTableColumn<AuditEventRecord>[] = [
  { title: 'When', render: row => formatDateTime(row.at) },
  { title: 'Who', field: 'actor' },
  { title: 'Action', field: 'action' },
  {
    title: 'Subject',
    render: row =>
      row.subjectType === 'entity' || row.subjectRef.includes(':') ? (
        <EntityRefLink entityRef={row.subjectRef} />
      ) : (
        `${row.subjectType} ${row.subjectRef}`
      ),
  },
  {
    title: 'Change',
    render: row => (
      <Typography variant="body2" style={{ overflowWrap: 'anywhere' }}>
        {describeChange(row)}
      </Typography>
    ),
  },
];

/**
 * The partner's audit trail, newest first and paged on the server, with the
 * evidence pack export (JSON or CSV) for those who may read the partner's
 * details (`partners.details.read`).
 */
export function PartnerAuditContent() {
  const { entity } = useEntity();
  const partnerRef = stringifyEntityRef(entity);
  const partnersApi = useApi(partnersApiRef);
  const { allowed: canExport } = usePermission({
    permission: partnersDetailsReadPermission,
    resourceRef: partnerRef,
  });
  const evidence = useEvidenceDownload(partnerRef);
  const list = usePagedList(partnerRef, cursor =>
    partnersApi.listAuditEvents({
      partner: partnerRef,
      limit: 50,
      ...(cursor ? { cursor } : {}),
    }),
  );

  return (
    <InfoCard title="Audit trail" noPadding>
      {canExport && (
        <Box
          px={2}
          pt={1}
          display="flex"
          alignItems="center"
          style={{ gap: 8 }}
        >
          <Typography variant="body2">Evidence pack:</Typography>
          {(['json', 'csv'] as const).map(format => (
            <Button
              key={format}
              size="small"
              variant="outlined"
              startIcon={<GetAppIcon />}
              disabled={Boolean(evidence.downloading)}
              onClick={() => evidence.download(format)}
            >
              {evidence.downloading === format
                ? 'Exporting…'
                : `Export ${format.toLocaleUpperCase('en-US')}`}
            </Button>
          ))}
        </Box>
      )}
      {evidence.error && (
        <Box px={2} pt={1}>
          <Alert severity="error" role="alert">
            Evidence export failed: {evidence.error}
          </Alert>
        </Box>
      )}
      <PagedTable
        rowKey={row => row.id}
        itemsLabel="audit events"
        columns={columns}
        list={list}
        emptyContent={
          <EmptyState
            missing="data"
            title="No audit events"
            description="No decision about this partner has been recorded yet."
          />
        }
      />
    </InfoCard>
  );
}
