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
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { partnersReviewDecidePermission } from '@partner-governance/plugin-partners-common';
import type { ReviewsService } from '../services/ReviewsService';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * Access reviews: the list (`assignee=me` for the caller's own and their
 * groups') and one review, of the integrations whose details the caller may
 * read (partners.details.read); and a decision (user tokens only, authorised
 * by partners.review.decide on the integration).
 *
 * @internal
 */
export function registerReviewsRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: {
    reviews: Pick<ReviewsService, 'list' | 'get' | 'decide'>;
    userInfo: UserInfoService;
  },
): void {
  const { reviews, userInfo } = deps;

  router.get(
    '/reviews',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'review-fetch',
        meta: req => ({ queryType: 'list', ...req.query }),
      },
      async handle(req, { credentials, detailsScope }) {
        let assignees: string[] | undefined;
        if (req.query.assignee === 'me') {
          if (credentials.principal.type !== 'user') {
            throw new InputError(
              'request/query/assignee=me needs a user token',
            );
          }
          const info = await userInfo.getUserInfo(
            credentials as BackstageCredentials<BackstageUserPrincipal>,
          );
          assignees = [
            ...new Set(
              [info.userEntityRef, ...info.ownershipEntityRefs].map(ref =>
                ref.toLocaleLowerCase('en-US'),
              ),
            ),
          ];
        }
        return reviews.list(req.query, {
          assignees,
          scope: await detailsScope(),
        });
      },
      auditSuccess: result => ({ count: result.items.length }),
    }),
  );

  router.get(
    '/reviews/:id',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'review-fetch',
        meta: req => ({ queryType: 'by-id', id: req.params.id }),
      },
      async handle(req, { requireDetails }) {
        const review = await reviews.get(req.params.id);
        await requireDetails(review.integrationRef, 'read the reviews');
        return review;
      },
      auditSuccess: result => ({ integrationRef: result.integrationRef }),
    }),
  );

  router.post(
    '/reviews/:id/decision',
    route({
      allow: ['user'],
      audit: {
        eventId: 'review-decide',
        severityLevel: 'medium',
        meta: req => ({ id: req.params.id, decision: req.body.decision }),
      },
      handle: (req, { actor, isAllowed }) =>
        reviews.decide(req.params.id, req.body, {
          actor,
          authorize: resourceRef =>
            isAllowed({
              permission: partnersReviewDecidePermission,
              resourceRef,
            }),
        }),
      auditSuccess: result => ({
        integrationRef: result.integrationRef,
        status: result.status,
        revokedIdentities: result.revokedIdentities,
      }),
    }),
  );
}
