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
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { isPartnerSearchDocument } from '@partner-governance/plugin-partners-common';
import type { PartnerSearchResultListItemProps } from './components/PartnerSearchResultListItem';
import { partnersPlugin } from './plugin';

/**
 * A Partner or PartnerIntegration in the portal's search results, with its
 * lifecycle stage, type and risk tier. Place it inside `SearchResult` before
 * the catalog's list item: it takes the partner documents of the catalog
 * index and leaves every other result to the items after it.
 *
 * @public
 */
export const PartnerSearchResultListItem: (
  props: PartnerSearchResultListItemProps,
) => JSX.Element | null = partnersPlugin.provide(
  createSearchResultListItemExtension({
    name: 'PartnerSearchResultListItem',
    component: () =>
      import('./components/PartnerSearchResultListItem').then(
        m => m.PartnerSearchResultListItem,
      ),
    predicate: result =>
      result.type === 'software-catalog' &&
      isPartnerSearchDocument(result.document),
  }),
);
