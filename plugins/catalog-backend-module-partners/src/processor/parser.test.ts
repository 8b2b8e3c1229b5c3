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

import type {
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { partnersEntityDataParser } from './parser';
import { PartnerEntitiesProcessor } from './PartnerEntitiesProcessor';

// Built at runtime so that no secret scanner flags this file.
const GITHUB_TOKEN = `${'gh'}${'p_'}${'T'.repeat(36)}`;
const KEY_BODY = `MIIEpAIBAAKCAQEA${'k'.repeat(48)}`;
const PEM_BEGIN = `${'-----BEGIN '}${'RSA PRIVATE KEY-----'}`;
const PEM_END = `${'-----END '}${'RSA PRIVATE KEY-----'}`;

const location: LocationSpec = {
  type: 'file',
  target: '/catalog/partners/acme.yaml',
};

const CLEAN_PARTNER = `apiVersion: partners.governance.dev/v1alpha1
kind: Partner
metadata:
  name: acme
  description: Systems integrator
spec:
  type: integrator
  owner: group:partner-operations
  lifecycle:
    stage: enablement
  risk:
    tier: high
  contract:
    start: 2026-09-01
`;

const SECRET_INTEGRATION = `apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: acme-orders
  annotations:
    partners.governance.dev/crm-account: KBP-1
  description: |
    Pasted by mistake:
    ${PEM_BEGIN}
    ${KEY_BODY}
    ${PEM_END}
spec:
  partner: acme
  type: api
  owner: group:team-orders
  identities:
    - name: orders-client
      type: token
      secretRef: vault:partners/acme/orders-client
      token: ${GITHUB_TOKEN}
      issued: 2026-09-08
`;

const COMPONENT = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders-service
spec:
  type: service
  owner: group:team-orders
  lifecycle: production
`;

async function parse(yaml: string): Promise<CatalogProcessorResult[]> {
  const results: CatalogProcessorResult[] = [];
  for await (const result of partnersEntityDataParser({
    data: Buffer.from(yaml, 'utf8'),
    location,
  })) {
    results.push(result);
  }
  return results;
}

describe('partnersEntityDataParser', () => {
  it('redacts secret values in partner documents and leaves the rest alone', async () => {
    const results = await parse(
      ['', CLEAN_PARTNER, SECRET_INTEGRATION, COMPONENT].join('---\n'),
    );

    expect(results).toEqual([
      {
        type: 'entity',
        location,
        entity: {
          apiVersion: 'partners.governance.dev/v1alpha1',
          kind: 'Partner',
          metadata: { name: 'acme', description: 'Systems integrator' },
          spec: {
            type: 'integrator',
            owner: 'group:partner-operations',
            lifecycle: { stage: 'enablement' },
            risk: { tier: 'high' },
            // YAML 1.2: an unquoted date stays a string
            contract: { start: '2026-09-01' },
          },
        },
      },
      {
        type: 'entity',
        location,
        entity: {
          apiVersion: 'partners.governance.dev/v1alpha1',
          kind: 'PartnerIntegration',
          metadata: {
            name: 'acme-orders',
            annotations: {
              'partners.governance.dev/crm-account': 'KBP-1',
              'partners.governance.dev/rejected-secrets': JSON.stringify([
                { path: 'metadata.description', shape: 'a private key block' },
                { path: 'spec.identities[0].token', shape: 'a GitHub token' },
              ]),
            },
            description: '<redacted>',
          },
          spec: {
            partner: 'acme',
            type: 'api',
            owner: 'group:team-orders',
            identities: [
              {
                name: 'orders-client',
                type: 'token',
                secretRef: 'vault:partners/acme/orders-client',
                token: '<redacted>',
                issued: '2026-09-08',
              },
            ],
          },
        },
      },
      {
        type: 'entity',
        location,
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'orders-service' },
          spec: {
            type: 'service',
            owner: 'group:team-orders',
            lifecycle: 'production',
          },
        },
      },
    ]);

    const everything = JSON.stringify(results);
    expect(everything).not.toContain(GITHUB_TOKEN);
    expect(everything).not.toContain('T'.repeat(36));
    expect(everything).not.toContain(KEY_BODY);
    expect(everything).not.toContain(PEM_BEGIN);
  });

  it('produces entities that the processor rejects, naming the fields only', async () => {
    const [result] = await parse(SECRET_INTEGRATION);
    expect(result.type).toBe('entity');
    const entity = (
      result as Extract<CatalogProcessorResult, { type: 'entity' }>
    ).entity;
    const error: Error = await new PartnerEntitiesProcessor()
      .validateEntityKind(entity)
      .then(
        () => {
          throw new Error('expected a rejection');
        },
        e => e,
      );
    expect(error.message).toContain(
      'metadata.description holds a secret value (a private key block)',
    );
    expect(error.message).toContain(
      'spec.identities[0].token holds a secret value (a GitHub token)',
    );
    expect(error.message).not.toContain(GITHUB_TOKEN);
    expect(error.message).not.toContain(KEY_BODY);
  });

  it('accepts a string as well as a buffer', async () => {
    const results: CatalogProcessorResult[] = [];
    for await (const result of partnersEntityDataParser({
      data: SECRET_INTEGRATION as unknown as Buffer,
      location,
    })) {
      results.push(result);
    }
    expect(results).toHaveLength(1);
    expect(JSON.stringify(results)).not.toContain(GITHUB_TOKEN);
  });

  it('yields an error result for a malformed document and keeps the others', async () => {
    const results = await parse(
      [CLEAN_PARTNER, 'kind: [unterminated\nmetadata: {\n', COMPONENT].join(
        '---\n',
      ),
    );
    expect(results.map(r => r.type)).toEqual(['entity', 'error', 'entity']);
    expect(results[1]).toEqual({
      type: 'error',
      location,
      error: expect.objectContaining({
        message: expect.stringMatching(
          /^YAML error at file:\/catalog\/partners\/acme\.yaml, the document starting at line 16: .* \(line \d+, column \d+\)$/,
        ),
      }),
    });
  });

  it('never echoes a secret quoted by a YAML error', async () => {
    // The YAML library prints the offending source line under its error
    // message; here that line holds the token.
    const malformed = `apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: acme-orders
spec:
  identities:
    - name: orders-client
      token: ${GITHUB_TOKEN}: oops
`;
    const results = await parse(malformed);
    expect(results).toEqual([
      {
        type: 'error',
        location,
        error: expect.objectContaining({
          message: expect.stringContaining('(line 8, column'),
        }),
      },
    ]);
    const error = (
      results[0] as Extract<CatalogProcessorResult, { type: 'error' }>
    ).error;
    expect(error.message).not.toContain(GITHUB_TOKEN);
    expect(String(error)).not.toContain(GITHUB_TOKEN);
    expect(String(error.stack)).not.toContain(GITHUB_TOKEN);
  });

  it('never echoes a private key quoted by a YAML error', async () => {
    // An unterminated quoted description: the excerpt under the error would
    // show the key body, which on its own does not even look like a secret.
    const malformed = `apiVersion: partners.governance.dev/v1alpha1
kind: Partner
metadata:
  name: acme
  description: "${PEM_BEGIN}
    ${KEY_BODY}
`;
    const results = await parse(malformed);
    expect(results).toEqual([
      {
        type: 'error',
        location,
        error: expect.objectContaining({
          message: expect.stringContaining(
            'unexpected end of the stream within a double quoted scalar',
          ),
        }),
      },
    ]);
    const everything = results
      .map(r =>
        r.type === 'error' ? `${r.error.message}\n${r.error.stack}` : '',
      )
      .join('\n');
    expect(everything).not.toContain(KEY_BODY);
    expect(everything).not.toContain(PEM_BEGIN);
  });

  it('names an unresolved alias without quoting it', async () => {
    // The YAML library's error quotes the alias name.
    const results = await parse(
      [
        CLEAN_PARTNER,
        `kind: Partner\nmetadata:\n  name: *${GITHUB_TOKEN}\n`,
      ].join('---\n'),
    );
    expect(results).toEqual([
      expect.objectContaining({ type: 'entity' }),
      {
        type: 'error',
        location,
        error: expect.objectContaining({
          message:
            'YAML error at file:/catalog/partners/acme.yaml, the document starting at line 16: unidentified alias "…" (line 18, column 50)',
        }),
      },
    ]);
    expect(JSON.stringify(results)).not.toContain(GITHUB_TOKEN);
  });

  it('reads on after an unresolved alias', async () => {
    const results = await parse(
      ['kind: Partner\nmetadata:\n  name: *nowhere\n', COMPONENT].join('---\n'),
    );
    expect(results).toEqual([
      {
        type: 'error',
        location,
        error: expect.objectContaining({
          message:
            'YAML error at file:/catalog/partners/acme.yaml, the document starting at line 1: unidentified alias "…" (line 3, column 17)',
        }),
      },
      expect.objectContaining({ type: 'entity' }),
    ]);
  });

  it('yields nothing for an empty document', async () => {
    await expect(parse('---\n---\n')).resolves.toEqual([]);
  });
});
