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
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { PartnersClient } from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from './api';
import { rootRouteRef } from './routes';

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
  },
});

/**
 * The partner index: partners with their stage, tier and open work.
 *
 * @public
 */
export const PartnersPage = partnersPlugin.provide(
  createRoutableExtension({
    name: 'PartnersPage',
    component: () =>
      import('./components/PartnersIndexPage').then(m => m.PartnersIndexPage),
    mountPoint: rootRouteRef,
  }),
);
