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

import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModelExtensionPoint } from '@backstage/plugin-catalog-node/alpha';
import { catalogModulePartners } from './module';
import packageEntryPoint, {
  PartnerEntitiesProcessor as ExportedProcessor,
  partnersEntityDataParser as exportedParser,
} from './index';
import { PartnerEntitiesProcessor } from './processor/PartnerEntitiesProcessor';
import { partnersEntityDataParser } from './processor/parser';

describe('catalogModulePartners', () => {
  it('is the default export of the package entry point', () => {
    expect(packageEntryPoint).toBe(catalogModulePartners);
    expect(ExportedProcessor).toBe(PartnerEntitiesProcessor);
    expect(exportedParser).toBe(partnersEntityDataParser);
  });

  it('registers the processor and the secret-redacting parser', async () => {
    const addProcessor = jest.fn();
    const addEntityProvider = jest.fn();
    const setEntityDataParser = jest.fn();
    const setFieldValidators = jest.fn();
    const addModelSource = jest.fn();

    await startTestBackend({
      extensionPoints: [
        [catalogProcessingExtensionPoint, { addProcessor, addEntityProvider }],
        [
          catalogModelExtensionPoint,
          { setEntityDataParser, setFieldValidators, addModelSource },
        ],
      ],
      features: [catalogModulePartners],
    });

    expect(addProcessor).toHaveBeenCalledTimes(1);
    expect(addProcessor.mock.calls[0]).toHaveLength(1);
    const [processor] = addProcessor.mock.calls[0];
    expect(processor).toBeInstanceOf(PartnerEntitiesProcessor);
    expect(processor.getProcessorName()).toBe('PartnerEntitiesProcessor');

    expect(setEntityDataParser).toHaveBeenCalledTimes(1);
    expect(setEntityDataParser).toHaveBeenCalledWith(partnersEntityDataParser);

    expect(addEntityProvider).not.toHaveBeenCalled();
    expect(setFieldValidators).not.toHaveBeenCalled();
    expect(addModelSource).not.toHaveBeenCalled();
  });

  const startWith = async (data: object) => {
    const addProcessor = jest.fn();
    await startTestBackend({
      extensionPoints: [
        [catalogProcessingExtensionPoint, { addProcessor }],
        [catalogModelExtensionPoint, { setEntityDataParser: jest.fn() }],
      ],
      features: [
        catalogModulePartners,
        mockServices.rootConfig.factory({ data }),
      ],
    });
    return addProcessor.mock.calls[0][0] as PartnerEntitiesProcessor;
  };

  it('gives the processor the locations partners.intake.allowedLocations lists', async () => {
    const processor = await startWith({
      partners: { intake: { allowedLocations: ['/srv/partners'] } },
    });
    const entity = {
      apiVersion: 'partners.governance.dev/v1alpha1',
      kind: 'Partner',
      metadata: { name: 'acme' },
    };
    await expect(
      processor.preProcessEntity(entity, {
        type: 'file',
        target: '/srv/partners/acme.yaml',
      }),
    ).resolves.toBe(entity);
    await expect(
      processor.preProcessEntity(entity, {
        type: 'file',
        target: '/srv/partners-old/acme.yaml',
      }),
    ).rejects.toThrow(
      'partner:default/acme comes from file:/srv/partners-old/acme.yaml',
    );
  });

  it('does not start with a list that does not read', async () => {
    await expect(
      startWith({
        partners: { intake: { allowedLocations: ['https://u:p@x.test/'] } },
      }),
    ).rejects.toThrow(
      'partners.intake.allowedLocations[0] holds credentials in its URL',
    );
  });
});
