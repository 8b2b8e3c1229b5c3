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

import fs from 'node:fs';
import path from 'node:path';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchBackend from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import { LunrSearchEngine } from '@backstage/plugin-search-backend-node';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import type {
  IndexableDocument,
  SearchResultSet,
} from '@backstage/plugin-search-common';
import type { PartnerEntityV1alpha1 } from '@partner-governance/plugin-partners-common';
import { parseAllDocuments } from 'yaml';
import searchModulePartners from './index';

jest.setTimeout(60_000);

/** The example estate, read as the catalog reads it (YAML 1.2 core schema). */
function exampleEntities(): Entity[] {
  const dir = path.resolve(__dirname, '../../../examples');
  const files = [
    ...fs.readdirSync(dir).map(name => path.join(dir, name)),
    ...fs
      .readdirSync(path.join(dir, 'partners'))
      .map(name => path.join(dir, 'partners', name)),
  ].filter(file => file.endsWith('.yaml'));
  return files.flatMap(file =>
    parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map(doc => doc.toJSON() as Entity | null)
      .filter((entity): entity is Entity => !!entity?.kind)
      .map(entity => ({
        ...entity,
        metadata: { namespace: 'default', ...entity.metadata },
      })),
  );
}

/** The default engine, keeping a copy of every document it indexes. */
class RecordingLunrSearchEngine extends LunrSearchEngine {
  readonly documents: IndexableDocument[] = [];

  async getIndexer(type: string) {
    const indexer = await super.getIndexer(type);
    const index = indexer.index.bind(indexer);
    indexer.index = async documents => {
      this.documents.push(...documents);
      return index(documents);
    };
    return indexer;
  }
}

const ENTITIES = exampleEntities();
const WRENFIELD = ENTITIES.find(
  entity => entity.metadata.name === 'wrenfield-systems',
) as PartnerEntityV1alpha1;
const WRENFIELD_SYNC = ENTITIES.find(
  entity => entity.metadata.name === 'wrenfield-order-sync',
)!;

/** What the example files say about secrets and identities: none may be indexed. */
const RESTRICTED = ENTITIES.filter(
  entity => entity.kind === 'PartnerIntegration',
).flatMap(entity =>
  (entity.spec?.identities as Array<{ name: string; secretRef?: string }>)
    .flatMap(identity => [identity.secretRef, identity.name])
    .filter((value): value is string => !!value),
);

/*
 * The real search backend with the catalog collator, this module and the
 * default Lunr engine, over the example estate in a catalog service mock; the
 * indexing task is run through the scheduler, as the portal runs it.
 */
describe('partners in the search index', () => {
  let backend: TestBackend;
  const scheduler = mockServices.scheduler();
  const engine = new RecordingLunrSearchEngine({
    logger: mockServices.logger.mock(),
  });

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        searchBackend,
        searchModuleCatalogCollator,
        searchModulePartners,
        catalogServiceMock.factory({ entities: ENTITIES }),
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        createBackendModule({
          pluginId: 'search',
          moduleId: 'recording-engine',
          register(reg) {
            reg.registerInit({
              deps: { registry: searchEngineRegistryExtensionPoint },
              async init({ registry }) {
                registry.setSearchEngine(engine);
              },
            });
          },
        }),
      ],
    });
    await scheduler.triggerTask('search_index_software_catalog');
  });

  afterAll(async () => {
    await backend?.stop();
  });

  async function search(term: string): Promise<SearchResultSet> {
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/search/query?${new URLSearchParams(
        { term, 'types[0]': 'software-catalog' },
      )}`,
      { headers: { authorization: mockCredentials.user.header() } },
    );
    expect(response.status).toBe(200);
    return response.json();
  }

  it('indexes every entity of the catalog, each under catalog read permission', () => {
    expect(engine.documents).toHaveLength(ENTITIES.length);
    // what the search backend checks before it answers with a document
    expect(
      engine.documents.find(
        document =>
          document.location === '/catalog/default/partner/wrenfield-systems',
      )?.authorization,
    ).toEqual({ resourceRef: 'partner:default/wrenfield-systems' });
  });

  it('finds a partner by its name, first, with its stage, type and tier', async () => {
    const { results } = await search('wrenfield-systems');
    expect(results[0].document).toEqual({
      title: 'Wrenfield Systems',
      text: `${WRENFIELD.metadata.description} : wrenfield-systems`,
      componentType: 'integrator',
      type: 'integrator',
      namespace: 'default',
      kind: 'Partner',
      lifecycle: '',
      owner: 'group:alliances',
      partner: 'partner:default/wrenfield-systems',
      stage: WRENFIELD.spec.lifecycle.stage,
      tier: WRENFIELD.spec.risk.tier,
      partnerType: 'integrator',
      location: '/catalog/default/partner/wrenfield-systems',
    });
    // its integrations are found by the partner's name too
    expect(results.map(result => result.document.location)).toContain(
      '/catalog/default/partnerintegration/wrenfield-order-sync',
    );
  });

  it("finds an integration with its type and its partner's stage and tier", async () => {
    const { results } = await search('wrenfield-order-sync');
    expect(results[0].document).toEqual({
      title: WRENFIELD_SYNC.metadata.title,
      text: `${WRENFIELD_SYNC.metadata.description} : wrenfield-order-sync : wrenfield-systems`,
      componentType: 'api',
      type: 'api',
      namespace: 'default',
      kind: 'PartnerIntegration',
      lifecycle: '',
      owner: 'group:team-orders',
      partner: 'partner:default/wrenfield-systems',
      partnerTitle: 'Wrenfield Systems',
      stage: WRENFIELD.spec.lifecycle.stage,
      tier: WRENFIELD.spec.risk.tier,
      integrationType: 'api',
      environment: 'production',
      location: '/catalog/default/partnerintegration/wrenfield-order-sync',
    });
  });

  it('finds nothing for a term no entity holds', async () => {
    const { results, numberOfResults } = await search('quodlibetarian');
    expect(results).toEqual([]);
    expect(numberOfResults).toBe(0);
  });

  it('keeps the default document for every other kind', async () => {
    const { results } = await search('orders-service');
    const component = results.find(
      result =>
        result.document.location ===
        '/catalog/default/component/orders-service',
    );
    expect(component?.document).toMatchObject({
      kind: 'Component',
      type: 'service',
      lifecycle: 'production',
    });
    expect(component?.document).not.toHaveProperty('stage');
    expect(component?.document).not.toHaveProperty('partner');
  });

  it('indexes no secret location and no identity name of the example estate', () => {
    expect(RESTRICTED.length).toBeGreaterThan(50);
    const indexed = JSON.stringify(engine.documents);
    for (const value of RESTRICTED) {
      expect(indexed).not.toContain(value);
    }
  });
});
