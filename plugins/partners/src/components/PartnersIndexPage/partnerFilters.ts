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
  PARTNER_LIFECYCLE_STAGES,
  PARTNER_TYPES,
  RISK_TIERS,
  type ListPartnersRequest,
} from '@partner-governance/plugin-partners-common';

/** The server-side filters of the partners table, as the URL holds them. */
export type PartnerFilters = Omit<ListPartnersRequest, 'limit' | 'cursor'>;

/** The filter keys, in the order the URL lists them. */
export const FILTER_KEYS: ReadonlyArray<keyof PartnerFilters> = [
  'stage',
  'type',
  'tier',
  'owner',
  'hasOverdueReviews',
  'hasCriticalFindings',
  'contractEndsWithinDays',
];

/** The most days `contractEndsWithinDays` accepts. */
const MAX_DAYS = 3650;

function oneOf<T extends string>(
  values: readonly T[],
  value: string | null,
): T | undefined {
  return values.find(v => v === value);
}

/**
 * The filters in a query string (`?stage=enablement&hasOverdueReviews=true`);
 * unknown or invalid values are left out.
 */
export function parseFilters(params: URLSearchParams): PartnerFilters {
  const filters: PartnerFilters = {};
  const stage = oneOf(PARTNER_LIFECYCLE_STAGES, params.get('stage'));
  const type = oneOf(PARTNER_TYPES, params.get('type'));
  const tier = oneOf(RISK_TIERS, params.get('tier'));
  const owner = params.get('owner')?.trim();
  const days = params.get('contractEndsWithinDays');
  if (stage) filters.stage = stage;
  if (type) filters.type = type;
  if (tier) filters.tier = tier;
  if (owner) filters.owner = owner;
  if (params.get('hasOverdueReviews') === 'true') {
    filters.hasOverdueReviews = true;
  }
  if (params.get('hasCriticalFindings') === 'true') {
    filters.hasCriticalFindings = true;
  }
  if (days && /^\d{1,4}$/.test(days) && Number(days) <= MAX_DAYS) {
    filters.contractEndsWithinDays = Number(days);
  }
  return filters;
}

/** The query string of the filters, `?…` (empty without filters). */
export function filtersSearch(filters: PartnerFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== '' && value !== false) {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `?${search}` : '?';
}
