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

import { ConfigReader } from '@backstage/config';
import {
  evaluatePartnerRules,
  PARTNERS_API_VERSION,
  readPartnersConfig,
  type PartnerIdentity,
} from '@partner-governance/plugin-partners-common';
import {
  createTestDatabases,
  createTestDatabaseService,
} from '../__testUtils__/databases';
import { DatabaseObservationStore } from '../database/DatabaseObservationStore';
import {
  observedFacts,
  withObservations,
  type ObservedFacts,
} from './observedFacts';

jest.setTimeout(90_000);

const NOW = '2026-12-01';
const AT = '2026-12-01T06:00:00.000Z';
const API = 'partnerintegration:default/lumen-db';

const partner = {
  apiVersion: PARTNERS_API_VERSION,
  kind: 'Partner',
  metadata: { name: 'lumen', namespace: 'default' },
  spec: {
    type: 'integrator',
    owner: 'group:default/partner-ops',
    lifecycle: { stage: 'measurement' },
    risk: { tier: 'low' },
  },
};

const integration = (...identities: PartnerIdentity[]) => ({
  apiVersion: PARTNERS_API_VERSION,
  kind: 'PartnerIntegration',
  metadata: { name: 'lumen-db', namespace: 'default' },
  spec: {
    partner: 'lumen',
    type: 'api',
    owner: 'group:default/team-orders',
    identities,
  },
});

const key = (overrides: Partial<PartnerIdentity> = {}): PartnerIdentity => ({
  name: 'reader',
  type: 'service-account',
  observedAs: 'partner-db:lumen_reader',
  lastUsed: '2026-11-28',
  lastRotated: '2026-10-01',
  expires: '2027-06-01',
  ...overrides,
});

const fact = (overrides: Partial<ObservedFacts> = {}) =>
  new Map<string, ObservedFacts>([
    [
      'partner-db:lumen_reader',
      {
        sourceId: 'partner-db',
        observedAt: AT,
        status: 'active',
        ...overrides,
      },
    ],
  ]);

/** The findings of an identity, as rule id and message. */
function findingsOf(
  identities: PartnerIdentity[],
  facts: ReadonlyMap<string, ObservedFacts>,
) {
  const { entities, annotate } = withObservations(
    [partner, integration(...identities)] as any,
    facts,
  );
  return evaluatePartnerRules({
    entities,
    config: readPartnersConfig(new ConfigReader({})),
    now: NOW,
  })
    .filter(f => f.entityRef === API && f.identity === 'reader')
    .map(annotate)
    .map(f => `${f.ruleId}: ${f.message}`);
}

describe('withObservations', () => {
  it('takes the last use a source observed over the one the file declares', () => {
    const dormant = key({ lastUsed: '2025-01-01' });
    expect(findingsOf([dormant], new Map()).join()).toContain(
      'identity-dormant',
    );
    expect(findingsOf([dormant], fact({ lastUsed: '2026-11-30' }))).toEqual([]);
  });

  it('says which source saw it, and when, on the findings that read it', () => {
    expect(findingsOf([key()], fact({ lastUsed: '2025-01-01' }))).toEqual([
      expect.stringMatching(
        /^identity-dormant: .* \(as source partner-db observed it at 2026-12-01T06:00:00\.000Z\)$/,
      ),
    ]);
  });

  it('takes observed rotation and expiry', () => {
    expect(
      findingsOf([key()], fact({ lastRotated: '2024-01-01' })).map(f =>
        f.slice(0, f.indexOf(':')),
      ),
    ).toEqual(['identity-rotation-overdue']);
    expect(
      findingsOf([key()], fact({ expires: '2026-11-01' })).map(f =>
        f.slice(0, f.indexOf(':')),
      ),
    ).toEqual(['identity-expired-active']);
  });

  it('counts an identity its source disabled as not active, and a revoked one as revoked', () => {
    const expired = key({ expires: '2026-11-01' });
    expect(findingsOf([expired], new Map()).join()).toContain(
      'identity-expired-active',
    );
    expect(findingsOf([expired], fact({ status: 'disabled' }))).toEqual([]);
    const { entities } = withObservations(
      [integration(key({ status: 'revoked' }))] as any,
      fact({ status: 'disabled' }),
    );
    expect((entities[0] as any).spec.identities[0].status).toBe('revoked');
  });

  it('leaves alone what no source observes', () => {
    const entity = integration(key({ observedAs: undefined }));
    const { entities } = withObservations([entity] as any, fact());
    expect(entities[0]).toBe(entity);
  });
});

describe('observedFacts', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'reads the observations of sources that succeeded, on %p',
    async databaseId => {
      const { database, knex } = await createTestDatabaseService(
        databases,
        databaseId,
      );
      const store = await DatabaseObservationStore.create({ database });
      await store.runSucceeded(
        'partner-db',
        'postgres',
        AT,
        [
          {
            externalId: 'lumen_reader',
            type: 'service-account',
            name: 'lumen_reader',
            scopes: [],
            lastUsed: '2026-11-30',
            status: 'disabled',
          },
        ],
        0,
      );
      expect(await observedFacts(knex)).toEqual(
        new Map([
          [
            'partner-db:lumen_reader',
            {
              sourceId: 'partner-db',
              observedAt: AT,
              lastUsed: '2026-11-30',
              status: 'disabled',
            },
          ],
        ]),
      );
    },
  );
});
