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
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigReader } from '@backstage/config';
import { ConfigSources, FileConfigSource } from '@backstage/config-loader';
import {
  SEVERITIES,
  compareSeverity,
  readPartnersConfig,
  startOfDay,
  toDayNumber,
  type PartnersConfig,
} from '@partner-governance/plugin-partners-common';
import { checkPaths } from './check';
import { UnreadablePathError } from './files';
import { formatJson, formatText } from './format';
import { redactSecrets } from './redact';
import type { FailOn, Report } from './types';

/** Where the CLI writes, and what it knows of its terminal. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
}

class UsageError extends Error {}

const DEFAULT_CONFIG_FILE = 'app-config.yaml';

/**
 * Reads the `partners:` policy from an app-config file the way Backstage
 * reads it (`@backstage/config-loader`: `$include`, `$file`, `${VAR}`
 * substitution from the given environment), or from ./app-config.yaml when
 * no file is named and there is one, else the defaults.
 */
async function loadConfig(
  file: string | undefined,
  env: CliIo['env'],
): Promise<PartnersConfig> {
  let target = file;
  if (!target) {
    // Like the Backstage CLI: use ./app-config.yaml when it is there.
    const exists = await fs.stat(DEFAULT_CONFIG_FILE).then(
      () => true,
      () => false,
    );
    target = exists ? DEFAULT_CONFIG_FILE : undefined;
  }
  if (!target) {
    return readPartnersConfig(new ConfigReader({}));
  }
  try {
    await fs.readFile(target);
  } catch (error) {
    throw new UnreadablePathError(
      `Cannot read config ${target}: ${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      }`,
    );
  }
  let config;
  try {
    config = await ConfigSources.toConfig(
      FileConfigSource.create({
        path: path.resolve(target),
        watch: false,
        substitutionFunc: async name => env[name]?.trim(),
      }),
    );
  } catch (error) {
    // The first line says what and where; the lines under it quote the
    // file, which may hold a secret.
    const [reason] = (error as Error).message.split('\n', 1);
    throw new UsageError(
      `Invalid config ${target}: ${reason.replace(/:$/, '')}`,
    );
  }
  try {
    return readPartnersConfig(config);
  } catch (error) {
    throw new UsageError(
      `Invalid config ${target}: ${(error as Error).message}`,
    );
  } finally {
    config.close();
  }
}

function parseNow(value: string | undefined): Date {
  if (value === undefined) {
    return new Date();
  }
  const day = toDayNumber(value);
  if (day === undefined) {
    throw new UsageError(
      `--now must be an ISO-8601 date such as 2026-03-01, got "${value}"`,
    );
  }
  return new Date(startOfDay(day));
}

/** The most threads --threads takes: each holds its own copy of the modules. */
const MAX_THREADS_OPTION = 16;

function parseThreads(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const threads = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(threads >= 1 && threads <= MAX_THREADS_OPTION)) {
    throw new UsageError(
      `--threads must be a whole number from 1 to ${MAX_THREADS_OPTION}, got "${value}"`,
    );
  }
  return threads;
}

function exitCode(report: Report, failOn: FailOn): number {
  if (report.errors.length > 0) {
    return 1;
  }
  if (
    failOn !== 'none' &&
    report.findings.some(f => compareSeverity(f.severity, failOn) >= 0)
  ) {
    return 1;
  }
  return 0;
}

/**
 * Runs the `partners` command line and resolves to its exit code: 0 clean;
 * 1 errors, or findings at or above --fail-on; 2 a usage error or a path that
 * cannot be read.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // Messages on stderr may echo the command line or a config file: never a
  // secret value.
  let written = Promise.resolve();
  const writeErr = (text: string) => {
    written = written.then(async () => {
      io.stderr.write(await redactSecrets(text));
    });
  };
  const program = new Command('partners')
    .description(
      'Validate partner files and report governance findings, with the same rules as the portal.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout.write(text),
      writeErr,
    });

  let exit = 0;
  const action = (findings: boolean) => async (paths: string[], opts: any) => {
    const failOn = opts.failOn as FailOn;
    const config = await loadConfig(opts.config, io.env);
    const now = parseNow(opts.now);
    const { report, sources } = await checkPaths({
      paths,
      config,
      now,
      findings,
      threads: parseThreads(opts.threads),
    });
    if (opts.format === 'json') {
      io.stdout.write(formatJson(report));
    } else {
      const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
      io.stdout.write(
        formatText(report, { color, fileOf: ref => sources.get(ref) }),
      );
    }
    exit = exitCode(report, failOn);
  };

  const addOptions = (command: Command) =>
    command
      .argument('<paths...>', 'partner files or directories of them')
      .addOption(
        new Option('--format <format>', 'output format')
          .choices(['text', 'json'])
          .default('text'),
      )
      .option(
        '--config <file>',
        `app-config file whose partners: key holds the policy and access packages (default: ./${DEFAULT_CONFIG_FILE} when present)`,
      )
      .option(
        '--now <date>',
        'evaluate as of this ISO-8601 date (default: today)',
      )
      .option(
        '--threads <count>',
        'threads that read the files (default: 1, and up to 4 from 5,000 files on)',
      )
      .addOption(
        new Option(
          '--fail-on <severity>',
          'exit 1 on findings at or above this severity',
        )
          .choices([...SEVERITIES, 'none'])
          .default('high'),
      );

  addOptions(program.command('validate'))
    .description(
      'Check schemas, secret values, duplicate entities and references between the given files.',
    )
    .action(action(false));
  addOptions(program.command('report'))
    .description(
      'Validate, then report the findings of every rule that works on files alone.',
    )
    .action(action(true));

  try {
    await program.parseAsync(argv, { from: 'user' });
    await written;
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other parse failure is a usage error.
      await written;
      return error.exitCode === 0 ? 0 : 2;
    }
    if (
      error instanceof UsageError ||
      error instanceof UnreadablePathError ||
      error instanceof TypeError
    ) {
      writeErr(`partners: ${(error as Error).message}\n`);
      await written;
      return 2;
    }
    throw error;
  }
}
