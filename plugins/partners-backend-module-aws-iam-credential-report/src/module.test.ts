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
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import type { IdentitySource } from '@partner-governance/plugin-partners-node';
import { observeAll } from '@partner-governance/plugin-partners-node/testUtils';
import { credentialReportSourceFactory } from './module';

const HEADER =
  'user,arn,user_creation_time,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service';

/** A report of `users` partner users, each with key 1 active. */
const reportOf = (users: number) =>
  [
    HEADER,
    ...Array.from(
      { length: users },
      (_, i) =>
        `partner-lumen-u${i},arn:aws:iam::1:user/partner-lumen-u${i},N/A,true,2026-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A`,
    ),
  ].join('\n');

describe('the aws-iam-credential-report source', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credential-report-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const logger = mockServices.logger.mock();
  const urlReader = mockServices.urlReader.mock();
  const create = (entry: Record<string, unknown>) =>
    credentialReportSourceFactory.create({
      id: 'aws-prod',
      config: new ConfigReader({
        type: 'aws-iam-credential-report',
        userPattern: '^partner-(?<partner>[a-z0-9]+)-',
        ...entry,
      }),
      logger,
      urlReader,
    }) as IdentitySource;

  it('reads the report from a file anew on every run, in pages of 500', async () => {
    const file = path.join(dir, 'report.csv');
    fs.writeFileSync(file, reportOf(501));
    const source = create({ file });
    expect((await observeAll(source)).map(page => page.length)).toEqual([
      500, 1,
    ]);
    fs.writeFileSync(file, reportOf(2));
    const [page] = await observeAll(source);
    expect(page.map(i => i.externalId)).toEqual([
      'partner-lumen-u0/key1',
      'partner-lumen-u1/key1',
    ]);
  });

  it('reads the report through the URL reader', async () => {
    urlReader.readUrl.mockResolvedValue({
      buffer: async () => Buffer.from(reportOf(1)),
    } as any);
    const source = create({ report: 'https://reports.example.com/iam.csv' });
    const [page] = await observeAll(source);
    expect(page.map(i => i.externalId)).toEqual(['partner-lumen-u0/key1']);
    expect(urlReader.readUrl).toHaveBeenCalledWith(
      'https://reports.example.com/iam.csv',
    );
  });

  it('fails a run on a file over the size limit, before reading it', async () => {
    const file = path.join(dir, 'huge.csv');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 50 * 1024 * 1024 + 1);
    await expect(observeAll(create({ file }))).rejects.toThrow(
      'The credential report is 52428801 bytes, more than the limit of 52428800',
    );
  });

  it('logs the rows it leaves out, by line', async () => {
    const file = path.join(dir, 'bad-row.csv');
    fs.writeFileSync(
      file,
      `${HEADER}\npartner-lumen-x,arn,N/A,maybe,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A`,
    );
    expect(await observeAll(create({ file }))).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Credential report of source aws-prod, line 2: access_key_1_active is neither true nor false',
    );
  });

  it('needs exactly one of report and file, and a safe user pattern', () => {
    expect(() => create({})).toThrow(
      "Invalid config at partners.identitySources.aws-prod: give the report's location as either report (a URL) or file (a path)",
    );
    expect(() =>
      create({ report: 'https://reports.example.com/iam.csv', file: 'x.csv' }),
    ).toThrow('either report (a URL) or file (a path)');
    expect(() =>
      create({ file: 'x.csv', userPattern: '^partner-(?<partner>(a+)+)$' }),
    ).toThrow(
      'Invalid config at partners.identitySources.aws-prod.userPattern: the pattern can backtrack super-linearly',
    );
  });

  it('is read-only', () => {
    const source = create({ file: 'x.csv' });
    expect(source.revoke).toBeUndefined();
    expect(source.disable).toBeUndefined();
  });
});
