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

import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type {
  LoggerService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { PartnerRegisterConfig } from '../../config';
import type { DatabasePartnerRegisterStore } from '../../database/DatabasePartnerRegisterStore';
import { sourceErrorText } from '../IdentitySourceRunner';
import { parseRegister } from './parseRegister';

/** How many refused rows of one read are logged one by one. */
const MAX_LOGGED_REFUSALS = 20;

function tooBig(size: number, maxBytes: number): Error {
  return new Error(
    `the export is ${size} bytes or more, more than the limit of ${maxBytes} (partners.register.maxBytes)`,
  );
}

/** The bytes of a stream, up to `maxBytes`: past it, the read stops. */
async function readBounded(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += bytes.length;
    if (size > maxBytes) {
      (stream as { destroy?(): void }).destroy?.();
      throw tooBig(size, maxBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads the export where config says: a URL through the backend's URL
 * reader, else a file. Either way no more than `maxBytes` is read.
 */
async function readRegisterExport(
  config: Pick<PartnerRegisterConfig, 'location' | 'maxBytes'>,
  urlReader: UrlReaderService,
): Promise<Buffer> {
  const { location, maxBytes } = config;
  if (location.type === 'url') {
    const response = await urlReader.readUrl(location.url);
    if (response.stream) {
      return readBounded(response.stream(), maxBytes);
    }
    const buffer = await response.buffer();
    if (buffer.length > maxBytes) {
      throw tooBig(buffer.length, maxBytes);
    }
    return buffer;
  }
  const { size } = await fs.stat(location.path);
  if (size > maxBytes) {
    throw tooBig(size, maxBytes);
  }
  const buffer = await fs.readFile(location.path);
  // the file may have grown since
  if (buffer.length > maxBytes) {
    throw tooBig(buffer.length, maxBytes);
  }
  return buffer;
}

/**
 * One read of the partner register: the export read, parsed and checked,
 * then kept as the register in one transaction. Rows that cannot be kept
 * are refused one by one, with their row, column and why; a read that
 * fails as a whole (unreadable, too big, not CSV or JSON, a documented
 * column missing, no row kept) keeps the last good register and records why.
 *
 * @internal
 */
export class PartnerRegisterRunner {
  private readonly clock: () => Date;
  /**
   * The export this runner last read in full, by a hash of its bytes, and
   * the hash of the rows it kept: the same bytes give the same rows, so a
   * read of them again is not parsed when the register still holds those
   * rows. Kept in memory only, so that what another instance or another
   * version of the checks read is never taken for it.
   */
  private lastRead?: { exportHash: string; rowsHash: string };

  constructor(
    private readonly options: {
      config: PartnerRegisterConfig;
      urlReader: UrlReaderService;
      store: Pick<
        DatabasePartnerRegisterStore,
        'runStarted' | 'runFailed' | 'runSucceeded' | 'runRepeated'
      >;
      logger: LoggerService;
      clock?: () => Date;
    },
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** A read that failed as a whole: the last register read stays. */
  private async failed(error: unknown): Promise<void> {
    const { config, store, logger } = this.options;
    const reason = await sourceErrorText(error);
    await store.runFailed(config.format, this.clock().toISOString(), reason);
    logger.error(
      `The partner register could not be read; the last register read stays: ${reason}`,
    );
  }

  async run(): Promise<void> {
    const { config, urlReader, store, logger } = this.options;
    const { format, columns } = config;
    await store.runStarted(format, this.clock().toISOString());
    let content;
    try {
      content = await readRegisterExport(config, urlReader);
    } catch (error) {
      await this.failed(error);
      return;
    }
    const exportHash = createHash('sha256').update(content).digest('hex');
    if (
      this.lastRead?.exportHash === exportHash &&
      (await store.runRepeated(
        format,
        this.clock().toISOString(),
        this.lastRead.rowsHash,
      ))
    ) {
      logger.info(
        'Read the partner register: the export is the one read last, and the register still holds what that read kept',
      );
      return;
    }
    let parsed;
    try {
      parsed = await parseRegister(content, { format, columns });
    } catch (error) {
      await this.failed(error);
      return;
    }
    const { rows, errors, refused } = parsed;
    for (const error of errors.slice(0, MAX_LOGGED_REFUSALS)) {
      logger.warn(
        `Partner register row ${error.row}${
          error.column ? `, ${error.column}` : ''
        } ${error.message}; the row is not kept`,
      );
    }
    if (refused > MAX_LOGGED_REFUSALS) {
      logger.warn(
        `The partner register refused ${refused} rows; the first ${MAX_LOGGED_REFUSALS} are logged`,
      );
    }
    const changes = await store.runSucceeded(
      format,
      this.clock().toISOString(),
      rows,
      { count: refused, errors },
    );
    this.lastRead = { exportHash, rowsHash: changes.rowsHash };
    logger.info(
      `Read the partner register: ${rows.length} partners (${refused} rows refused;` +
        ` ${changes.inserted} new, ${changes.updated} changed, ${changes.deleted} gone)`,
    );
  }
}

/**
 * Schedules the reads of the partner register, on one backend instance at
 * a time.
 *
 * @internal
 */
export async function schedulePartnerRegister(options: {
  runner: PartnerRegisterRunner;
  schedule: PartnerRegisterConfig['schedule'];
  scheduler: SchedulerService;
}): Promise<void> {
  const { runner, schedule, scheduler } = options;
  await scheduler.scheduleTask({
    id: 'partners-register-read',
    ...schedule,
    scope: 'global',
    fn: () => runner.run(),
  });
}
