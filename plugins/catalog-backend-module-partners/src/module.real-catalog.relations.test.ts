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

// The relations the module gives the example estate, read back through the
// REST API of the real catalog (see __testUtils__/realCatalog).

import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  exampleEntities,
  expectedOutgoingRelations,
} from './__testUtils__/examples';
import { expectNoSecretIn } from './__testUtils__/partnerFiles';
import {
  eventually,
  relationsOf,
  useRealCatalog,
  type StoredEntity,
} from './__testUtils__/realCatalog';

jest.setTimeout(120_000);

const { api, getEntity, logLines } = useRealCatalog();

describe('the partners module in the real catalog', () => {
  it('ingests every example partner and integration with its relations', async () => {
    const examples = exampleEntities();
    expect(examples.filter(e => e.kind === 'Partner')).toHaveLength(18);
    expect(examples.filter(e => e.kind === 'PartnerIntegration')).toHaveLength(
      38,
    );

    // Wait for the whole estate, relations of the last stitch included.
    const stored = await eventually(async () => {
      const { status, json } = await api(
        'GET',
        '/entities?filter=kind=partner&filter=kind=partnerintegration',
      );
      expect(status).toBe(200);
      const byRef = new Map<string, StoredEntity>(
        (json as StoredEntity[]).map(e => [stringifyEntityRef(e), e]),
      );
      for (const example of examples) {
        const entity = byRef.get(stringifyEntityRef(example));
        expect(entity).toBeDefined();
        for (const relation of expectedOutgoingRelations(example)) {
          expect(relationsOf(entity)).toContain(relation);
        }
      }
      // Each example partner has every one of its example integrations as a part.
      for (const partner of examples.filter(e => e.kind === 'Partner')) {
        const partnerRef = stringifyEntityRef(partner);
        const parts = examples
          .filter(e =>
            expectedOutgoingRelations(e).includes(`partOf ${partnerRef}`),
          )
          .map(e => `hasPart ${stringifyEntityRef(e)}`)
          .sort();
        expect(parts.length).toBeGreaterThan(0);
        expect(
          relationsOf(byRef.get(partnerRef)).filter(r =>
            r.startsWith('hasPart '),
          ),
        ).toEqual(parts);
      }
      return byRef;
    });

    // Exactly the relations the design lists, nothing more.
    for (const example of examples) {
      const entity = stored.get(stringifyEntityRef(example))!;
      const outgoing = relationsOf(entity).filter(
        r => !r.startsWith('hasPart '),
      );
      expect({ ref: stringifyEntityRef(example), relations: outgoing }).toEqual(
        {
          ref: stringifyEntityRef(example),
          relations: expectedOutgoingRelations(example),
        },
      );
      expect(entity.spec).toEqual(example.spec);
      expect(entity.status).toBeUndefined();
    }
  });

  it('gives an integration exactly its ownedBy, partOf, accesses and custodiedBy relations', async () => {
    const sso = await eventually(async () => {
      const entity = await getEntity('partnerintegration:default/corvid-sso');
      expect(relationsOf(entity)).toContain(
        'custodiedBy user:default/kenji-watanabe',
      );
      return entity;
    });
    expect(relationsOf(sso)).toEqual([
      'accesses api:default/partner-federation',
      'accesses api:default/scim-v2',
      'accesses component:default/auth-gateway',
      'accesses component:default/scim-provisioner',
      'custodiedBy user:default/kenji-watanabe',
      'ownedBy group:default/team-identity',
      'partOf partner:default/corvid-integration-works',
    ]);
  });

  it('gives the other ends their reverse relations', async () => {
    await eventually(async () => {
      const partner = await getEntity(
        'partner:default/corvid-integration-works',
      );
      expect(relationsOf(partner)).toEqual([
        'hasPart partnerintegration:default/corvid-catalog-sync',
        'hasPart partnerintegration:default/corvid-sandbox',
        'hasPart partnerintegration:default/corvid-sso',
        'ownedBy group:default/alliances',
      ]);

      const component = await getEntity('component:default/auth-gateway');
      expect(relationsOf(component)).toContain(
        'accessedBy partnerintegration:default/corvid-sso',
      );
      const api_ = await getEntity('api:default/scim-v2');
      expect(relationsOf(api_)).toContain(
        'accessedBy partnerintegration:default/corvid-sso',
      );
      const resource = await getEntity('resource:default/catalog-db');
      expect(relationsOf(resource)).toContain(
        'accessedBy partnerintegration:default/corvid-catalog-sync',
      );

      const team = await getEntity('group:default/team-identity');
      expect(relationsOf(team)).toContain(
        'ownerOf partnerintegration:default/corvid-sso',
      );
      const alliances = await getEntity('group:default/alliances');
      expect(relationsOf(alliances)).toContain(
        'ownerOf partner:default/corvid-integration-works',
      );
      const custodian = await getEntity('user:default/kenji-watanabe');
      expect(relationsOf(custodian)).toContain(
        'custodianOf partnerintegration:default/corvid-sso',
      );
    });
  });

  it('logs no secret value while it ingests the estate', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expectNoSecretIn(logLines.join('\n'));
  });
});
