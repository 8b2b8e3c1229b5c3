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

import { RULES } from '@partner-governance/plugin-partners-common';
import {
  identity,
  partner,
  integration,
  docs,
  ORG,
  write,
  runJson,
} from './__testUtils__/harness';

describe('bad input', () => {
  beforeEach(async () => {
    await write('org.yaml', ORG);
  });

  it('reports malformed YAML by file and line, and still reads the other documents', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner('acme', { lifecycle: '{ stage: measurement }' }),
        'apiVersion: partners.governance.dev/v1alpha1\nkind: PartnerIntegration\nmetadata:\n  name: broken\nspec: { partner: acme, type: [api\n',
        integration(),
      ),
    );
    const { code, report } = await runJson('report');
    expect(report.errors).toEqual([
      {
        file,
        message:
          'Malformed YAML in the document starting at line 14: unexpected end of the stream within a flow collection (line 19, column 1)',
      },
    ]);
    // The org (2), the partner and the integration; the broken document is not an entity.
    expect(report.entities).toBe(4);
    // The sibling partner was evaluated.
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'stage-owner-missing',
        entityRef: 'partner:default/acme',
      }),
    ]);
    expect(code).toBe(1);
  });

  it('reports a wrong type with the field path', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner('acme', { owner: '5' }),
        integration('acme-orders', {}, [identity({ privileged: '"yes"' })]),
      ),
    );
    const { code, report } = await runJson('report');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partner:default/acme',
        path: 'spec.owner',
        message: expect.stringContaining('must be string'),
      },
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.identities[0].privileged',
        message: expect.stringContaining('must be boolean'),
      },
    ]);
    expect(report.entities).toBe(4);
    expect(code).toBe(1);
  });

  it('reports an unknown enum value with the field path and the allowed values', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner('acme', { type: 'wholesaler' }),
        integration('acme-orders', {}, [
          identity(),
          identity({ name: 'second', status: 'paused' }),
        ]),
      ),
    );
    const { code, report } = await runJson('report');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partner:default/acme',
        path: 'spec.type',
        message: expect.stringMatching(
          /must be equal to one of the allowed values.*reseller/,
        ),
      },
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.identities[1].status',
        message: expect.stringMatching(
          /must be equal to one of the allowed values.*revoked/,
        ),
      },
    ]);
    expect(code).toBe(1);
  });

  it('reports a missing required field with its path', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner('acme', { owner: undefined }),
        integration('acme-orders', {}, [identity({ type: undefined })]),
      ),
    );
    const { code, report } = await runJson('validate');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partner:default/acme',
        path: 'spec.owner',
        message: expect.stringContaining("must have required property 'owner'"),
      },
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.identities[0].type',
        message: expect.stringContaining("must have required property 'type'"),
      },
    ]);
    expect(code).toBe(1);
  });

  it('reports envelope problems: no kind, no metadata, an unknown root field, a document that is not a mapping', async () => {
    const file = await write(
      'misc.yaml',
      docs(
        'apiVersion: backstage.io/v1alpha1\nmetadata:\n  name: no-kind\n',
        'apiVersion: backstage.io/v1alpha1\nkind: Group\n',
        partner('acme').replace('spec:', 'extra: 1\nspec:'),
        '- just\n- a list\n',
      ),
    );
    const { report } = await runJson('validate');
    expect(report.errors).toEqual([
      {
        file,
        path: 'kind',
        message: expect.stringContaining("must have required property 'kind'"),
      },
      {
        file,
        path: 'metadata',
        message: expect.stringContaining(
          "must have required property 'metadata'",
        ),
      },
      {
        file,
        entityRef: 'partner:default/acme',
        path: 'extra',
        message: expect.stringContaining('Unknown root field'),
      },
      { file, message: 'The document starting at line 22 is not a mapping' },
    ]);
    expect(report.entities).toBe(6);
  });

  it('reports a date that is not a real calendar date', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-orders', {}, [identity({ issued: '2026-02-30' })]),
      ),
    );
    const { report } = await runJson('validate');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.identities[0].issued',
        message: expect.stringContaining('must be a real calendar date'),
      },
    ]);
  });

  it('reports one bad document of a multi-document file and evaluates the others', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-bad', {}, [
          identity({ type: 'password-in-a-drawer' }),
        ]),
        integration('acme-good', {}, [
          identity({
            name: 'no-expiry-key',
            type: 'api-key',
            expires: undefined,
          }),
        ]),
      ),
    );
    const { code, report } = await runJson('report', '--fail-on', 'none');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partnerintegration:default/acme-bad',
        path: 'spec.identities[0].type',
        message: expect.stringContaining(
          'must be equal to one of the allowed values',
        ),
      },
    ]);
    expect(report.entities).toBe(5);
    expect(report.findings).toEqual([
      {
        ruleId: 'identity-no-expiry',
        severity: 'low',
        entityRef: 'partnerintegration:default/acme-good',
        identity: 'no-expiry-key',
        message: expect.stringContaining('has no expiry date'),
        frameworks: RULES['identity-no-expiry'].frameworks,
      },
    ]);
    // Errors fail the run whatever --fail-on says.
    expect(code).toBe(1);
  });

  it('rejects a file that holds a secret value, naming the field, and evaluates the rest', async () => {
    const value = ['Zq7xLm2v', 'Kp9wRt4s'].join('-');
    const file = await write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-orders', {}, [identity({ password: value })]),
      ),
    );
    const { code, report, stdout } = await runJson('report');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.identities[0].password',
        message: expect.stringContaining(
          'spec.identities[0].password holds a secret value',
        ),
      },
    ]);
    expect(report.entities).toBe(4);
    expect(stdout).not.toContain(value);
    expect(code).toBe(1);
  });

  it('reports a file that is not UTF-8 and reads the other files', async () => {
    const bad = await write(
      'latin1.yaml',
      Buffer.concat([
        Buffer.from(
          'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: caf',
        ),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ]),
    );
    await write('acme.yaml', docs(partner(), integration()));
    const { code, report } = await runJson('report');
    expect(report.errors).toEqual([
      { file: bad, message: 'The file is not valid UTF-8 text' },
    ]);
    expect(report.entities).toBe(4);
    expect(report.findings).toEqual([]);
    expect(code).toBe(1);
  });

  it('reports an entity defined twice, in two files', async () => {
    const first = await write('a.yaml', docs(partner()));
    const second = await write('b.yaml', docs(partner('ACME'), integration()));
    const { code, report } = await runJson('validate');
    expect(report.errors).toEqual([
      {
        file: second,
        entityRef: 'partner:default/acme',
        path: 'metadata.name',
        message: `Duplicate entity partner:default/acme: already defined in ${first}`,
      },
    ]);
    expect(report.entities).toBe(5);
    expect(code).toBe(1);
  });

  it('reports an integration whose partner is not among the given files', async () => {
    const file = await write(
      'orphan.yaml',
      docs(integration('orphan-api', { partner: 'partner:ghost' })),
    );
    for (const command of ['validate', 'report'] as const) {
      const { code, report } = await runJson(command);
      expect(report.errors).toEqual([
        {
          file,
          entityRef: 'partnerintegration:default/orphan-api',
          path: 'spec.partner',
          message:
            'Partner partner:default/ghost is not defined in the given files',
        },
      ]);
      expect(report.findings).toEqual([]);
      expect(code).toBe(1);
    }
  });

  it('says so when the partner of an integration is there but not valid', async () => {
    const file = await write(
      'acme.yaml',
      docs(partner('acme', { type: 'wholesaler' }), integration()),
    );
    const { report } = await runJson('validate');
    expect(report.errors).toEqual([
      expect.objectContaining({
        file,
        entityRef: 'partner:default/acme',
        path: 'spec.type',
      }),
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.partner',
        message:
          'Partner partner:default/acme is not valid (see its own error)',
      },
    ]);
  });

  it('resolves a partner given as a bare name in the integration namespace', async () => {
    await write(
      'acme.yaml',
      docs(partner(), integration('acme-orders', { partner: 'acme' })),
    );
    const { code, report } = await runJson('report');
    expect(report.errors).toEqual([]);
    expect(code).toBe(0);
  });
});
