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
import { RELATION_HAS_PART, RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  EntityPartnerAuditContent,
  EntityPartnerExceptionsContent,
  EntityPartnerFindingsCard,
  EntityPartnerIdentitiesContent,
  EntityPartnerIntegrationsContent,
  EntityPartnerOffboardingContent,
  EntityPartnerOverviewCard,
  EntityPartnerOwnersContent,
  EntityPartnerReviewsContent,
  EntityPartnerScorecardCard,
  PartnerEntityHeaderProvider,
} from '@partner-governance/plugin-partners';
import { entityWarningContent } from './content';
import {
  RELATION_ACCESSES,
  RELATION_CUSTODIED_BY,
  graphRelationPairs,
} from './relations';

/*
 * Partner (partners.governance.dev/v1alpha1).
 * A Partner `hasPart` its PartnerIntegrations; a PartnerIntegration `accesses`
 * the components, APIs, resources and systems listed in its spec.accesses.
 */

// A partner's graph reaches two steps: its integrations, then what they
// access. Only outward relations are followed, so that the owning team's other
// entities do not flood it.
const partnerGraphRelations = [
  RELATION_OWNED_BY,
  RELATION_HAS_PART,
  RELATION_ACCESSES,
  RELATION_CUSTODIED_BY,
];

// PartnerEntityHeaderProvider makes the header print the lifecycle stage
// (a Partner's spec.lifecycle is an object, which EntityLayout would print
// as "[object Object]").
export const partnerPage = (
  <PartnerEntityHeaderProvider>
    <EntityLayout>
      <EntityLayout.Route path="/" title="Overview">
        <Grid container spacing={3} alignItems="stretch">
          {entityWarningContent}
          <Grid item md={8} xs={12}>
            <EntityPartnerOverviewCard />
          </Grid>
          <Grid item md={4} xs={12}>
            <EntityPartnerScorecardCard />
          </Grid>
          <Grid item md={6} xs={12}>
            <EntityAboutCard />
          </Grid>
          <Grid item md={6} xs={12}>
            <EntityCatalogGraphCard
              height={400}
              maxDepth={2}
              relations={partnerGraphRelations}
              relationPairs={graphRelationPairs}
            />
          </Grid>
          <Grid item xs={12}>
            <EntityPartnerFindingsCard />
          </Grid>
          <Grid item md={4} xs={12}>
            <EntityLinksCard />
          </Grid>
        </Grid>
      </EntityLayout.Route>
      <EntityLayout.Route path="/integrations" title="Integrations">
        <EntityPartnerIntegrationsContent />
      </EntityLayout.Route>
      <EntityLayout.Route path="/identities" title="Identities">
        <EntityPartnerIdentitiesContent />
      </EntityLayout.Route>
      <EntityLayout.Route path="/reviews" title="Reviews">
        <EntityPartnerReviewsContent />
      </EntityLayout.Route>
      <EntityLayout.Route path="/owners" title="Owners">
        <EntityPartnerOwnersContent />
      </EntityLayout.Route>
      <EntityLayout.Route path="/exceptions" title="Exceptions">
        <EntityPartnerExceptionsContent />
      </EntityLayout.Route>
      <EntityLayout.Route path="/offboarding" title="Offboarding">
        <EntityPartnerOffboardingContent />
      </EntityLayout.Route>
      <EntityLayout.Route path="/audit" title="Audit">
        <EntityPartnerAuditContent />
      </EntityLayout.Route>
    </EntityLayout>
  </PartnerEntityHeaderProvider>
);
