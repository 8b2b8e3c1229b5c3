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
import { PartnerEntitiesProcessor } from './PartnerEntitiesProcessor';
import {
  integration,
  location,
  partner,
  relation,
} from '../__testUtils__/entities';

describe('PartnerEntitiesProcessor', () => {
  const processor = new PartnerEntitiesProcessor();

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
  });
});
