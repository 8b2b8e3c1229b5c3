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

import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { checkPaths } from '@partner-governance/partners-cli';
import { readPartnersConfig } from '@partner-governance/plugin-partners-common';
import { load } from 'js-yaml';
import request from 'supertest';
import { GITHUB_TOKEN, TODAY, config } from './__testUtils__/fixtures';
import { scaffolderModulePartners } from './module';

jest.setTimeout(60_000);

/*
 * The onboarding template of examples/templates, as the portal's template
 * editor runs it: through the real scaffolder backend's dry run, with the
 * GitHub module's publish:github:pull-request and this module's actions.
 */

const TEMPLATE = load(
  require('node:fs').readFileSync(
    path.resolve(__dirname, '../../../examples/templates/onboard-partner.yaml'),
    'utf8',
  ),
);

/** What a filled-in form sends. */
const VALUES = {
  name: 'acme-logistics',
  title: 'Acme Logistics',
  type: 'integrator',
  owner: 'group:default/partner-operations',
  riskTier: 'high',
  dataAccess: ['customer-pii'],
  onboardingOwner: 'group:default/partner-operations',
  dueDiligenceReference: 'TPRM-2001',
  dueDiligenceCompleted: '2026-11-20',
  contractStart: '2026-12-01',
  contractEnd: '2028-11-30',
  integrationName: 'acme-order-sync',
  integrationType: 'api',
  integrationOwner: 'group:default/team-orders',
  environment: 'production',
  accessPackage: 'orders-read',
  accesses: ['component:default/orders-service'],
  identities: [
    {
      name: 'acme-orders-client',
      type: 'oauth-client',
      scopes: ['orders:read'],
      secretRef: 'vault:partners/acme/orders-client',
      expires: '2027-12-01',
    },
  ],
  repoUrl: 'github.com?owner=example&repo=partners',
  failOn: 'high',
};

describe('the onboarding template, through the scaffolder dry run', () => {
  const output = createMockDirectory();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        scaffolderModulePartners,
        mockServices.rootConfig.factory({
          data: {
            ...config.get(),
            // The dry run of publish:github:pull-request wants a token for
            // the host but sends nothing to it.
            integrations: {
              github: [{ host: 'github.com', token: 'dry-run-only' }],
            },
          },
        }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
  });

  afterAll(() => backend.stop());

  const dryRun = (values: object) =>
    request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('authorization', mockCredentials.user.header())
      .send({ template: TEMPLATE, values, secrets: {}, directoryContents: [] });

  it('writes the partner file, checks it and reports the pull request it would open', async () => {
    const response = await dryRun(VALUES);
    expect(response.status).toBe(200);

    const files = response.body.directoryContents.map((f: any) => f.path);
    expect(files).toEqual(['partners/acme-logistics.yaml']);
    // The step logs as the console does: the level first, in colour.
    const prefix = `${String.fromCharCode(27)}[32minfo${String.fromCharCode(
      27,
    )}[39m: `;
    const messages: string[] = response.body.log.map((entry: any) =>
      entry.body.message.replace(prefix, ''),
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        'Wrote partners/acme-logistics.yaml with 0 finding(s) below high',
        '2 entities valid, 0 finding(s) below high',
        'Performing dry run of creating pull request',
      ]),
    );
    expect(response.body.output).toEqual({
      links: [
        {
          title: 'Pull request',
          url: 'github.com?owner=example&repo=partners',
        },
      ],
      text: [
        {
          title: 'Partner file',
          content: expect.stringContaining(
            '`partners/acme-logistics.yaml` holds `partner:default/acme-logistics` and `partnerintegration:default/acme-order-sync`',
          ),
        },
      ],
    });

    // What the pull request would hold passes the partners command line.
    output.setContent({
      'acme-logistics.yaml': Buffer.from(
        response.body.directoryContents[0].base64Content,
        'base64',
      ).toString('utf8'),
    });
    const { report } = await checkPaths({
      paths: [output.path],
      config: readPartnersConfig(config),
      now: TODAY,
      findings: true,
    });
    expect(report).toMatchObject({ entities: 2, errors: [], findings: [] });
    const text = await fs.readFile(
      path.join(output.path, 'acme-logistics.yaml'),
      'utf8',
    );
    expect(text).toContain(
      'backstage.io/source-template: template:default/dry-run',
    );
  });

  it('fails the step on a finding at or above failOn, saying which', async () => {
    const response = await dryRun({ ...VALUES, riskTier: 'medium' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      name: 'InputError',
      message:
        '1 finding at or above high: risk-tier-understated (high) on partner:default/acme-logistics: Risk tier is medium but the partner holds sensitive data (customer-pii)',
    });
  });

  it('fails the step on a secret value, naming the field and never the value', async () => {
    const response = await dryRun({
      ...VALUES,
      identities: [{ ...VALUES.identities[0], secretRef: `${GITHUB_TOKEN}` }],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(
      /^Refused: integration\.identities\[0\]\.secretRef holds a secret value/,
    );
    expect(JSON.stringify(response.body)).not.toContain(GITHUB_TOKEN);
  });

  it('refuses values the form would not send, before any step runs', async () => {
    const response = await dryRun({ ...VALUES, name: 'Acme Logistics' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain(
      'does not match pattern',
    );
  });
});
