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

import type { FindingsReadModel } from '../services/read/FindingsReadModel';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * The findings reads: `GET /findings`, of the partners and integrations
 * whose details the caller may read (partners.details.read, in SQL), and
 * the counts of findings by rule (`GET /findings/rules`) for anyone.
 *
 * @internal
 */
export function registerFindingsRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: {
    findings: Pick<FindingsReadModel, 'listFindings' | 'listFindingRules'>;
  },
): void {
  const { findings } = deps;

  router.get(
    '/findings',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'finding-fetch',
        meta: req => ({ queryType: 'list', ...req.query }),
      },
      handle: async (req, { detailsScope }) =>
        findings.listFindings(req.query, await detailsScope()),
      auditSuccess: result => ({ count: result.items.length }),
    }),
  );

  router.get(
    '/findings/rules',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'finding-fetch',
        meta: req => ({ queryType: 'by-rule', ...req.query }),
      },
      handle: req => findings.listFindingRules(req.query),
      auditSuccess: result => ({ count: result.items.length }),
    }),
  );
}
