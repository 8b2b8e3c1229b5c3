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

import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { GITHUB_TOKEN, TODAY, config } from '../__testUtils__/fixtures';
import { createValidatePartnersAction } from './validatePartners';

const PARTNER = `apiVersion: partners.governance.dev/v1alpha1
kind: Partner
metadata:
  name: acme-logistics
spec:
  type: integrator
  owner: group:default/partner-operations
  lifecycle:
    stage: onboarding
    stageOwners:
      onboarding: group:default/partner-operations
  risk:
    tier: high
`;

const integration = (
  identity: string,
) => `apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: acme-order-sync
spec:
  partner: acme-logistics
  type: api
  owner: group:default/team-orders
  environment: production
  accessPackage: orders-read
  identities:
    - name: acme-orders-client
      type: oauth-client
      scopes: [orders:read]
      expires: '2027-12-01'
${identity}`;

describe('partners:validate', () => {
  const workspace = createMockDirectory();
  const action = createValidatePartnersAction({ config, now: () => TODAY });

  const run = async (input: object = {}) => {
    const context = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    await action.handler(context);
    return context;
  };

  it('passes valid partner files and outputs their findings below failOn', async () => {
    workspace.setContent({
      'partners/acme.yaml': `${PARTNER}---\n${integration('')}`,
    });
    const context = await run({ failOn: 'critical' });
    expect(context.output).toHaveBeenCalledWith('entities', 2);
    expect(context.output).toHaveBeenCalledWith('findings', []);
  });

  it('fails on an invalid entity, naming the file, the entity and the field', async () => {
    workspace.setContent({
      'partners/acme.yaml': `${PARTNER.replace(
        'type: integrator',
        'type: supplier',
      )}---\n${integration('')}`,
    });
    await expect(run()).rejects.toThrow(
      `2 errors in the partner files: ${path.join(
        'partners',
        'acme.yaml',
      )} partner:default/acme-logistics spec.type: must be equal to one of the allowed values`,
    );
  });

  it('fails on a secret value, naming the field and never the value', async () => {
    workspace.setContent({
      'partners/acme.yaml': `${PARTNER}---\n${integration(
        `      secretRef: ${GITHUB_TOKEN}\n`,
      )}`,
    });
    const error = await run().catch(e => e);
    expect(error.message).toContain(
      'partnerintegration:default/acme-order-sync spec.identities[0].secretRef: spec.identities[0].secretRef holds a secret value',
    );
    expect(error.message).not.toContain(GITHUB_TOKEN);
  });

  it('fails on findings at or above failOn', async () => {
    workspace.setContent({
      'partners/acme.yaml': `${PARTNER}---\n${integration(
        '      environment: sandbox\n',
      )}`,
    });
    await expect(run()).rejects.toThrow(
      /^2 findings at or above high: identity-overprivileged \(high\) .*; identity-environment-crossing \(high\)/,
    );
    await expect(run({ failOn: 'critical' })).resolves.toBeDefined();
  });

  it('fails when there is nothing to validate, or the path is not there', async () => {
    workspace.setContent({ 'partners/README.md': 'no partner here' });
    await expect(run()).rejects.toThrow(
      'No entities in partners: nothing to validate',
    );
    const error = await run({ paths: ['elsewhere'] }).catch(e => e);
    expect(error.message).toBe('Cannot read elsewhere: ENOENT');
  });

  it('refuses a path outside the workspace and oversize input', async () => {
    await expect(run({ paths: ['../..'] })).rejects.toThrow(/outside/);
    await expect(
      run({ paths: Array.from({ length: 21 }, (_, n) => `p${n}`) }),
    ).rejects.toThrow('paths: Array must contain at most 20 element(s)');
    await expect(run({ paths: ['x'.repeat(256)] })).rejects.toThrow(
      'paths.0: String must contain at most 255 character(s)',
    );
  });
});
