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

import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { IdentitySourceFactory } from './types';

/**
 * Lets backend modules add types of identity source to the partners
 * backend. Each configured `partners.identitySources.<id>` entry is created
 * by the factory of its `type`.
 *
 * @public
 */
export interface PartnersIdentitySourcesExtensionPoint {
  addIdentitySourceFactory(...factories: IdentitySourceFactory[]): void;
}

/**
 * The extension point of identity sources: see
 * {@link PartnersIdentitySourcesExtensionPoint}.
 *
 * @public
 */
export const partnersIdentitySourcesExtensionPoint =
  createExtensionPoint<PartnersIdentitySourcesExtensionPoint>({
    id: 'partners.identity-sources',
  });
