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

import type { PartnerIdentitiesReadModel } from '../services/read/PartnerIdentitiesReadModel';
import type { PartnersReadModel } from '../services/read/PartnersReadModel';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * The partner reads: the index (`GET /partners`), its summary, one partner
 * and its identities. Any user or service may call them; finding details and
 * secret locations only of the partners and integrations whose details the
 * caller may read (partners.details.read).
 *
 * @internal
 */
export function registerPartnersRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: {
    partners: Pick<
      PartnersReadModel,
      'listPartners' | 'getOverview' | 'getPartner'
    >;
    identities: Pick<
      PartnerIdentitiesReadModel,
      'listPartnerIdentities' | 'listUndeclaredIdentities'
    >;
  },
): void {
  const { partners, identities } = deps;

  router.get(
    '/partners',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'partner-fetch',
        meta: req => ({ queryType: 'list', ...req.query }),
      },
      handle: req => partners.listPartners(req.query),
      auditSuccess: result => ({ count: result.items.length }),
    }),
  );

  // before /partners/:ref, which would take `summary` for a partner name
  router.get(
    '/partners/summary',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'partner-fetch',
        meta: () => ({ queryType: 'summary' }),
      },
      handle: () => partners.getOverview(),
      auditSuccess: result => ({ total: result.total }),
    }),
  );

  router.get(
    '/partners/:ref',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'partner-fetch',
        meta: req => ({ queryType: 'by-ref', ref: req.params.ref }),
      },
      handle: async (req, { detailsScope }) =>
        partners.getPartner(req.params.ref, await detailsScope()),
      auditSuccess: result => ({ entityRef: result.entityRef }),
    }),
  );

  router.get(
    '/partners/:ref/identities',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'partner-identity-fetch',
        meta: req => ({ queryType: 'list', ref: req.params.ref, ...req.query }),
      },
      handle: async (req, { detailsScope }) =>
        identities.listPartnerIdentities(req.params.ref, req.query, {
          scope: await detailsScope(),
        }),
      auditSuccess: page => ({
        count: page.items.length,
        secretRefsShown: page.items.filter(item => item.secretRef).length,
      }),
    }),
  );

  // Names, types and scopes, as of declared identities: any signed-in user.
  router.get(
    '/partners/:ref/undeclared-identities',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'partner-identity-fetch',
        meta: req => ({
          queryType: 'undeclared',
          ref: req.params.ref,
          ...req.query,
        }),
      },
      handle: req =>
        identities.listUndeclaredIdentities(req.params.ref, req.query),
      auditSuccess: page => ({ count: page.items.length }),
    }),
  );
}
