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

import type { Entity } from '@backstage/catalog-model';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { checkPaths } from '@partner-governance/partners-cli';
import { readPartnersConfig } from '@partner-governance/plugin-partners-common';
import { readEntityDocuments } from '@partner-governance/plugin-partners-node';
import {
  GITHUB_TOKEN,
  TODAY,
  config,
  onboarding,
} from '../__testUtils__/fixtures';
import { createPartnerEntitiesAction } from './createPartnerEntities';

describe('partners:entities:create', () => {
  const workspace = createMockDirectory();
  const action = createPartnerEntitiesAction({ config, now: () => TODAY });

  beforeEach(() => workspace.clear());

  const run = async (input: unknown, extra: object = {}) => {
    const context = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
      ...extra,
    });
    await action.handler(context);
    return context;
  };
  const written = () => fs.readdir(workspace.path, { recursive: true });

  it('writes both entities as one YAML file that the command line passes', async () => {
    const context = await run(onboarding(), {
      templateInfo: { entityRef: 'template:default/onboard-partner' },
      user: { ref: 'user:default/jane' },
    });

    expect(context.output).toHaveBeenCalledWith(
      'filePath',
      path.join('partners', 'acme-logistics.yaml'),
    );
    expect(context.output).toHaveBeenCalledWith(
      'partnerRef',
      'partner:default/acme-logistics',
    );
    expect(context.output).toHaveBeenCalledWith(
      'integrationRef',
      'partnerintegration:default/acme-order-sync',
    );
    expect(context.output).toHaveBeenCalledWith('findings', []);

    const file = path.join(workspace.path, 'partners', 'acme-logistics.yaml');
    const { documents, error } = await readEntityDocuments(
      await fs.readFile(file),
    );
    expect(error).toBeUndefined();
    expect(documents.map(d => d.data)).toEqual([
      {
        apiVersion: 'partners.governance.dev/v1alpha1',
        kind: 'Partner',
        metadata: {
          name: 'acme-logistics',
          title: 'Acme Logistics',
          description: 'Ships orders for the EU storefront',
          annotations: {
            'backstage.io/source-template': 'template:default/onboard-partner',
            // who ran the template, for the partner's stage history
            'partners.governance.dev/changed-by': 'user:default/jane',
          },
        },
        spec: {
          type: 'integrator',
          owner: 'group:default/partner-operations',
          lifecycle: {
            stage: 'onboarding',
            stageOwners: {
              onboarding: 'group:default/partner-operations',
              enablement: 'group:default/team-orders',
            },
          },
          risk: {
            tier: 'high',
            dataAccess: ['customer-pii'],
            dueDiligence: { reference: 'TPRM-2001', completed: '2026-11-20' },
          },
          contract: { start: '2026-12-01', end: '2028-11-30' },
        },
      },
      {
        apiVersion: 'partners.governance.dev/v1alpha1',
        kind: 'PartnerIntegration',
        metadata: {
          name: 'acme-order-sync',
          annotations: {
            'backstage.io/source-template': 'template:default/onboard-partner',
          },
        },
        spec: {
          partner: 'acme-logistics',
          type: 'api',
          owner: 'group:default/team-orders',
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
        },
      },
    ]);

    const { report } = await checkPaths({
      paths: [file],
      config: readPartnersConfig(config),
      now: TODAY,
      findings: true,
    });
    expect(report).toMatchObject({ entities: 2, errors: [], findings: [] });
  });

  it('outputs the findings below failOn and writes the file', async () => {
    const input = onboarding();
    delete (input.integration.identities[0] as any).expires;
    const context = await run(input);
    expect(context.output).toHaveBeenCalledWith('findings', [
      expect.objectContaining({
        ruleId: 'identity-no-expiry',
        severity: 'low',
        entityRef: 'partnerintegration:default/acme-order-sync',
        identity: 'acme-orders-client',
      }),
    ]);
    expect(await written()).toContain(
      path.join('partners', 'acme-logistics.yaml'),
    );
  });

  it.each([
    [
      'partner.description',
      (i: any) => (i.partner.description = `token ${GITHUB_TOKEN}`),
    ],
    [
      'partner.dueDiligence.reference',
      (i: any) => (i.partner.dueDiligence.reference = GITHUB_TOKEN),
    ],
    [
      'integration.accesses[0]',
      (i: any) => (i.integration.accesses = [GITHUB_TOKEN]),
    ],
    [
      'integration.identities[0].name',
      (i: any) => (i.integration.identities[0].name = GITHUB_TOKEN),
    ],
    [
      'integration.identities[0].secretRef',
      (i: any) =>
        (i.integration.identities[0].secretRef = 'hunter2-but-longer'),
    ],
  ])(
    'refuses a secret value in %s, naming the field and never the value',
    async (field, plant) => {
      const input = onboarding();
      plant(input);
      const error = await run(input).catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.message).toContain(`${field} holds a secret value`);
      expect(error.message).not.toContain(GITHUB_TOKEN);
      expect(error.message).not.toContain('hunter2');
      expect(await written()).toEqual([]);
    },
  );

  it.each([
    ['partner', 'Acme Logistics!'],
    ['integration', '-acme-sync'],
  ])('refuses an invalid %s name as the catalog would', async (which, name) => {
    const input: any = onboarding();
    input[which].name = name;
    await expect(run(input)).rejects.toThrow(
      new RegExp(
        `made from input ${which} is not valid: "metadata.name" is not valid`,
      ),
    );
    expect(await written()).toEqual([]);
  });

  it('refuses a date that is not on the calendar, naming the field', async () => {
    const input = onboarding();
    input.partner.contract.end = '2027-02-30';
    await expect(run(input)).rejects.toThrow(
      'The Partner made from input partner is not valid: /spec/contract/end must be a real calendar date',
    );
  });

  it('refuses an access package the policy does not define', async () => {
    const input = onboarding();
    input.integration.accessPackage = 'everything';
    await expect(run(input)).rejects.toThrow(
      'integration.accessPackage: the policy defines no access package "everything"; choose one of orders-read, sandbox-full',
    );
  });

  it('refuses scopes outside the access package whatever failOn says', async () => {
    const input: any = onboarding();
    input.integration.identities[0].scopes = ['orders:read', 'orders:delete'];
    input.failOn = 'none';
    await expect(run(input)).rejects.toThrow(
      /identity-overprivileged \(high\) on partnerintegration:default\/acme-order-sync, identity acme-orders-client: .*outside access package "orders-read": orders:delete/,
    );
    expect(await written()).toEqual([]);
  });

  it('accepts a scope a package grants through a trailing wildcard', async () => {
    const input = onboarding();
    Object.assign(input.integration, {
      environment: 'sandbox',
      accessPackage: 'sandbox-full',
    });
    input.integration.identities[0].scopes = ['sandbox:admin'];
    await expect(run(input)).resolves.toBeDefined();
  });

  it('fails on findings at or above failOn, and passes them below it', async () => {
    const input: any = onboarding();
    input.partner.riskTier = 'medium';
    await expect(run(input)).rejects.toThrow(
      '1 finding at or above high: risk-tier-understated (high) on partner:default/acme-logistics: Risk tier is medium but the partner holds sensitive data (customer-pii)',
    );
    expect(await written()).toEqual([]);

    input.failOn = 'critical';
    const context = await run(input);
    expect(context.output).toHaveBeenCalledWith('findings', [
      expect.objectContaining({ ruleId: 'risk-tier-understated' }),
    ]);
  });

  it.each([
    [
      'a field over its limit',
      (i: any) => (i.partner.description = 'x'.repeat(1001)),
      'partner.description: String must contain at most 1000 character(s)',
    ],
    [
      'a list over its limit',
      (i: any) =>
        (i.integration.accesses = Array.from(
          { length: 51 },
          (_, n) => `component:default/service-${n}`,
        )),
      'integration.accesses: Array must contain at most 50 element(s)',
    ],
    [
      'an input over its size',
      (i: any) =>
        (i.integration.identities = Array.from({ length: 400 }, (_, n) => ({
          name: `identity-${n}`,
          type: 'api-key',
          scopes: Array.from({ length: 10 }, () => 'orders:read'),
        }))),
      /^The input is \d+ characters of JSON, more than the limit of 65536$/,
    ],
    [
      'an unknown field',
      (i: any) => (i.partner.password = 'vault:partners/acme'),
      "partner: Unrecognized key(s) in object: 'password'",
    ],
  ])('refuses %s', async (_what, plant, message) => {
    const input = onboarding();
    plant(input);
    await expect(run(input)).rejects.toThrow(message);
    expect(await written()).toEqual([]);
  });

  it('refuses to overwrite a file or to write outside the workspace', async () => {
    await run(onboarding());
    await expect(run(onboarding())).rejects.toThrow(
      `${path.join('partners', 'acme-logistics.yaml')} already exists`,
    );
    await expect(
      run({ ...onboarding(), targetPath: '../elsewhere' }),
    ).rejects.toThrow(/outside/);
  });

  it('writes in a dry run too, where the dry run shows it', async () => {
    const context = await run(onboarding(), { isDryRun: true });
    expect(context.output).toHaveBeenCalledWith(
      'filePath',
      path.join('partners', 'acme-logistics.yaml'),
    );
    expect(action.supportsDryRun).toBe(true);
  });

  it('reads the policy from the config at each run', async () => {
    const strict = createPartnerEntitiesAction({
      config: new ConfigReader({
        partners: { accessPackages: { 'orders-read': { scopes: [] } } },
      }),
      now: () => TODAY,
    });
    const context = createMockActionContext({
      input: onboarding() as any,
      workspacePath: workspace.path,
    });
    await expect(strict.handler(context)).rejects.toThrow(
      'outside access package "orders-read": orders:read',
    );
  });

  it('names as requester only a User the scaffolder gives, never one the form could', async () => {
    const annotationsOf = async (user?: { ref?: string }) => {
      workspace.clear();
      await run(onboarding(), user ? { user } : {});
      const { documents } = await readEntityDocuments(
        await fs.readFile(
          path.join(workspace.path, 'partners', 'acme-logistics.yaml'),
        ),
      );
      return documents.map(d => (d.data as Entity).metadata.annotations);
    };
    // the Partner only: the stage history reads it there
    expect(await annotationsOf({ ref: 'user:default/jane' })).toEqual([
      { 'partners.governance.dev/changed-by': 'user:default/jane' },
      undefined,
    ]);
    expect(await annotationsOf({ ref: 'group:default/team-orders' })).toEqual([
      undefined,
      undefined,
    ]);
    expect(await annotationsOf({ ref: 'not a ref:' })).toEqual([
      undefined,
      undefined,
    ]);
    expect(await annotationsOf()).toEqual([undefined, undefined]);
  });
});
