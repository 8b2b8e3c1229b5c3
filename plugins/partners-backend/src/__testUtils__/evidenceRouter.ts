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
  mockCredentials,
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DEFAULT_PARTNERS_POLICY,
  partnersAuditReadPermission,
  partnersDetailsReadPermission,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { DatabaseExceptionsStore } from '../database/DatabaseExceptionsStore';
import { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import { DatabaseOffboardingStore } from '../database/DatabaseOffboardingStore';
import { createRouter } from '../router';
import { EvidenceService } from '../services/EvidenceService';
import { ExceptionsService } from '../services/ExceptionsService';
import { OffboardingService } from '../services/OffboardingService';
import { createReadModels } from '../services/read';
import type { ReviewsService } from '../services/ReviewsService';
import { createTestDatabaseService } from './databases';
import { NOW, seedEvidenceEstate } from './evidenceEstate';
import { grantingPermissions } from './permissions';
import { serve, type ServedRouter } from './http';

/** The only caller who may read the audit trail, and so export evidence. */
export const AUDITOR = 'user:default/auditor';

/** The evidence routes over the seeded evidence estate, as the auditor. */
export interface EvidenceRouter {
  knex: Knex;
  baseUrl: string;
  auditor: ReturnType<typeof mockServices.auditor.mock>;
  permissions: ReturnType<typeof mockServices.permissions.mock>;
  /** GET /partners/{ref}/evidence. */
  get(ref: string, query?: string, headers?: HeadersInit): Promise<Response>;
  /** The evidence.exported rows of the audit trail, in order. */
  exported(): Promise<any[]>;
}

/**
 * Serves the router before each test of the enclosing describe block, on a
 * fresh database, and stops it after.
 */
export function evidenceRouter(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): EvidenceRouter {
  let served: ServedRouter | undefined;
  const fx: EvidenceRouter = {
    knex: undefined as unknown as Knex,
    baseUrl: '',
    auditor: undefined as unknown as EvidenceRouter['auditor'],
    permissions: undefined as unknown as EvidenceRouter['permissions'],
    get: (ref, query = '', headers = {}) =>
      fetch(
        `${fx.baseUrl}/partners/${encodeURIComponent(ref)}/evidence${query}`,
        { headers },
      ),
    exported: () =>
      fx
        .knex('audit_events')
        .where('action', 'evidence.exported')
        .orderBy('id'),
  };

  beforeEach(async () => {
    const created = await createTestDatabaseService(databases, databaseId);
    const knex = created.knex;
    await DatabaseIdentityIndexStore.create({ database: created.database });
    const audit = new DatabaseAuditStore(knex);
    await seedEvidenceEstate(knex, audit);

    // a real decision per permission and caller: only the auditor may
    // read the audit trail and partner details
    const permissions = grantingPermissions({
      [partnersAuditReadPermission.name]: [AUDITOR],
      [partnersDetailsReadPermission.name]: [AUDITOR],
    });
    const auditor = mockServices.auditor.mock();
    const logger = mockServices.logger.mock();
    const router = await createRouter({
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.user(AUDITOR),
      }),
      permissions,
      auditor,
      sync: { run: jest.fn() },
      reads: createReadModels(knex, { clock: () => NOW }),
      userInfo: mockServices.userInfo(),
      reviews: {} as ReviewsService,
      audit,
      evidence: new EvidenceService({
        db: knex,
        audit,
        exceptions: new ExceptionsService({
          store: new DatabaseExceptionsStore(knex),
          policy: () => DEFAULT_PARTNERS_POLICY,
          logger,
          clock: () => NOW,
        }),
        offboarding: new OffboardingService({
          store: new DatabaseOffboardingStore(knex),
          logger,
          clock: () => NOW,
        }),
        clock: () => NOW,
      }),
      validateResponses: true,
    });
    served = await serve(router);
    Object.assign(fx, { knex, baseUrl: served.baseUrl, auditor, permissions });
  });

  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  return fx;
}
