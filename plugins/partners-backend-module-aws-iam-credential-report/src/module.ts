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

import { promises as fs } from 'node:fs';
import {
  createBackendModule,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import {
  compilePartnerPattern,
  pagesOf,
  partnersIdentitySourcesExtensionPoint,
  type IdentitySource,
  type IdentitySourceFactory,
  type ObservedIdentity,
} from '@partner-governance/plugin-partners-node';
import { readCredentialReport } from './readCredentialReport';

/** The largest report read, in bytes. */
const MAX_REPORT_BYTES = 50 * 1024 * 1024;

/** How many unreadable rows of one report are logged one by one. */
const MAX_LOGGED_PROBLEMS = 20;

/** A credential report, read anew on every run. */
class CredentialReportSource implements IdentitySource {
  constructor(
    readonly id: string,
    private readonly read: () => Promise<Buffer>,
    private readonly pattern: RegExp,
    private readonly logger: LoggerService,
  ) {}

  async *observe(): AsyncIterable<ObservedIdentity[]> {
    const report = await this.read();
    if (report.length > MAX_REPORT_BYTES) {
      throw new Error(
        `The credential report is ${report.length} bytes, more than the limit of ${MAX_REPORT_BYTES}`,
      );
    }
    const { identities, problems } = readCredentialReport(
      report.toString('utf8'),
      this.pattern,
    );
    for (const problem of problems.slice(0, MAX_LOGGED_PROBLEMS)) {
      this.logger.warn(`Credential report of source ${this.id}, ${problem}`);
    }
    yield* pagesOf(identities);
  }
}

/** The `aws-iam-credential-report` type of identity source. */
export const credentialReportSourceFactory: IdentitySourceFactory = {
  type: 'aws-iam-credential-report',
  create({ id, config, logger, urlReader }) {
    const key = `partners.identitySources.${id}`;
    const pattern = compilePartnerPattern(
      config.getString('userPattern'),
      `${key}.userPattern`,
    );
    const url = config.getOptionalString('report');
    const file = config.getOptionalString('file');
    if (!url === !file) {
      throw new Error(
        `Invalid config at ${key}: give the report's location as either report (a URL) or file (a path)`,
      );
    }
    const read = url
      ? async () => (await urlReader.readUrl(url)).buffer()
      : async () => {
          const { size } = await fs.stat(file!);
          if (size > MAX_REPORT_BYTES) {
            throw new Error(
              `The credential report is ${size} bytes, more than the limit of ${MAX_REPORT_BYTES}`,
            );
          }
          return fs.readFile(file!);
        };
    return new CredentialReportSource(id, read, pattern, logger);
  },
};

/**
 * Adds the `aws-iam-credential-report` identity source type to the partners
 * backend: the active access keys of the users an IAM credential report
 * lists, read-only.
 *
 * @public
 */
export const partnersModuleAwsIamCredentialReportIdentitySource =
  createBackendModule({
    pluginId: 'partners',
    moduleId: 'aws-iam-credential-report-identity-source',
    register(env) {
      env.registerInit({
        deps: { sources: partnersIdentitySourcesExtensionPoint },
        async init({ sources }) {
          sources.addIdentitySourceFactory(credentialReportSourceFactory);
        },
      });
    },
  });
