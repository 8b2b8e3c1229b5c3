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

import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { entityRefKey } from '@partner-governance/plugin-partners-common';
import { CRM_ACCOUNT_ANNOTATION, crmKey } from './registerKeys';

/**
 * The CRM account each Partner of the catalog names in its
 * `partners.governance.dev/crm-account` annotation, as a key, by the
 * Partner's ref: the identity index keeps no annotations. One paged read of
 * the Partners' names and annotations.
 *
 * @internal
 */
export async function crmAccountsOf(
  catalog: CatalogService,
  auth: AuthService,
): Promise<Map<string, string>> {
  const credentials = await auth.getOwnServiceCredentials();
  const accounts = new Map<string, string>();
  for await (const page of catalog.streamEntities(
    {
      filter: { kind: ['Partner'] },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    },
    { credentials },
  )) {
    for (const entity of page) {
      const account = entity.metadata.annotations?.[CRM_ACCOUNT_ANNOTATION];
      if (typeof account === 'string' && account.trim()) {
        accounts.set(
          entityRefKey({
            kind: entity.kind,
            namespace: entity.metadata.namespace,
            name: entity.metadata.name,
          }),
          crmKey(account),
        );
      }
    }
  }
  return accounts;
}
