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
import { PARTNERS_API_VERSION } from './PartnerEntityV1alpha1';
import {
  IDENTITY_TYPES,
  PARTNER_INTEGRATION_TYPES,
  identityStatus,
  isPartnerIntegrationEntityV1alpha1,
  partnerIntegrationEntityV1alpha1Validator as validator,
  type PartnerIdentity,
} from './PartnerIntegrationEntityV1alpha1';

function validIntegration(): any {
  return {
    apiVersion: PARTNERS_API_VERSION,
    kind: 'PartnerIntegration',
    metadata: { name: 'lumen-order-sync', title: 'Lumen order sync' },
    spec: {
      partner: 'lumen-integrations',
      type: 'api',
      owner: 'group:team-orders',
      environment: 'production',
      accessPackage: 'orders-read',
      accesses: ['api:orders-api', 'component:orders-service'],
      identities: [
        {
          name: 'lumen-orders-client',
          type: 'oauth-client',
          custodian: 'group:team-orders',
          scopes: ['orders:read'],
          privileged: false,
          environment: 'production',
          secretRef: 'vault:partners/lumen/orders-client',
          observedAs: 'partner-db:partner_lumen_orders',
          issued: '2026-03-02',
          lastRotated: '2026-10-01T08:00:00Z',
          rotationDays: 60,
          expires: '2027-03-01',
          lastUsed: '2026-11-25',
          sharedWith: ['partnerintegration:lumen-reporting'],
          status: 'active',
        },
        {
          name: 'lumen-webhook',
          type: 'webhook-secret',
          secretRef:
            'arn:aws:secretsmanager:eu-west-1:123456789012:secret:partners/lumen/webhook-AbCdEf',
        },
      ],
    },
  };
}

function errorOf(data: unknown): string | undefined {
  try {
    validator.checkSync(data);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
}

describe('partnerIntegrationEntityV1alpha1Validator', () => {
  it('accepts a valid PartnerIntegration', async () => {
    const integration = validIntegration();
    expect(validator.checkSync(integration)).toBe(true);
    await expect(validator.check(integration)).resolves.toBe(true);
  });

  it('accepts a minimal PartnerIntegration and every type', () => {
    for (const type of PARTNER_INTEGRATION_TYPES) {
      const integration = validIntegration();
      integration.spec = { partner: 'partner:acme', type, owner: 'user:jane' };
      expect(validator.checkSync(integration)).toBe(true);
    }
  });

  it('accepts every identity type and status', () => {
    const integration = validIntegration();
    integration.spec.identities = IDENTITY_TYPES.map((type, i) => ({
      name: `id-${i}`,
      type,
      status: ['active', 'suspended', 'revoked'][i % 3],
    }));
    expect(validator.checkSync(integration)).toBe(true);
  });

  it('returns false for a foreign kind or apiVersion', async () => {
    const api = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'orders-api' },
      spec: {
        type: 'openapi',
        owner: 'team-orders',
        lifecycle: 'production',
        definition: '{}',
      },
    };
    expect(validator.checkSync(api)).toBe(false);
    await expect(validator.check(api)).resolves.toBe(false);

    const otherVersion = validIntegration();
    otherVersion.apiVersion = 'partners.governance.dev/v2';
    expect(validator.checkSync(otherVersion)).toBe(false);

    const partner = validIntegration();
    partner.kind = 'Partner';
    expect(validator.checkSync(partner)).toBe(false);
  });

  it.each<[string, (spec: any) => void, string, string]>([
    [
      'missing spec.owner',
      spec => delete spec.owner,
      '/spec ',
      "must have required property 'owner'",
    ],
    [
      'missing spec.partner',
      spec => delete spec.partner,
      '/spec ',
      "'partner'",
    ],
    [
      'unknown spec.type',
      spec => (spec.type = 'ftp'),
      '/spec/type ',
      'allowed values',
    ],
    [
      'unknown environment',
      spec => (spec.environment = 'prod'),
      '/spec/environment ',
      'allowed values',
    ],
    [
      'wrong type of accesses',
      spec => (spec.accesses = 'api:orders-api'),
      '/spec/accesses ',
      'must be array',
    ],
    [
      'unknown extra spec field',
      spec => (spec.password = 'x'),
      '/spec ',
      'additionalProperty: password',
    ],
    [
      'unknown extra identity field',
      spec => (spec.identities[0].secret = 'x'),
      '/spec/identities/0 ',
      'additionalProperty: secret',
    ],
    [
      'missing identity name',
      spec => delete spec.identities[1].name,
      '/spec/identities/1 ',
      "must have required property 'name'",
    ],
    [
      'empty identity name',
      spec => (spec.identities[0].name = ''),
      '/spec/identities/0/name ',
      'fewer than 1',
    ],
    [
      'missing identity type',
      spec => delete spec.identities[0].type,
      '/spec/identities/0 ',
      "'type'",
    ],
    [
      'unknown identity type',
      spec => (spec.identities[1].type = 'password'),
      '/spec/identities/1/type ',
      'allowed values',
    ],
    [
      'observedAs without a source id',
      spec => (spec.identities[0].observedAs = 'partner_lumen_orders'),
      '/spec/identities/0/observedAs ',
      'must match pattern',
    ],
    [
      'observedAs with an empty external id',
      spec => (spec.identities[0].observedAs = 'partner-db:'),
      '/spec/identities/0/observedAs ',
      'must match pattern',
    ],
    [
      'observedAs with a newline',
      spec => (spec.identities[0].observedAs = 'ldap:cn=x\ncn=y'),
      '/spec/identities/0/observedAs ',
      'must match pattern',
    ],
    [
      'observedAs over 1024 characters',
      spec => (spec.identities[0].observedAs = `ldap:${'o'.repeat(1020)}`),
      '/spec/identities/0/observedAs ',
      'more than 1024',
    ],
    [
      'unknown identity status',
      spec => (spec.identities[0].status = 'disabled'),
      '/spec/identities/0/status ',
      'allowed values',
    ],
    [
      'unknown identity environment',
      spec => (spec.identities[0].environment = 'dev'),
      '/spec/identities/0/environment ',
      'allowed values',
    ],
    [
      'privileged not a boolean',
      spec => (spec.identities[0].privileged = 'yes'),
      '/spec/identities/0/privileged ',
      'must be boolean',
    ],
    [
      'rotationDays 0',
      spec => (spec.identities[0].rotationDays = 0),
      '/spec/identities/0/rotationDays ',
      'must be >= 1',
    ],
    [
      'rotationDays 1.5',
      spec => (spec.identities[0].rotationDays = 1.5),
      '/spec/identities/0/rotationDays ',
      'must be integer',
    ],
    [
      'rotationDays as a string',
      spec => (spec.identities[0].rotationDays = '30'),
      '/spec/identities/0/rotationDays ',
      'must be integer',
    ],
    [
      'date with a bad pattern',
      spec => (spec.identities[0].expires = 'next year'),
      '/spec/identities/0/expires ',
      'must match pattern',
    ],
    [
      'date without zero padding',
      spec => (spec.identities[0].issued = '2026-3-2'),
      '/spec/identities/0/issued ',
      'must match pattern',
    ],
    [
      'non-calendar date',
      spec => (spec.identities[0].expires = '2026-02-30'),
      '/spec/identities/0/expires ',
      'must be a real calendar date - value: 2026-02-30',
    ],
    [
      'non-calendar lastUsed on the second identity',
      spec => (spec.identities[1].lastUsed = '2026-06-31T10:00:00Z'),
      '/spec/identities/1/lastUsed ',
      'real calendar date',
    ],
    [
      'duplicate identity names',
      spec => (spec.identities[1].name = spec.identities[0].name),
      '/spec/identities/1/name ',
      'must be unique within the integration - duplicate: lumen-orders-client',
    ],
    [
      'a newline in an identity name',
      spec => (spec.identities[0].name = 'orders\nforged line'),
      '/spec/identities/0/name ',
      'must match pattern',
    ],
    [
      'a terminal escape in an identity name',
      spec => (spec.identities[0].name = 'orders\u001b[31mred'),
      '/spec/identities/0/name ',
      'must match pattern',
    ],
    [
      'a C1 control character in a scope',
      spec => (spec.identities[0].scopes = ['orders:read\u009b2J']),
      '/spec/identities/0/scopes/0 ',
      'must match pattern',
    ],
    [
      'an identity name longer than 253 characters',
      spec => (spec.identities[0].name = 'a'.repeat(254)),
      '/spec/identities/0/name ',
      'must NOT have more than 253 characters',
    ],
  ])(
    'throws a TypeError naming the field for %s',
    (_, mutate, pointer, text) => {
      const integration = validIntegration();
      mutate(integration.spec);
      const message = errorOf(integration);
      expect(message).toBeDefined();
      expect(message!.startsWith(pointer)).toBe(true);
      expect(message).toContain(text);
    },
  );

  it('names the later of two duplicates', () => {
    const integration = validIntegration();
    integration.spec.identities.push({ name: 'lumen-webhook', type: 'token' });
    expect(errorOf(integration)).toMatch(/^\/spec\/identities\/2\/name /);
  });

  it('accepts observedAs in the forms of the shipped sources, up to 1024 characters', () => {
    for (const observedAs of [
      'partner-db:partner_lumen_orders',
      'directory:uid=svc-lumen,ou=partners,dc=example,dc=com',
      'aws_prod:lumen-sync/key2',
      `p:${'o'.repeat(1022)}`,
    ]) {
      const entity = validIntegration();
      entity.spec.identities[0].observedAs = observedAs;
      expect([observedAs, errorOf(entity)]).toEqual([observedAs, undefined]);
    }
  });

  it('accepts identity names that differ only in case', () => {
    const integration = validIntegration();
    integration.spec.identities[1].name = 'LUMEN-ORDERS-CLIENT';
    expect(validator.checkSync(integration)).toBe(true);
  });

  it('accepts a timestamp with an hour-only offset, as the schema pattern allows', () => {
    const integration = validIntegration();
    integration.spec.identities[0].lastUsed = '2026-11-25T10:00:00-05';
    expect(errorOf(integration)).toBeUndefined();
  });

  it('rejects asynchronously through check as well', async () => {
    const integration = validIntegration();
    integration.spec.identities[0].rotationDays = 0;
    await expect(validator.check(integration)).rejects.toThrow(
      /^\/spec\/identities\/0\/rotationDays /,
    );
  });
});

describe('isPartnerIntegrationEntityV1alpha1', () => {
  it('tells PartnerIntegrations of this apiVersion from anything else', () => {
    const integration = validIntegration() as Entity;
    expect(isPartnerIntegrationEntityV1alpha1(integration)).toBe(true);
    expect(
      isPartnerIntegrationEntityV1alpha1({ ...integration, kind: 'Partner' }),
    ).toBe(false);
    expect(
      isPartnerIntegrationEntityV1alpha1({
        ...integration,
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).toBe(false);
  });
});

describe('identityStatus', () => {
  it('defaults to active', () => {
    const token: PartnerIdentity = { name: 'a', type: 'token' };
    expect(identityStatus(token)).toBe('active');
    expect(identityStatus({ ...token, status: 'revoked' })).toBe('revoked');
    expect(identityStatus({ ...token, status: 'suspended' })).toBe('suspended');
  });
});
