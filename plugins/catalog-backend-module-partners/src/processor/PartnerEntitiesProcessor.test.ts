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
import {
  processingResult,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  PartnerEntitiesProcessor,
  REJECTED_SECRETS_ANNOTATION,
} from './PartnerEntitiesProcessor';

// Secret-shaped values are built at runtime so that no secret scanner flags
// this file, and so that the assertions can look for the exact value.
const GITHUB_TOKEN = `${'gh'}${'p_'}${'x'.repeat(36)}`;
const PRIVATE_KEY = `${'-----BEGIN '}${'RSA PRIVATE KEY-----'}\nMIIEowIBAAKCAQEA${'q'.repeat(
  40,
)}\n${'-----END '}${'RSA PRIVATE KEY-----'}`;

const location: LocationSpec = {
  type: 'file',
  target: '/catalog/partners/acme.yaml',
};

function partner(overrides: Partial<Entity> = {}, spec = {}): Entity {
  return {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'Partner',
    metadata: { name: 'acme' },
    spec: {
      type: 'integrator',
      owner: 'group:partner-operations',
      lifecycle: { stage: 'enablement' },
      risk: { tier: 'high' },
      ...spec,
    },
    ...overrides,
  };
}

function integration(overrides: Partial<Entity> = {}, spec = {}): Entity {
  return {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'PartnerIntegration',
    metadata: { name: 'acme-orders' },
    spec: {
      partner: 'acme',
      type: 'api',
      owner: 'group:team-orders',
      identities: [
        {
          name: 'orders-client',
          type: 'oauth-client',
          secretRef: 'vault:partners/acme/orders-client',
        },
      ],
      ...spec,
    },
    ...overrides,
  };
}

const relation = (
  source: { kind: string; namespace: string; name: string },
  type: string,
  target: { kind: string; namespace: string; name: string },
) => processingResult.relation({ source, type, target });

describe('PartnerEntitiesProcessor', () => {
  const processor = new PartnerEntitiesProcessor();

  it('has a name', () => {
    expect(processor.getProcessorName()).toBe('PartnerEntitiesProcessor');
  });

  describe('validateEntityKind', () => {
    it('accepts a valid Partner', async () => {
      await expect(processor.validateEntityKind(partner())).resolves.toBe(true);
    });

    it('accepts a valid PartnerIntegration', async () => {
      await expect(processor.validateEntityKind(integration())).resolves.toBe(
        true,
      );
    });

    it('leaves foreign kinds to other processors', async () => {
      await expect(
        processor.validateEntityKind({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'orders-service' },
          spec: {
            type: 'service',
            owner: 'team-orders',
            lifecycle: 'production',
          },
        }),
      ).resolves.toBe(false);
      await expect(
        processor.validateEntityKind({
          ...partner(),
          kind: 'Component',
        }),
      ).resolves.toBe(false);
    });

    it('leaves a foreign apiVersion to other processors', async () => {
      await expect(
        processor.validateEntityKind({
          ...partner(),
          apiVersion: 'backstage.io/v1alpha1',
        }),
      ).resolves.toBe(false);
      await expect(
        processor.validateEntityKind({
          ...integration(),
          apiVersion: 'partners.governance.dev/v1beta9',
        }),
      ).resolves.toBe(false);
    });

    it('rejects a Partner without an owner with the schema message', async () => {
      const entity = partner();
      delete (entity.spec as Record<string, unknown>).owner;
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        /\/spec.*owner/,
      );
    });

    it('rejects an unknown type with the schema message', async () => {
      await expect(
        processor.validateEntityKind(partner({}, { type: 'franchise' })),
      ).rejects.toThrow(/\/spec\/type/);
      await expect(
        processor.validateEntityKind(
          integration({}, { type: 'carrier-pigeon' }),
        ),
      ).rejects.toThrow(/\/spec\/type/);
    });

    it('rejects an integration without a partner', async () => {
      const entity = integration();
      delete (entity.spec as Record<string, unknown>).partner;
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        /\/spec.*partner/,
      );
    });

    it('rejects duplicate identity names', async () => {
      await expect(
        processor.validateEntityKind(
          integration(
            {},
            {
              identities: [
                { name: 'k', type: 'api-key' },
                { name: 'k', type: 'token' },
              ],
            },
          ),
        ),
      ).rejects.toThrow('/spec/identities/1/name must be unique');
    });

    it('rejects an impossible calendar date', async () => {
      await expect(
        processor.validateEntityKind(
          partner({}, { contract: { start: '2026-02-30' } }),
        ),
      ).rejects.toThrow('/spec/contract/start must be a real calendar date');
    });

    it('rejects a secret value, naming the field and never the value', async () => {
      const entity = integration(
        {},
        {
          identities: [
            {
              name: 'orders-client',
              type: 'token',
              secretRef: GITHUB_TOKEN,
            },
          ],
        },
      );
      const error: Error = await processor.validateEntityKind(entity).then(
        () => {
          throw new Error('expected a rejection');
        },
        e => e,
      );
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toContain('spec.identities[0].secretRef');
      expect(error.message).toContain('a GitHub token');
      expect(error.message).not.toContain(GITHUB_TOKEN);
      expect(error.message).not.toContain('x'.repeat(36));
      expect(String(error.stack)).not.toContain(GITHUB_TOKEN);
    });

    it('rejects secret values found under secret-named keys and in metadata', async () => {
      const password = `hunter${'2'.repeat(3)}-${'correct'}`;
      const entity = partner(
        { metadata: { name: 'acme', description: PRIVATE_KEY } },
        { password },
      );
      const error: Error = await processor.validateEntityKind(entity).then(
        () => {
          throw new Error('expected a rejection');
        },
        e => e,
      );
      expect(error.message).toContain('metadata.description');
      expect(error.message).toContain('a private key block');
      expect(error.message).toContain('spec.password');
      expect(error.message).not.toContain(password);
      expect(error.message).not.toContain('MIIEowIBAAKCAQEA');
      expect(error.message).not.toContain('BEGIN RSA PRIVATE KEY');
    });

    it('allows a secretRef that names where the secret lives', async () => {
      await expect(
        processor.validateEntityKind(
          integration(
            {},
            {
              identities: [
                {
                  name: 'orders-client',
                  type: 'token',
                  secretRef:
                    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme',
                },
              ],
            },
          ),
        ),
      ).resolves.toBe(true);
    });

    it('rejects an entity carrying the rejected-secrets annotation', async () => {
      const entity = integration({
        metadata: {
          name: 'acme-orders',
          annotations: {
            [REJECTED_SECRETS_ANNOTATION]: JSON.stringify([
              { path: 'spec.identities[0].token', shape: 'a GitHub token' },
            ]),
          },
        },
      });
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        /^spec\.identities\[0\]\.token holds a secret value \(a GitHub token\)/,
      );
    });

    it('rejects an entity whose rejected-secrets annotation is unreadable', async () => {
      const entity = partner({
        metadata: {
          name: 'acme',
          annotations: { [REJECTED_SECRETS_ANNOTATION]: 'not json' },
        },
      });
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        'metadata.annotations holds a secret value',
      );
    });
  });

  describe('postProcessEntity', () => {
    it('emits ownedBy/ownerOf for a Partner', async () => {
      const emit = jest.fn();
      const entity = partner();
      await expect(
        processor.postProcessEntity(entity, location, emit),
      ).resolves.toBe(entity);
      const self = { kind: 'Partner', namespace: 'default', name: 'acme' };
      const owner = {
        kind: 'group',
        namespace: 'default',
        name: 'partner-operations',
      };
      expect(emit.mock.calls.map(([result]) => result)).toEqual([
        relation(self, 'ownedBy', owner),
        relation(owner, 'ownerOf', self),
      ]);
    });

    it('defaults the owner kind of a Partner to Group', async () => {
      const emit = jest.fn();
      await processor.postProcessEntity(
        partner({}, { owner: 'alliances' }),
        location,
        emit,
      );
      const self = { kind: 'Partner', namespace: 'default', name: 'acme' };
      const owner = { kind: 'Group', namespace: 'default', name: 'alliances' };
      expect(emit.mock.calls.map(([result]) => result)).toEqual([
        relation(self, 'ownedBy', owner),
        relation(owner, 'ownerOf', self),
      ]);
    });

    it('emits every relation of an integration, both directions', async () => {
      const emit = jest.fn();
      const entity = integration(
        {},
        {
          partner: 'acme',
          owner: 'group:team-orders',
          accesses: [
            'orders-service',
            'api:orders-api',
            'resource:x',
            'system:y',
            'component:other-ns/thing',
          ],
          identities: [
            // equal to the owner once the default kind is applied: skipped
            { name: 'a', type: 'api-key', custodian: 'team-orders' },
            // equal to the owner compared case-insensitively: skipped
            {
              name: 'b',
              type: 'api-key',
              custodian: 'Group:Default/Team-Orders',
            },
            { name: 'c', type: 'token', custodian: 'user:alice' },
            // the same custodian again: emitted once
            { name: 'd', type: 'token', custodian: 'user:default/alice' },
            { name: 'e', type: 'certificate', custodian: 'security' },
            // no custodian: defaults to the owner, nothing to emit
            { name: 'f', type: 'ssh-key' },
            { name: 'g', type: 'ssh-key', custodian: 'User:Alice' },
          ],
        },
      );
      await expect(
        processor.postProcessEntity(entity, location, emit),
      ).resolves.toBe(entity);

      const self = {
        kind: 'PartnerIntegration',
        namespace: 'default',
        name: 'acme-orders',
      };
      const ref = (kind: string, name: string, namespace = 'default') => ({
        kind,
        namespace,
        name,
      });
      const both = (
        target: { kind: string; namespace: string; name: string },
        outgoing: string,
        incoming: string,
      ) => [relation(self, outgoing, target), relation(target, incoming, self)];

      expect(emit.mock.calls.map(([result]) => result)).toEqual([
        ...both(ref('group', 'team-orders'), 'ownedBy', 'ownerOf'),
        ...both(ref('Partner', 'acme'), 'partOf', 'hasPart'),
        ...both(ref('Component', 'orders-service'), 'accesses', 'accessedBy'),
        ...both(ref('api', 'orders-api'), 'accesses', 'accessedBy'),
        ...both(ref('resource', 'x'), 'accesses', 'accessedBy'),
        ...both(ref('system', 'y'), 'accesses', 'accessedBy'),
        ...both(
          ref('component', 'thing', 'other-ns'),
          'accesses',
          'accessedBy',
        ),
        ...both(ref('user', 'alice'), 'custodiedBy', 'custodianOf'),
        ...both(ref('Group', 'security'), 'custodiedBy', 'custodianOf'),
      ]);
    });

    it('resolves refs in the namespace of a non-default-namespace entity', async () => {
      const emit = jest.fn();
      const entity = integration(
        { metadata: { name: 'acme-orders', namespace: 'partners-eu' } },
        {
          partner: 'acme',
          owner: 'team-orders',
          accesses: ['orders-service', 'api:default/orders-api'],
          identities: [
            {
              name: 'a',
              type: 'api-key',
              custodian: 'group:partners-eu/team-orders',
            },
            {
              name: 'b',
              type: 'api-key',
              custodian: 'group:default/team-orders',
            },
          ],
        },
      );
      await processor.postProcessEntity(entity, location, emit);

      const self = {
        kind: 'PartnerIntegration',
        namespace: 'partners-eu',
        name: 'acme-orders',
      };
      const eu = (kind: string, name: string) => ({
        kind,
        namespace: 'partners-eu',
        name,
      });
      expect(emit.mock.calls.map(([result]) => result)).toEqual([
        relation(self, 'ownedBy', eu('Group', 'team-orders')),
        relation(eu('Group', 'team-orders'), 'ownerOf', self),
        relation(self, 'partOf', eu('Partner', 'acme')),
        relation(eu('Partner', 'acme'), 'hasPart', self),
        relation(self, 'accesses', eu('Component', 'orders-service')),
        relation(eu('Component', 'orders-service'), 'accessedBy', self),
        relation(self, 'accesses', {
          kind: 'api',
          namespace: 'default',
          name: 'orders-api',
        }),
        relation(
          { kind: 'api', namespace: 'default', name: 'orders-api' },
          'accessedBy',
          self,
        ),
        // group:default/team-orders is a different group than the owner,
        // which lives in partners-eu
        relation(self, 'custodiedBy', {
          kind: 'group',
          namespace: 'default',
          name: 'team-orders',
        }),
        relation(
          { kind: 'group', namespace: 'default', name: 'team-orders' },
          'custodianOf',
          self,
        ),
      ]);
    });

    it('emits nothing for other kinds', async () => {
      const emit = jest.fn();
      const component: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'orders-service' },
        spec: {
          type: 'service',
          owner: 'team-orders',
          lifecycle: 'production',
        },
      };
      await expect(
        processor.postProcessEntity(component, location, emit),
      ).resolves.toBe(component);
      // a partner-shaped entity of another apiVersion is not ours either
      await processor.postProcessEntity(
        { ...partner(), apiVersion: 'backstage.io/v1alpha1' },
        location,
        emit,
      );
      expect(emit).not.toHaveBeenCalled();
    });

    it('emits an input error for an unparsable ref and carries on', async () => {
      const emit = jest.fn();
      const entity = integration(
        {},
        {
          partner: 'acme',
          owner: 'group:',
          accesses: [':', 'orders-service'],
          identities: [{ name: 'a', type: 'api-key', custodian: 'user:bob' }],
        },
      );
      await expect(
        processor.postProcessEntity(entity, location, emit),
      ).resolves.toBe(entity);

      const self = {
        kind: 'PartnerIntegration',
        namespace: 'default',
        name: 'acme-orders',
      };
      const results = emit.mock.calls.map(([result]) => result);
      expect(results).toEqual([
        {
          type: 'error',
          location,
          error: expect.objectContaining({
            name: 'InputError',
            message: expect.stringContaining(
              'partnerintegration:default/acme-orders has an invalid entity reference in spec.owner',
            ),
          }),
        },
        relation(self, 'partOf', {
          kind: 'Partner',
          namespace: 'default',
          name: 'acme',
        }),
        relation(
          { kind: 'Partner', namespace: 'default', name: 'acme' },
          'hasPart',
          self,
        ),
        {
          type: 'error',
          location,
          error: expect.objectContaining({
            name: 'InputError',
            message: expect.stringContaining(
              'invalid entity reference in spec.accesses',
            ),
          }),
        },
        relation(self, 'accesses', {
          kind: 'Component',
          namespace: 'default',
          name: 'orders-service',
        }),
        relation(
          { kind: 'Component', namespace: 'default', name: 'orders-service' },
          'accessedBy',
          self,
        ),
        relation(self, 'custodiedBy', {
          kind: 'user',
          namespace: 'default',
          name: 'bob',
        }),
        relation(
          { kind: 'user', namespace: 'default', name: 'bob' },
          'custodianOf',
          self,
        ),
      ]);
      expect(results[0]).toEqual(
        processingResult.inputError(location, results[0].error.message),
      );
      expect(results[0].error.message).toContain('"group:"');
    });

    it('reports an unparsable custodian', async () => {
      const emit = jest.fn();
      await processor.postProcessEntity(
        integration(
          {},
          {
            identities: [
              { name: 'a', type: 'api-key', custodian: 'group:ns/' },
            ],
          },
        ),
        location,
        emit,
      );
      const errors = emit.mock.calls
        .map(([result]) => result)
        .filter(result => result.type === 'error');
      expect(errors).toEqual([
        expect.objectContaining({
          location,
          error: expect.objectContaining({
            message: expect.stringContaining('spec.identities[].custodian'),
          }),
        }),
      ]);
    });
  });
});
