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

import { SecretValueError } from '@partner-governance/plugin-partners-node';
import {
  PartnerEntitiesProcessor,
  REJECTED_SECRETS_ANNOTATION,
} from './PartnerEntitiesProcessor';
import {
  GITHUB_TOKEN,
  PRIVATE_KEY,
  integration,
  partner,
} from '../__testUtils__/entities';

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
      expect(error).toBeInstanceOf(SecretValueError);
      expect(error.name).toBe('SecretValueError');
      expect((error as SecretValueError).findings).toEqual([
        { path: 'spec.identities[0].secretRef', shape: 'a GitHub token' },
      ]);
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
});
