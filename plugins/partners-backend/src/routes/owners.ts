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
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import type { OwnersService } from '../services/OwnersService';
import { createAudited, type PartnersRouter } from './audited';

/**
 * `GET /owners/{ref}/integrations`: what a group, or a user and their
 * groups, are accountable for. A read: any user or service may call it.
 *
 * @internal
 */
export function registerOwnersRoutes(
  router: PartnersRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    owners: Pick<OwnersService, 'listIntegrations'>;
  },
): void {
  const { httpAuth, owners } = options;
  const audited = createAudited(options.auditor);

  router.get('/owners/:ref/integrations', async (req, res) => {
    const page = await audited(
      req,
      {
        eventId: 'owner-integration-fetch',
        meta: { queryType: 'list', ref: req.params.ref, ...req.query },
      },
      async auditorEvent => {
        await httpAuth.credentials(req, { allow: ['user', 'service'] });
        const result = await owners.listIntegrations(req.params.ref, req.query);
        await auditorEvent.success({
          meta: { owners: result.owners, count: result.items.length },
        });
        return result;
      },
    );
    res.json(page);
  });
}
