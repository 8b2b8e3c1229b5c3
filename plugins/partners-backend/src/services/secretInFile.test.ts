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
import { SecretValueError } from '@partner-governance/plugin-partners-node';
import { serializeError } from '@backstage/errors';
import { secretInFileFindings } from './secretInFile';

const SLACK = 'spec.identities[0].scopes[1]';

/** The last good version of an integration, with the catalog's errors. */
function integration(...errors: Error[]): Entity {
  return {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'PartnerIntegration',
    metadata: { name: 'tempest-api' },
    spec: {},
    status: {
      items: errors.map(error => ({
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message: `${error.name}: ${error.message}`,
        // as the catalog stores it: serialised, the processor's error its cause
        error: serializeError(error),
      })),
    },
  } as Entity;
}

/** How the catalog wraps what a processor throws. */
function wrapped(cause: Error): Error {
  const error = new Error('Processor PartnerEntitiesProcessor threw an error');
  error.name = 'InputError';
  (error as Error & { cause: Error }).cause = cause;
  return error;
}

describe('secretInFileFindings', () => {
  it('files a critical finding naming where the secret was, never a value', () => {
    const findings = secretInFileFindings([
      integration(
        wrapped(
          new SecretValueError([{ path: SLACK, shape: 'a Slack token' }]),
        ),
      ),
    ]);
    expect(findings).toEqual([
      {
        ruleId: 'secret-in-file',
        severity: 'critical',
        frameworks: expect.arrayContaining(['NHI2']),
        entityRef: 'partnerintegration:default/tempest-api',
        message: expect.stringContaining(`at ${SLACK} (a Slack token)`),
      },
    ]);
    expect(findings[0].message).toMatch(/rotate the credential/);
  });

  it('finds the error thrown directly too, and counts places past the fifth', () => {
    const many = Array.from({ length: 7 }, (_, index) => ({
      path: `spec.identities[${index}].secretRef`,
      shape: 'a GitHub token',
    }));
    const [finding] = secretInFileFindings([
      integration(new SecretValueError(many)),
    ]);
    expect(finding.message).toContain('spec.identities[4].secretRef');
    expect(finding.message).not.toContain('spec.identities[5].secretRef');
    expect(finding.message).toContain('and 2 more');
  });

  it('ignores other processing errors, other status items and entities without status', () => {
    const other = integration(wrapped(new TypeError('spec.owner is missing')));
    const warning = integration();
    (warning as any).status.items.push({
      type: 'some.other/status',
      level: 'warning',
      message: 'SecretValueError: not from the catalog',
      error: { name: 'SecretValueError', message: 'x' },
    });
    const plain = { ...integration(), status: undefined } as Entity;
    expect(secretInFileFindings([other, warning, plain])).toEqual([]);
  });

  it('does not repeat what it cannot trust from the status: odd or oversized places', () => {
    const error = new SecretValueError([
      { path: 'x'.repeat(201), shape: 'a token' },
      { path: 42 as unknown as string, shape: 'a token' },
    ]);
    const [finding] = secretInFileFindings([integration(wrapped(error))]);
    expect(finding.message).toContain('holds a secret value,');
    expect(finding.message).not.toContain('xxxx');
  });
});
