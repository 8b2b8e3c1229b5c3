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

import { Button, Grid } from '@material-ui/core';
import {
  EntityApiDefinitionCard,
  EntityConsumedApisCard,
  EntityConsumingComponentsCard,
  EntityHasApisCard,
  EntityProvidedApisCard,
  EntityProvidingComponentsCard,
} from '@backstage/plugin-api-docs';
import {
  EntityAboutCard,
  EntityDependsOnComponentsCard,
  EntityDependsOnResourcesCard,
  EntityHasComponentsCard,
  EntityHasResourcesCard,
  EntityHasSubcomponentsCard,
  EntityHasSystemsCard,
  EntityLayout,
  EntityLinksCard,
  EntitySwitch,
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  isComponentType,
  isKind,
  hasCatalogProcessingErrors,
  isOrphan,
  hasRelationWarnings,
  EntityRelationWarning,
} from '@backstage/plugin-catalog';
import {
  EntityUserProfileCard,
  EntityGroupProfileCard,
  EntityMembersListCard,
  EntityOwnershipCard,
} from '@backstage/plugin-org';
import { EmptyState } from '@backstage/core-components';
import {
  ALL_RELATION_PAIRS,
  ALL_RELATIONS,
  Direction,
  EntityCatalogGraphCard,
} from '@backstage/plugin-catalog-graph';
import {
  EntityRelationCard,
  entityDataTableColumns,
} from '@backstage/plugin-catalog-react/alpha';
import {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';
import {
  EntityPartnerAuditContent,
  EntityPartnerExceptionsContent,
  EntityPartnerFindingsCard,
  EntityPartnerIdentitiesContent,
  EntityPartnerIntegrationExceptionsContent,
  EntityPartnerIntegrationFindingsContent,
  EntityPartnerIntegrationHistoryContent,
  EntityPartnerIntegrationIdentitiesContent,
  EntityPartnerIntegrationOverviewCard,
  EntityPartnerIntegrationsContent,
  EntityPartnerOffboardingContent,
  EntityPartnerOverviewCard,
  EntityPartnerOwnersContent,
  EntityPartnerReviewsContent,
  EntityPartnerScorecardCard,
  PartnerEntityHeaderProvider,
  EntityPartnerAccessCard,
  isPartnerAccessAvailable,
  EntityOwnedPartnerIntegrationsCard,
} from '@partner-governance/plugin-partners';

/*
 * Custom relations emitted by the partners catalog processor for the
 * Partner / PartnerIntegration kinds (partners.governance.dev/v1alpha1).
 * They are declared here rather than imported so that the app does not depend
 * on any workspace plugin package.
 */
const RELATION_ACCESSES = 'accesses';
const RELATION_ACCESSED_BY = 'accessedBy';
const RELATION_CUSTODIED_BY = 'custodiedBy';
const RELATION_CUSTODIAN_OF = 'custodianOf';

/*
 * The catalog graph only draws the relations it is told about (by default the
 * built-in ones), so the custom relations have to be passed explicitly. The
 * pairs let the graph merge a relation with its reverse into a single edge.
 */
const graphRelationPairs: [string, string][] = [
  ...ALL_RELATION_PAIRS,
  [RELATION_ACCESSES, RELATION_ACCESSED_BY],
  [RELATION_CUSTODIAN_OF, RELATION_CUSTODIED_BY],
];

// Built-in relations plus `accessedBy`, so that a component, API, resource or
// system shows the partner integrations that access it.
const defaultGraphRelations = [...ALL_RELATIONS, RELATION_ACCESSED_BY];

// A partner's graph reaches two steps: its integrations, then what they
// access. Only outward relations are followed, so that the owning team's other
// entities do not flood it.
const partnerGraphRelations = [
  RELATION_OWNED_BY,
  RELATION_HAS_PART,
  RELATION_ACCESSES,
  RELATION_CUSTODIED_BY,
];

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

const entityGraphCard = (
  <EntityCatalogGraphCard
    height={400}
    relations={defaultGraphRelations}
    relationPairs={graphRelationPairs}
  />
);

const cicdContent = (
  // This is an example of how you can implement your company's logic in entity page.
  // You can for example enforce that all components of type 'service' should use GitHubActions
  <EntitySwitch>
    {/*
      Here you can add support for different CI/CD services, for example
      using @backstage-community/plugin-github-actions as follows:
      <EntitySwitch.Case if={isGithubActionsAvailable}>
        <EntityGithubActionsContent />
      </EntitySwitch.Case>
     */}
    <EntitySwitch.Case>
      <EmptyState
        title="No CI/CD available for this entity"
        missing="info"
        description="You need to add an annotation to your component if you want to enable CI/CD for it. You can read more about annotations in Backstage by clicking the button below."
        action={
          <Button
            variant="contained"
            color="primary"
            href="https://backstage.io/docs/features/software-catalog/well-known-annotations"
          >
            Read more
          </Button>
        }
      />
    </EntitySwitch.Case>
  </EntitySwitch>
);

const entityWarningContent = (
  <>
    <EntitySwitch>
      <EntitySwitch.Case if={isOrphan}>
        <Grid item xs={12}>
          <EntityOrphanWarning />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>

    <EntitySwitch>
      <EntitySwitch.Case if={hasRelationWarnings}>
        <Grid item xs={12}>
          <EntityRelationWarning />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>

    <EntitySwitch>
      <EntitySwitch.Case if={hasCatalogProcessingErrors}>
        <Grid item xs={12}>
          <EntityProcessingErrorsPanel />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
  </>
);

// The partners and integrations that access a component, API, resource or
// system, with their identities, reviews and open findings.
const partnerAccessContent = (
  <EntitySwitch>
    <EntitySwitch.Case if={isPartnerAccessAvailable}>
      <Grid item xs={12}>
        <EntityPartnerAccessCard />
      </Grid>
    </EntitySwitch.Case>
  </EntitySwitch>
);

const overviewContent = (
  <Grid container spacing={3} alignItems="stretch">
    {entityWarningContent}
    <Grid item md={6}>
      <EntityAboutCard />
    </Grid>
    <Grid item md={6} xs={12}>
      {entityGraphCard}
    </Grid>

    <Grid item md={4} xs={12}>
      <EntityLinksCard />
    </Grid>
    <Grid item md={8} xs={12}>
      <EntityHasSubcomponentsCard />
    </Grid>
    {partnerAccessContent}
  </Grid>
);

const serviceEntityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {overviewContent}
    </EntityLayout.Route>

    <EntityLayout.Route path="/ci-cd" title="CI/CD">
      {cicdContent}
    </EntityLayout.Route>

    <EntityLayout.Route path="/api" title="API">
      <Grid container spacing={3} alignItems="stretch">
        <Grid item md={6}>
          <EntityProvidedApisCard />
        </Grid>
        <Grid item md={6}>
          <EntityConsumedApisCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>

    <EntityLayout.Route path="/dependencies" title="Dependencies">
      <Grid container spacing={3} alignItems="stretch">
        <Grid item md={6}>
          <EntityDependsOnComponentsCard />
        </Grid>
        <Grid item md={6}>
          <EntityDependsOnResourcesCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const websiteEntityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {overviewContent}
    </EntityLayout.Route>

    <EntityLayout.Route path="/ci-cd" title="CI/CD">
      {cicdContent}
    </EntityLayout.Route>

    <EntityLayout.Route path="/dependencies" title="Dependencies">
      <Grid container spacing={3} alignItems="stretch">
        <Grid item md={6}>
          <EntityDependsOnComponentsCard />
        </Grid>
        <Grid item md={6}>
          <EntityDependsOnResourcesCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

/**
 * NOTE: This page is designed to work on small screens such as mobile devices.
 * This is based on Material UI Grid. If breakpoints are used, each grid item must set the `xs` prop to a column size or to `true`,
 * since this does not default. If no breakpoints are used, the items will equitably share the available space.
 * https://material-ui.com/components/grid/#basic-grid.
 */

const defaultEntityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {overviewContent}
    </EntityLayout.Route>
  </EntityLayout>
);

const componentPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isComponentType('service')}>
      {serviceEntityPage}
    </EntitySwitch.Case>

    <EntitySwitch.Case if={isComponentType('website')}>
      {websiteEntityPage}
    </EntitySwitch.Case>

    <EntitySwitch.Case>{defaultEntityPage}</EntitySwitch.Case>
  </EntitySwitch>
);

const apiPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <Grid item md={6}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6} xs={12}>
          {entityGraphCard}
        </Grid>
        <Grid item md={4} xs={12}>
          <EntityLinksCard />
        </Grid>
        <Grid container item md={12}>
          <Grid item md={6}>
            <EntityProvidingComponentsCard />
          </Grid>
          <Grid item md={6}>
            <EntityConsumingComponentsCard />
          </Grid>
        </Grid>
        {partnerAccessContent}
      </Grid>
    </EntityLayout.Route>

    <EntityLayout.Route path="/definition" title="Definition">
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <EntityApiDefinitionCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const userPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <Grid item xs={12} md={6}>
          <EntityUserProfileCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityOwnershipCard />
        </Grid>
        <Grid item xs={12}>
          <EntityOwnedPartnerIntegrationsCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const groupPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <Grid item xs={12} md={6}>
          <EntityGroupProfileCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityOwnershipCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityMembersListCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityLinksCard />
        </Grid>
        <Grid item xs={12}>
          <EntityOwnedPartnerIntegrationsCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const systemPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item md={6}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6} xs={12}>
          {entityGraphCard}
        </Grid>
        <Grid item md={4} xs={12}>
          <EntityLinksCard />
        </Grid>
        <Grid item md={8}>
          <EntityHasComponentsCard />
        </Grid>
        <Grid item md={6}>
          <EntityHasApisCard />
        </Grid>
        <Grid item md={6}>
          <EntityHasResourcesCard />
        </Grid>
        {partnerAccessContent}
      </Grid>
    </EntityLayout.Route>
    <EntityLayout.Route path="/diagram" title="Diagram">
      <EntityCatalogGraphCard
        direction={Direction.TOP_BOTTOM}
        title="System Diagram"
        height={700}
        relations={[
          RELATION_PART_OF,
          RELATION_HAS_PART,
          RELATION_API_CONSUMED_BY,
          RELATION_API_PROVIDED_BY,
          RELATION_CONSUMES_API,
          RELATION_PROVIDES_API,
          RELATION_DEPENDENCY_OF,
          RELATION_DEPENDS_ON,
        ]}
        unidirectional={false}
      />
    </EntityLayout.Route>
  </EntityLayout>
);

const domainPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item md={6}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6} xs={12}>
          {entityGraphCard}
        </Grid>
        <Grid item md={6}>
          <EntityHasSystemsCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

/*
 * Partner and PartnerIntegration (partners.governance.dev/v1alpha1).
 * A Partner `hasPart` its PartnerIntegrations; a PartnerIntegration `accesses`
 * the components, APIs, resources and systems listed in its spec.accesses.
 */

// No defaultKind: accessed entities can be of several kinds, so the kind is
// kept in the displayed reference.
const accessedEntityColumns = [
  entityDataTableColumns.createEntityRefColumn({}),
  entityDataTableColumns.createOwnerColumn(),
  entityDataTableColumns.createSpecTypeColumn(),
  entityDataTableColumns.createMetadataDescriptionColumn(),
];

// PartnerEntityHeaderProvider makes the header print the lifecycle stage
// (a Partner's spec.lifecycle is an object, which EntityLayout would print
// as "[object Object]").
const partnerPage = (
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

const partnerIntegrationPage = (
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

export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('component')} children={componentPage} />
    <EntitySwitch.Case if={isKind('api')} children={apiPage} />
    <EntitySwitch.Case if={isKind('group')} children={groupPage} />
    <EntitySwitch.Case if={isKind('user')} children={userPage} />
    <EntitySwitch.Case if={isKind('system')} children={systemPage} />
    <EntitySwitch.Case if={isKind('domain')} children={domainPage} />
    <EntitySwitch.Case if={isKind('partner')} children={partnerPage} />
    <EntitySwitch.Case
      if={isKind('partnerintegration')}
      children={partnerIntegrationPage}
    />

    <EntitySwitch.Case>{defaultEntityPage}</EntitySwitch.Case>
  </EntitySwitch>
);
