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
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  isPartnerIntegrationEntityV1alpha1,
  type PartnerIntegrationEntityV1alpha1,
} from '@partner-governance/plugin-partners-common';
import useAsync, { type AsyncState } from 'react-use/esm/useAsync';
import { partnersApiRef } from '../../api';
import {
  IDENTITIES_PAGE_SIZE,
  IdentitiesTable,
  type IdentityIntegration,
} from '../common/IdentitiesTable';
import { usePagedList } from '../common/usePagedList';
import { useUniqueId } from '../common/useUniqueId';
import { UndeclaredIdentitiesCard } from './UndeclaredIdentitiesCard';
import { usePartnerDetails } from './usePartnerDetails';

/**
 * The partner's integration entities from the catalog, for the integrations
 * `GET /partners/{ref}` lists.
 */
export function usePartnerIntegrationEntities(
  integrationRefs: string[],
): AsyncState<PartnerIntegrationEntityV1alpha1[]> {
  const catalogApi = useApi(catalogApiRef);
  const refsKey = integrationRefs.join(',');
  return useAsync(async () => {
    if (integrationRefs.length === 0) {
      return [];
    }
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: integrationRefs,
      fields: [
        'apiVersion',
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec',
      ],
    });
    return items.filter(
      (e): e is PartnerIntegrationEntityV1alpha1 =>
        Boolean(e) && isPartnerIntegrationEntityV1alpha1(e!),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, refsKey]);
}

/**
 * Every live non-human identity of the partner's integrations
 * (`GET /partners/{ref}/identities`), paged on the server, with what their
 * identity sources observe and the rules of their open findings; filtered to
 * one integration on the server. Below, the partner's undeclared (shadow)
 * identities.
 */
export function PartnerIdentitiesContent() {
  const details = usePartnerDetails();
  const { partnerRef } = details;
  const partnersApi = useApi(partnersApiRef);
  const [integration, setIntegration] = useState('');
  const filterId = useUniqueId('partners-identities-integration');
  const list = usePagedList(`${partnerRef} ${integration}`, cursor =>
    partnersApi.listPartnerIdentities(partnerRef, {
      ...(integration ? { integration } : {}),
      limit: IDENTITIES_PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    }),
  );
  const integrationList = details.value?.integrations;
  const integrations = useMemo(
    () =>
      new Map<string, IdentityIntegration>(
        (integrationList ?? []).map(i => [
          i.entityRef.toLocaleLowerCase('en-US'),
          { title: i.title, owner: i.owner },
        ]),
      ),
    [integrationList],
  );

  if (details.loading) {
    return <Progress />;
  }
  if (details.error) {
    return <ResponseErrorPanel error={details.error} />;
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Identities" noPadding>
          {(integrationList?.length ?? 0) > 1 && (
            <Box px={2} pt={1}>
              <TextField
                select
                id={filterId}
                label="Integration"
                SelectProps={{ displayEmpty: true }}
                InputLabelProps={{ shrink: true }}
                value={integration}
                onChange={e => setIntegration(e.target.value)}
                margin="dense"
                style={{ minWidth: 240 }}
              >
                <MenuItem value="">All integrations</MenuItem>
                {integrationList!.map(i => (
                  <MenuItem key={i.entityRef} value={i.entityRef}>
                    {i.title ?? i.entityRef.replace(/^[^:]*:(default\/)?/, '')}
                  </MenuItem>
                ))}
              </TextField>
            </Box>
          )}
          <IdentitiesTable
            list={list}
            integrations={integrations}
            showIntegration={!integration}
            emptyContent={
              <EmptyState
                missing="data"
                title="No identities"
                description={
                  integration
                    ? 'This integration holds no live non-human identity.'
                    : 'No integration of this partner holds a live non-human identity.'
                }
              />
            }
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <UndeclaredIdentitiesCard partnerRef={partnerRef} />
      </Grid>
    </Grid>
  );
}
