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

import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  isPartnerIntegrationEntityV1alpha1,
  type PartnerIntegrationEntityV1alpha1,
} from '@partner-governance/plugin-partners-common';
import useAsync, { type AsyncState } from 'react-use/esm/useAsync';
import { IdentitiesTable, identityRows } from '../common/IdentitiesTable';
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
 * Every non-human identity of the partner's integrations. The partners API
 * serves no identities per partner, so they are read from the integration
 * entities in the catalog (their `spec.identities`, never a secret) and
 * joined with the partner's open findings.
 */
export function PartnerIdentitiesContent() {
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
  const rows = identityRows(
    (entities.value ?? []).map(entity => ({
      entityRef: stringifyEntityRef(entity),
      title: entity.metadata.title,
      owner: entity.spec.owner,
      accessPackage: entity.spec.accessPackage,
      identities: entity.spec.identities,
    })),
    details.value?.findings ?? [],
  );
  if (rows.length === 0) {
    return (
      <InfoCard title="Identities">
        <EmptyState
          missing="data"
          title="No identities"
          description="No integration of this partner declares a non-human identity."
        />
      </InfoCard>
    );
  }
  return <IdentitiesTable rows={rows} showIntegration />;
}
