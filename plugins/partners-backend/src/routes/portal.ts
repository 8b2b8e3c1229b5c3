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

import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { partnersIdentityReadPermission } from '@partner-governance/plugin-partners-common';
import type { PartnersQueryService } from '../services/PartnersQueryService';
import type { Audited, PartnersRouter } from './audited';

/**
 * The portal's index and tab reads: `GET /partners/summary`,
 * `GET /partners/{ref}/identities` and `GET /findings/rules`. Any user or
 * service may call them; secret locations only for holders of
 * partners.identity.read. Register before `GET /partners/{ref}`, which
 * would otherwise take `summary` for a partner name.
 *
 * @internal
 */
export function registerPortalRoutes(
  router: PartnersRouter,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    audited: Audited;
    queries: Pick<
      PartnersQueryService,
      'getOverview' | 'listPartnerIdentities' | 'listFindingRules'
    >;
  },
): void {
  const { httpAuth, permissions, audited, queries } = options;

  router.get('/partners/summary', async (req, res) => {
    const overview = await audited(
      req,
      { eventId: 'partner-fetch', meta: { queryType: 'summary' } },
      async auditorEvent => {
        await httpAuth.credentials(req, { allow: ['user', 'service'] });
        const result = await queries.getOverview();
        await auditorEvent.success({ meta: { total: result.total } });
        return result;
      },
    );
    res.json(overview);
  });

  router.get('/partners/:ref/identities', async (req, res) => {
    const page = await audited(
      req,
      {
        eventId: 'partner-identity-fetch',
        meta: { queryType: 'list', ref: req.params.ref, ...req.query },
      },
      async auditorEvent => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        const [decision] = await permissions.authorize(
          [{ permission: partnersIdentityReadPermission }],
          { credentials },
        );
        const includeSecretRefs = decision.result === AuthorizeResult.ALLOW;
        const result = await queries.listPartnerIdentities(
          req.params.ref,
          req.query,
          { includeSecretRefs },
        );
        await auditorEvent.success({
          meta: {
            count: result.items.length,
            secretRefsShown: includeSecretRefs,
          },
        });
        return result;
      },
    );
    res.json(page);
  });

  router.get('/findings/rules', async (req, res) => {
    const rules = await audited(
      req,
      {
        eventId: 'finding-fetch',
        meta: { queryType: 'by-rule', ...req.query },
      },
      async auditorEvent => {
        await httpAuth.credentials(req, { allow: ['user', 'service'] });
        const result = await queries.listFindingRules(req.query);
        await auditorEvent.success({ meta: { count: result.items.length } });
        return result;
      },
    );
    res.json(rules);
  });
}
