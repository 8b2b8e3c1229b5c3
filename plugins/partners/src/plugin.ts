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

import type { JSX } from 'react';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { PartnersClient } from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from './api';
import { reviewsRouteRef, rootRouteRef } from './routes';

/**
 * The partner governance frontend plugin.
 *
 * @public
 */
export const partnersPlugin = createPlugin({
  id: 'partners',
  apis: [
    createApiFactory({
      api: partnersApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PartnersClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    reviews: reviewsRouteRef,
  },
});

/**
 * The partner index: partners with their stage, tier and open work.
 *
 * @public
 */
export const PartnersPage: () => JSX.Element = partnersPlugin.provide(
  createRoutableExtension({
    name: 'PartnersPage',
    component: () =>
      import('./components/PartnersIndexPage').then(m => m.PartnersIndexPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The access reviews assigned to the signed-in user, decided in place. Mount
 * it at `/partners/reviews`; `?review=<id>` opens one review.
 *
 * @public
 */
export const PartnersReviewsPage: () => JSX.Element = partnersPlugin.provide(
  createRoutableExtension({
    name: 'PartnersReviewsPage',
    component: () =>
      import('./components/MyReviewsPage').then(m => m.MyReviewsPage),
    mountPoint: reviewsRouteRef,
  }),
);

/**
 * The partners and integrations that access the current entity, with their
 * identities, reviews and open findings; for Component, API, Resource and
 * System pages.
 *
 * @public
 */
export const EntityPartnerAccessCard: (props: {
  title?: string;
}) => JSX.Element = partnersPlugin.provide(
  createComponentExtension({
    name: 'EntityPartnerAccessCard',
    component: {
      lazy: () =>
        import('./components/EntityPartnerAccessCard').then(
          m => m.EntityPartnerAccessCard,
        ),
    },
  }),
);

/**
 * The partner integrations a group owns (or a user and their groups own),
 * with reviews and open findings; for Group and User pages.
 *
 * @public
 */
export const EntityOwnedPartnerIntegrationsCard: (props: {
  title?: string;
}) => JSX.Element = partnersPlugin.provide(
  createComponentExtension({
    name: 'EntityOwnedPartnerIntegrationsCard',
    component: {
      lazy: () =>
        import('./components/EntityOwnedPartnerIntegrationsCard').then(
          m => m.EntityOwnedPartnerIntegrationsCard,
        ),
    },
  }),
);

/**
 * A partner's lifecycle (stage owners, what is missing to move on), risk,
 * contract, due diligence and open findings; for Partner pages.
 *
 * @public
 */
export const EntityPartnerOverviewCard: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerOverviewCard',
      component: {
        lazy: () =>
          import('./components/PartnerOverviewCard').then(
            m => m.PartnerOverviewCard,
          ),
      },
    }),
  );

/**
 * A partner's measurement scorecard: control adherence, usage, open
 * exceptions and incidents; for Partner pages.
 *
 * @public
 */
export const EntityPartnerScorecardCard: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerScorecardCard',
      component: {
        lazy: () =>
          import('./components/PartnerScorecardCard').then(
            m => m.PartnerScorecardCard,
          ),
      },
    }),
  );

/**
 * Findings of a partner and its integrations, with exception requests; for
 * Partner pages.
 *
 * @public
 */
export const EntityPartnerFindingsCard: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerFindingsCard',
      component: {
        lazy: () =>
          import('./components/PartnerContent').then(
            m => m.PartnerFindingsCard,
          ),
      },
    }),
  );

/**
 * A partner's integrations with owner, access package and open findings; a
 * Partner page tab.
 *
 * @public
 */
export const EntityPartnerIntegrationsContent: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerIntegrationsContent',
      component: {
        lazy: () =>
          import('./components/PartnerContent').then(
            m => m.PartnerIntegrationsContent,
          ),
      },
    }),
  );

/**
 * Every non-human identity of a partner's integrations; a Partner page tab.
 *
 * @public
 */
export const EntityPartnerIdentitiesContent: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerIdentitiesContent',
      component: {
        lazy: () =>
          import('./components/PartnerContent').then(
            m => m.PartnerIdentitiesContent,
          ),
      },
    }),
  );

/**
 * A partner's exceptions, with approve and deny; a Partner page tab.
 *
 * @public
 */
export const EntityPartnerExceptionsContent: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerExceptionsContent',
      component: {
        lazy: () =>
          import('./components/PartnerContent').then(
            m => m.PartnerExceptionsContent,
          ),
      },
    }),
  );

/**
 * A partner's offboarding checklist, completed with evidence and verified by
 * a second person; a Partner page tab.
 *
 * @public
 */
export const EntityPartnerOffboardingContent: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerOffboardingContent',
      component: {
        lazy: () =>
          import('./components/PartnerContent').then(
            m => m.PartnerOffboardingContent,
          ),
      },
    }),
  );

/**
 * The access reviews of a partner's integrations, pending or all, each
 * linking to the review; a Partner page tab.
 *
 * @public
 */
export const EntityPartnerReviewsContent: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerReviewsContent',
      component: {
        lazy: () =>
          import('./components/PartnerContent').then(
            m => m.PartnerReviewsContent,
          ),
      },
    }),
  );

/**
 * A partner's shared ownership register: business owner, stage owners,
 * integration owners and identity custodians; a Partner page tab.
 *
 * @public
 */
export const EntityPartnerOwnersContent: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerOwnersContent',
      component: {
        lazy: () =>
          import('./components/PartnerContent').then(
            m => m.PartnerOwnersContent,
          ),
      },
    }),
  );

/**
 * A partner's audit trail with the evidence pack export; a Partner page tab.
 *
 * @public
 */
export const EntityPartnerAuditContent: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerAuditContent',
      component: {
        lazy: () =>
          import('./components/PartnerContent').then(
            m => m.PartnerAuditContent,
          ),
      },
    }),
  );

/**
 * What a partner integration is and what it accesses; for PartnerIntegration
 * pages.
 *
 * @public
 */
export const EntityPartnerIntegrationOverviewCard: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerIntegrationOverviewCard',
      component: {
        lazy: () =>
          import('./components/PartnerIntegrationContent').then(
            m => m.PartnerIntegrationOverviewCard,
          ),
      },
    }),
  );

/**
 * A partner integration's non-human identities with their findings; a
 * PartnerIntegration page tab.
 *
 * @public
 */
export const EntityPartnerIntegrationIdentitiesContent: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerIntegrationIdentitiesContent',
      component: {
        lazy: () =>
          import('./components/PartnerIntegrationContent').then(
            m => m.PartnerIntegrationIdentitiesContent,
          ),
      },
    }),
  );

/**
 * Findings of a partner integration; a PartnerIntegration page tab.
 *
 * @public
 */
export const EntityPartnerIntegrationFindingsContent: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerIntegrationFindingsContent',
      component: {
        lazy: () =>
          import('./components/PartnerIntegrationContent').then(
            m => m.PartnerIntegrationFindingsContent,
          ),
      },
    }),
  );

/**
 * Exceptions of a partner integration; a PartnerIntegration page tab.
 *
 * @public
 */
export const EntityPartnerIntegrationExceptionsContent: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerIntegrationExceptionsContent',
      component: {
        lazy: () =>
          import('./components/PartnerIntegrationContent').then(
            m => m.PartnerIntegrationExceptionsContent,
          ),
      },
    }),
  );

/**
 * A partner integration's access reviews, pending or all, each linking to
 * the review; a PartnerIntegration page tab.
 *
 * @public
 */
export const EntityPartnerIntegrationHistoryContent: () => JSX.Element =
  partnersPlugin.provide(
    createComponentExtension({
      name: 'EntityPartnerIntegrationHistoryContent',
      component: {
        lazy: () =>
          import('./components/PartnerIntegrationContent').then(
            m => m.PartnerIntegrationHistoryContent,
          ),
      },
    }),
  );
