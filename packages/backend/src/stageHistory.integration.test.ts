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
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import catalogModulePartners from '@partner-governance/plugin-catalog-backend-module-partners';
import partnersBackend from '@partner-governance/plugin-partners-backend';
import {
  GROUPS,
  NOOR,
  PARTNER_OWNER,
  STRANGER,
  httpAuthWithActors,
  userInfoOf,
} from './__testUtils__/partnersTestBackend';
import { partnersExamplePermissionPolicyModule } from './partnersPermissionPolicy';

jest.setTimeout(120_000);

const PARTNER = 'partner:default/tempest';

/** The partner file at a stage, with the requester the intake template names. */
const partnerFile = (stage: string, changedBy?: string) => `
apiVersion: partners.governance.dev/v1alpha1
kind: Partner
metadata:
  name: tempest
  ${
    changedBy
      ? `annotations: { partners.governance.dev/changed-by: ${changedBy} }`
      : ''
  }
spec:
  type: integrator
  owner: group:partner-ops
  lifecycle: { stage: ${stage}, stageOwners: { ${stage}: group:partner-ops } }
  risk: { tier: medium }
`;

/*
 * Files → catalog → partners backend, all real: the catalog reads a partner
 * file, the backend's sync records the stage it sees; the file changes, the
 * catalog reads it again, and the next sync records the move, with the
 * requester the file names, where the catalog read it and whether the
 * lifecycle allows it.
 */
describe('the stage history of a partner whose file changes between two syncs', () => {
  const mockDir = createMockDirectory();
  let backend: TestBackend;

  const call = async (
    method: 'GET' | 'POST',
    route: string,
    caller: string,
  ) => {
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api${route}`,
      {
        method,
        headers: {
          authorization: `Bearer ${mockCredentials.user.token(caller)}`,
        },
      },
    );
    return { status: response.status, body: await response.json() };
  };

  /** Waits until the catalog serves the partner at `stage`. */
  const catalogHas = async (stage: string) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { status, body } = await call(
        'GET',
        '/catalog/entities/by-name/partner/default/tempest',
        NOOR,
      );
      if (status === 200 && body.spec.lifecycle.stage === stage) {
        return body;
      }
      if (Date.now() > deadline) {
        throw new Error(`the catalog never served tempest at ${stage}`);
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  };

  beforeAll(async () => {
    mockDir.setContent({ 'tempest.yaml': partnerFile('onboarding') });
    backend = await startTestBackend({
      features: [
        catalogBackend,
        catalogModulePartners,
        permissionBackend,
        partnersExamplePermissionPolicyModule,
        partnersBackend,
        httpAuthWithActors,
        userInfoOf(GROUPS),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Location', 'Partner', 'PartnerIntegration'] }],
              locations: [
                { type: 'file', target: mockDir.resolve('tempest.yaml') },
              ],
              // read the file again within a second or two of a change
              processingInterval: { seconds: 1 },
              stitchingStrategy: { pollingInterval: { milliseconds: 100 } },
            },
            // no scheduled sync: the test asks for each one
            partners: {
              sync: {
                schedule: {
                  frequency: { hours: 1 },
                  timeout: { minutes: 1 },
                  initialDelay: { hours: 1 },
                },
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('records the first sighting, then the move the file made, as the sync saw them', async () => {
    const entity = await catalogHas('onboarding');
    const location =
      entity.metadata.annotations['backstage.io/managed-by-location'];
    expect(location).toBe(`file:${mockDir.resolve('tempest.yaml')}`);

    expect((await call('POST', '/partners/sync', NOOR)).status).toBe(200);
    mockDir.setContent({
      'tempest.yaml': partnerFile('measurement', 'user:pia-keller'),
    });
    await catalogHas('measurement');
    expect((await call('POST', '/partners/sync', NOOR)).status).toBe(200);

    // stages are public: a user with no stake reads them, without who synced
    const { status, body } = await call(
      'GET',
      `/partners/partners/${encodeURIComponent(PARTNER)}/stage-history`,
      STRANGER,
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      partnerRef: PARTNER,
      items: [
        {
          id: expect.any(Number),
          stage: 'measurement',
          previousStage: 'onboarding',
          seenAt: expect.any(String),
          allowed: false,
          problem: 'skips enablement',
          changedBy: PARTNER_OWNER,
          sourceLocation: location,
        },
        {
          id: expect.any(Number),
          stage: 'onboarding',
          seenAt: body.historyStartsAt,
          allowed: true,
          sourceLocation: location,
        },
      ],
      historyStartsAt: expect.any(String),
    });
    const security = await call(
      'GET',
      `/partners/partners/${encodeURIComponent(PARTNER)}/stage-history`,
      NOOR,
    );
    expect(
      security.body.items.map(
        (item: { recordedBy: string }) => item.recordedBy,
      ),
    ).toEqual([NOOR, NOOR]);

    // the move is a finding of the partner, and an event of its audit trail
    const findings = await call(
      'GET',
      `/partners/findings?partner=${encodeURIComponent(PARTNER)}`,
      NOOR,
    );
    expect(
      findings.body.items
        .filter(
          (f: { ruleId: string }) =>
            f.ruleId === 'lifecycle-transition-invalid',
        )
        .map((f: { message: string }) => f.message),
    ).toEqual([
      expect.stringMatching(
        /^Moved from onboarding to measurement \(seen .+, requested by user:default\/pia-keller\): skips enablement$/,
      ),
    ]);
    const audit = await call(
      'GET',
      `/partners/audit?action=partner.stage-changed`,
      NOOR,
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: NOOR,
        subjectRef: PARTNER,
        before: { stage: 'onboarding' },
        after: {
          stage: 'measurement',
          allowed: false,
          changedBy: PARTNER_OWNER,
          sourceLocation: location,
        },
      }),
    ]);
  });
});
