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

import { Grid } from '@material-ui/core';
import {
  EntityAboutCard,
  EntityLayout,
  EntityLinksCard,
} from '@backstage/plugin-catalog';
import { EntityCatalogGraphCard } from '@backstage/plugin-catalog-graph';
import {
  EntityRelationCard,
  entityDataTableColumns,
} from '@backstage/plugin-catalog-react/alpha';
import {
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import {
  EntityPartnerIntegrationExceptionsContent,
  EntityPartnerIntegrationFindingsContent,
  EntityPartnerIntegrationHistoryContent,
  EntityPartnerIntegrationIdentitiesContent,
  EntityPartnerIntegrationOverviewCard,
} from '@partner-governance/plugin-partners';
import { entityWarningContent } from './content';
import {
  RELATION_ACCESSED_BY,
  RELATION_ACCESSES,
  RELATION_CUSTODIAN_OF,
  RELATION_CUSTODIED_BY,
  graphRelationPairs,
} from './relations';

/*
 * PartnerIntegration (partners.governance.dev/v1alpha1).
 * A PartnerIntegration is `partOf` its Partner and `accesses` the components,
 * APIs, resources and systems listed in its spec.accesses.
 */

const partnerIntegrationGraphRelations = [
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  RELATION_HAS_PART,
  RELATION_ACCESSES,
  RELATION_ACCESSED_BY,
  RELATION_CUSTODIED_BY,
  RELATION_CUSTODIAN_OF,
];

// No defaultKind: accessed entities can be of several kinds, so the kind is
// kept in the displayed reference.
const accessedEntityColumns = [
  entityDataTableColumns.createEntityRefColumn({}),
  entityDataTableColumns.createOwnerColumn(),
  entityDataTableColumns.createSpecTypeColumn(),
  entityDataTableColumns.createMetadataDescriptionColumn(),
];

export const partnerIntegrationPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item md={6} xs={12}>
          <EntityPartnerIntegrationOverviewCard />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityCatalogGraphCard
            height={400}
            maxDepth={1}
            relations={partnerIntegrationGraphRelations}
            relationPairs={graphRelationPairs}
          />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityRelationCard
            title="Accesses"
            relationType={RELATION_ACCESSES}
            columnConfig={accessedEntityColumns}
            emptyState={{
              message: 'This integration does not access any catalog entity.',
            }}
          />
        </Grid>
        <Grid item md={4} xs={12}>
          <EntityLinksCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
    <EntityLayout.Route path="/identities" title="Identities">
      <EntityPartnerIntegrationIdentitiesContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/findings" title="Findings">
      <EntityPartnerIntegrationFindingsContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/exceptions" title="Exceptions">
      <EntityPartnerIntegrationExceptionsContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/history" title="Reviews and decisions">
      <EntityPartnerIntegrationHistoryContent />
    </EntityLayout.Route>
  </EntityLayout>
);
