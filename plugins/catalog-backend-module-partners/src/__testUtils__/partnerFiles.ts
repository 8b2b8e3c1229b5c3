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

// The temporary partner files the real catalog reads next to the example
// estate: valid entities side by side with secrets, an invalid entity and a
// malformed file.

// Secret-shaped values, built at runtime so that no secret scanner flags this
// file and so that every response, row and log line can be searched for them.
const GITHUB_TOKEN = `${'gh'}${'p_'}${'S'.repeat(36)}`;
const SLACK_TOKEN = `${'xo'}${'xb-'}${'1234567890'}-${'Q'.repeat(24)}`;
const KEY_BODY = `MIIEpAIBAAKCAQEA${'w'.repeat(48)}`;
const PEM_BEGIN = `${'-----BEGIN '}${'OPENSSH PRIVATE KEY-----'}`;
const PEM_END = `${'-----END '}${'OPENSSH PRIVATE KEY-----'}`;
const SECRETS = [GITHUB_TOKEN, SLACK_TOKEN, KEY_BODY, PEM_BEGIN];

export const PARTNER_FILE = `apiVersion: partners.governance.dev/v1alpha1
kind: Partner
metadata:
  name: tempest-labs
spec:
  type: integrator
  owner: group:partner-operations
  lifecycle:
    stage: enablement
  risk:
    tier: medium
---
apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: tempest-api
spec:
  partner: tempest-labs
  type: api
  owner: group:team-orders
  accesses: [api:orders-v2, orders-service]
  identities:
    - name: tempest-client
      type: oauth-client
      custodian: group:security
      secretRef: vault:partners/tempest-labs/tempest-client
---
apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: tempest-leaky
  description: |
    Deploy key, pasted here by mistake:
    ${PEM_BEGIN}
    ${KEY_BODY}
    ${PEM_END}
spec:
  partner: tempest-labs
  type: api
  owner: group:team-orders
  identities:
    - name: tempest-pat
      type: token
      secretRef: vault:partners/tempest-labs/tempest-pat
      token: ${GITHUB_TOKEN}
---
apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: tempest-badtype
spec:
  partner: tempest-labs
  type: carrier-pigeon
  owner: group:team-orders
`;

export const ROTATING_CLEAN = `apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: tempest-rotating
spec:
  partner: tempest-labs
  type: support-tooling
  owner: group:team-support-tooling
  identities:
    - name: tempest-slack-bot
      type: token
      secretRef: vault:partners/tempest-labs/tempest-slack-bot
`;

// The same integration after someone pasted the bot token into it.
export const ROTATING_LEAKY = `${ROTATING_CLEAN}      scopes: [chat:write, ${SLACK_TOKEN}]
`;

// A malformed file whose YAML error points at the line holding the token.
export const BROKEN_FILE = `apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: tempest-broken
spec:
  identities:
    - name: tempest-broken-pat
      token: ${GITHUB_TOKEN}: oops
`;

/** Fails when the text holds any of the secret values or the long runs inside the tokens. */
export function expectNoSecretIn(text: string) {
  for (const secret of SECRETS) {
    expect(text).not.toContain(secret);
  }
  expect(text).not.toContain('S'.repeat(36));
  expect(text).not.toContain('Q'.repeat(24));
}
