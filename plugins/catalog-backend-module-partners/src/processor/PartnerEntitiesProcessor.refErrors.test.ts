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

import { processingResult } from '@backstage/plugin-catalog-node';
import { PartnerEntitiesProcessor } from './PartnerEntitiesProcessor';
import { integration, location, relation } from '../__testUtils__/entities';

describe('PartnerEntitiesProcessor', () => {
  const processor = new PartnerEntitiesProcessor();

  describe('postProcessEntity', () => {
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
