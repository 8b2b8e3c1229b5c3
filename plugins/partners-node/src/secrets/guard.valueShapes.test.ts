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

import { REDACTED_SECRET_VALUE, findSecrets, redactSecrets } from './guard';
import { describeSecretFinding } from './describe';
import {
  SHAPES,
  expectNoLeak,
  integration,
} from './__testUtils__/secretFixtures';

// Secret values recognised by their shape, wherever in a document they are.

describe('findSecrets', () => {
  describe.each(SHAPES)('%s', (_, value, shape) => {
    it('is found under any key, with the exact path', async () => {
      const doc = integration({ secretRef: value });
      const findings = await findSecrets(doc);
      expect(findings).toEqual([
        { path: 'spec.identities[0].secretRef', shape },
      ]);
    });

    it('is found in descriptions, quoted keys and arrays', async () => {
      const doc = integration({});
      (doc.metadata as any).description = `Use ${value} for now`;
      doc.metadata.annotations['example.com/team'] = value;
      (doc.spec as any).accesses = ['api:orders', value];
      expect(await findSecrets(doc)).toEqual([
        { path: 'metadata.annotations["example.com/team"]', shape },
        { path: 'metadata.description', shape },
        { path: 'spec.accesses[1]', shape },
      ]);
    });

    it('is described without the value', async () => {
      const findings = await findSecrets(integration({ secretRef: value }));
      expect(findings).toHaveLength(1);
      const message = describeSecretFinding(findings[0]);
      expect(message).toContain('spec.identities[0].secretRef');
      expect(message).toContain(shape);
      expectNoLeak(message, value);
    });

    it('is redacted', async () => {
      const doc = integration({ secretRef: value });
      const before = JSON.parse(JSON.stringify(doc));
      const { document, findings } = await redactSecrets(doc);
      expect(findings).toHaveLength(1);
      expect(document.spec.identities[0].secretRef).toBe(REDACTED_SECRET_VALUE);
      expect(JSON.stringify(document)).not.toContain(value.trim().slice(0, 20));
      expect(doc).toEqual(before);
    });
  });
});
