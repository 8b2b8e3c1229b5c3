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

import { partnersDetailsReadPermission } from '@partner-governance/plugin-partners-common';
import type { StageHistoryReadModel } from '../services/read/StageHistoryReadModel';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * `GET /partners/{ref}/stage-history`: the stages a partner was seen
 * entering. Stages are public, so any user or service may read it; who ran
 * the sync that saw each (an audit fact) only those who may read the
 * partner's details (partners.details.read).
 *
 * @internal
 */
export function registerStageHistoryRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: { stageHistory: Pick<StageHistoryReadModel, 'getStageHistory'> },
): void {
  router.get(
    '/partners/:ref/stage-history',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'partner-fetch',
        meta: req => ({
          queryType: 'stage-history',
          ref: req.params.ref,
          ...req.query,
        }),
      },
      handle: (req, { isAllowed }) =>
        deps.stageHistory.getStageHistory(req.params.ref, req.query, {
          mayReadDetails: resourceRef =>
            isAllowed({
              permission: partnersDetailsReadPermission,
              resourceRef,
            }),
        }),
      auditSuccess: page => ({
        partnerRef: page.partnerRef,
        count: page.items.length,
        recordedByShown: page.items.some(item => item.recordedBy),
      }),
    }),
  );
}
