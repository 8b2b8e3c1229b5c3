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

import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { IndexableDocument } from '@backstage/plugin-search-common';
import { PARTNERS_API_VERSION } from '@partner-governance/plugin-partners-common';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PartnerIntegrationDocumentDecoratorFactory } from './PartnerIntegrationDocumentDecoratorFactory';

const integration = {
  title: 'Orders',
  text: '',
  location: '/catalog/default/partnerintegration/orders',
  authorization: { resourceRef: 'partnerintegration:default/orders' },
  kind: 'PartnerIntegration',
  partner: 'partner:default/tempest',
} as IndexableDocument;

const component = {
  title: 'tempest',
  text: '',
  location: '/catalog/default/component/tempest',
  kind: 'Component',
  // a field of the same name on another kind is not a partner ref
  partner: 'partner:default/tempest',
} as IndexableDocument;

const partner = (name: string, spec: object, title?: string) => ({
  apiVersion: PARTNERS_API_VERSION,
  kind: 'Partner',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec,
});

async function decorate(
  factory: PartnerIntegrationDocumentDecoratorFactory,
  documents: IndexableDocument[],
): Promise<IndexableDocument[]> {
  const decorated: IndexableDocument[] = [];
  await pipeline(
    Readable.from(documents),
    await factory.getDecorator(),
    async (source: AsyncIterable<IndexableDocument>) => {
      for await (const document of source) {
        decorated.push(document);
      }
    },
  );
  return decorated;
}

describe('PartnerIntegrationDocumentDecoratorFactory', () => {
  it('decorates catalog documents only', () => {
    const factory = new PartnerIntegrationDocumentDecoratorFactory({
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    expect(factory.types).toEqual(['software-catalog']);
  });

  it("gives an integration its partner's title, stage and tier, and nothing else", async () => {
    const factory = new PartnerIntegrationDocumentDecoratorFactory({
      catalog: catalogServiceMock({
        entities: [
          partner(
            'tempest',
            {
              type: 'integrator',
              lifecycle: { stage: 'offboarding' },
              risk: { tier: 'critical' },
            },
            'Tempest Ltd',
          ),
        ],
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    const unknownPartner = {
      ...integration,
      partner: 'partner:default/nobody',
    } as IndexableDocument;
    // a ref that spells the name in other case names the same partner
    const otherCase = {
      ...integration,
      partner: 'partner:default/Tempest',
    } as IndexableDocument;
    const decorated = {
      partnerTitle: 'Tempest Ltd',
      stage: 'offboarding',
      tier: 'critical',
    };
    expect(
      await decorate(factory, [
        integration,
        component,
        unknownPartner,
        otherCase,
      ]),
    ).toEqual([
      { ...integration, ...decorated },
      component,
      unknownPartner,
      { ...otherCase, ...decorated },
    ]);
  });

  it('leaves out a stage or tier the kind does not allow, and names an untitled partner', async () => {
    const factory = new PartnerIntegrationDocumentDecoratorFactory({
      catalog: catalogServiceMock({
        entities: [
          partner('tempest', {
            lifecycle: { stage: 'retired' },
            risk: { tier: 9 },
          }),
        ],
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    const [decorated] = await decorate(factory, [integration]);
    expect(decorated).toEqual({ ...integration, partnerTitle: 'tempest' });
    expect(Object.keys(decorated)).not.toContain('stage');
  });

  it('indexes integrations undecorated, with a warning, when the catalog fails', async () => {
    const logger = mockServices.logger.mock();
    const catalog = catalogServiceMock.mock({
      // eslint-disable-next-line require-yield
      streamEntities: async function* failing() {
        throw new Error('catalog unavailable');
      },
    });
    const factory = new PartnerIntegrationDocumentDecoratorFactory({
      catalog,
      auth: mockServices.auth(),
      logger,
    });
    expect(await decorate(factory, [integration])).toEqual([integration]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('catalog unavailable'),
    );
  });
});
