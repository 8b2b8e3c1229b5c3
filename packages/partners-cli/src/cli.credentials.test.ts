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

import { CREDENTIAL_CASES } from '@partner-governance/plugin-partners-node/testUtils';
import {
  ORG,
  docs,
  estate,
  partner,
  run,
  write,
} from './__testUtils__/harness';

// Every credential shape the guard knows, in a partner file: the command line
// rejects the entity at the field and never prints the value.

describe.each(CREDENTIAL_CASES)('$name', ({ identity, path, secret }) => {
  beforeEach(async () => {
    await write('org.yaml', ORG);
    const integration = {
      apiVersion: 'partners.governance.dev/v1alpha1',
      kind: 'PartnerIntegration',
      metadata: { name: 'acme-orders' },
      spec: {
        partner: 'partner:acme',
        type: 'api',
        owner: 'group:team-a',
        identities: [
          {
            name: 'orders-client',
            type: 'oauth-client',
            secretRef: 'vault:partners/acme/orders-client',
            ...identity,
          },
        ],
      },
    };
    // JSON is YAML: the value is written exactly as the case gives it.
    await write('acme.yaml', docs(partner(), JSON.stringify(integration)));
  });

  it('is an error at its field, in JSON, and never printed', async () => {
    const { code, stdout, stderr } = await run([
      'validate',
      estate,
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).errors).toEqual([
      expect.objectContaining({
        entityRef: 'partnerintegration:default/acme-orders',
        path,
        message: expect.stringContaining('holds a secret value'),
      }),
    ]);
    expect(stdout + stderr).not.toContain(secret);
  });

  it('is never printed in text either', async () => {
    const { code, stdout, stderr } = await run(['report', estate]);
    expect(code).toBe(1);
    expect(stdout).toContain(path);
    expect(stdout + stderr).not.toContain(secret);
  });
});
