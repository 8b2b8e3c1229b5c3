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

import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  readPartnersConfig,
  type PartnersConfig,
} from '@partner-governance/plugin-partners-common';
import {
  REGISTER_COLUMNS,
  type RegisterColumn,
} from './services/register/registerKeys';
import {
  headerKey,
  REGISTER_FORMATS,
  type RegisterFormat,
} from './services/register/registerRecords';

const DEFAULT_SYNC_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
};

const DEFAULT_SOURCE_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 15 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 30 },
};

const DEFAULT_REGISTER_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 5 },
};

/** The largest export read by default, and the largest config may allow. */
const DEFAULT_REGISTER_MAX_BYTES = 10 * 1024 * 1024;
const REGISTER_MAX_BYTES_LIMIT = 100 * 1024 * 1024;

/** A source id: what `observedAs` names before its colon. */
const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

const DEFAULT_ENTITY_ACCESS_CACHE_TTL_MS = 5_000;
const DEFAULT_MAX_GONE_FRACTION = 0.5;
const DEFAULT_BLAST_RADIUS_DEPTH = 2;
const DEFAULT_BLAST_RADIUS_MAX_DEPTH = 5;
/** The API's bound on `depth`. */
const BLAST_RADIUS_DEPTH_LIMIT = 10;

/**
 * What the partners backend reads of app-config, read once at start-up.
 *
 * @internal
 */
interface PartnersBackendConfig {
  /** The policy and access packages every part of partner governance reads. */
  partners: PartnersConfig;
  /** When the refresh runs (`partners.sync.schedule`). */
  syncSchedule: SchedulerServiceTaskScheduleDefinition;
  /** The largest share of the index one sync may mark gone (`partners.sync.maxGoneFraction`). */
  maxGoneFraction: number;
  /** Whether reminders go out (`partners.notifications.enabled`). */
  notificationsEnabled: boolean;
  /** How long an access page stays cached; 0 is off (`partners.entityAccessCache.ttl`). */
  entityAccessCacheTtlMs: number;
  /** The identity sources to run (`partners.identitySources`). */
  identitySources: IdentitySourceConfig[];
  /** How many catalog relations a blast radius follows (`partners.blastRadius`). */
  blastRadius: { defaultDepth: number; maxDepth: number };
  /** The partner register to read (`partners.register`), when there is one. */
  register?: PartnerRegisterConfig;
}

/**
 * `partners.register`: where the partner relationship management export is
 * and how to read it.
 *
 * @internal
 */
export interface PartnerRegisterConfig {
  /** The target as config gives it. */
  target: string;
  /** A URL for the URL reader, or a file path. */
  location: { type: 'url'; url: string } | { type: 'file'; path: string };
  format: RegisterFormat;
  schedule: SchedulerServiceTaskScheduleDefinition;
  maxBytes: number;
  /** The header (CSV) or key (JSON) of each documented column. */
  columns: Record<RegisterColumn, string>;
}

/**
 * One entry of `partners.identitySources`.
 *
 * @internal
 */
export interface IdentitySourceConfig {
  id: string;
  type: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** The whole entry, for the factory of its type. */
  config: Config;
}

/** An integer from 0 to the API's bound, or an error naming the key. */
function readDepth(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (
    !Number.isInteger(value) ||
    value < 0 ||
    value > BLAST_RADIUS_DEPTH_LIMIT
  ) {
    throw new Error(
      `Invalid config at ${key}: must be an integer from 0 to ${BLAST_RADIUS_DEPTH_LIMIT}, got ${value}`,
    );
  }
  return value;
}

function readBlastRadius(config: Config) {
  const maxDepth = readDepth(
    config,
    'partners.blastRadius.maxDepth',
    DEFAULT_BLAST_RADIUS_MAX_DEPTH,
  );
  const defaultDepth = readDepth(
    config,
    'partners.blastRadius.defaultDepth',
    Math.min(DEFAULT_BLAST_RADIUS_DEPTH, maxDepth),
  );
  if (defaultDepth > maxDepth) {
    throw new Error(
      `Invalid config at partners.blastRadius.defaultDepth: must be at most partners.blastRadius.maxDepth (${maxDepth}), got ${defaultDepth}`,
    );
  }
  return { defaultDepth, maxDepth };
}

function readIdentitySources(config: Config): IdentitySourceConfig[] {
  const sources = config.getOptionalConfig('partners.identitySources');
  return (sources?.keys() ?? []).map(id => {
    const key = `partners.identitySources.${id}`;
    if (!SOURCE_ID.test(id)) {
      throw new Error(
        `Invalid config at ${key}: a source id is 1 to 63 letters, digits, - and _, starting with a letter or digit`,
      );
    }
    const entry = sources!.getConfig(id);
    return {
      id,
      type: entry.getString('type'),
      schedule: entry.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            entry.getConfig('schedule'),
          )
        : DEFAULT_SOURCE_SCHEDULE,
      config: entry,
    };
  });
}

/** Where the register's target is: a URL, a `file:` URL, or a path. */
function registerLocation(
  target: string,
  key: string,
): PartnerRegisterConfig['location'] {
  if (!target.includes('://')) {
    return { type: 'file', path: path.resolve(target) };
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`Invalid config at ${key}: not a URL or a file path`);
  }
  if (url.protocol === 'file:') {
    return { type: 'file', path: fileURLToPath(url) };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(
      `Invalid config at ${key}: the URL reader reads http and https URLs, got ${url.protocol}`,
    );
  }
  return { type: 'url', url: target };
}

/** The format config names, else the one the target's extension names. */
function registerFormat(config: Config, target: string): RegisterFormat {
  const key = 'partners.register.format';
  const named = config.getOptionalString(key);
  if (named !== undefined) {
    if (!(REGISTER_FORMATS as readonly string[]).includes(named)) {
      throw new Error(
        `Invalid config at ${key}: must be one of ${REGISTER_FORMATS.join(
          ', ',
        )}, got ${named}`,
      );
    }
    return named as RegisterFormat;
  }
  const pathPart = target.split(/[?#]/)[0].toLocaleLowerCase('en-US');
  const byExtension = REGISTER_FORMATS.find(format =>
    pathPart.endsWith(`.${format}`),
  );
  if (!byExtension) {
    throw new Error(
      `Invalid config at ${key}: the target's extension names no format; give format (${REGISTER_FORMATS.join(
        ' or ',
      )})`,
    );
  }
  return byExtension;
}

function registerColumns(config: Config): Record<RegisterColumn, string> {
  const columns = { ...REGISTER_COLUMNS } as Record<RegisterColumn, string>;
  const seen = new Map<string, RegisterColumn>();
  for (const column of Object.keys(REGISTER_COLUMNS) as RegisterColumn[]) {
    const key = `partners.register.columns.${column}`;
    const header = config.getOptionalString(key) ?? columns[column];
    const normalized = headerKey(header);
    if (!normalized || header.length > 100) {
      throw new Error(
        `Invalid config at ${key}: a column header of 1 to 100 characters with a letter or digit`,
      );
    }
    const other = seen.get(normalized);
    if (other) {
      throw new Error(
        `Invalid config at ${key}: names the same column as partners.register.columns.${other}`,
      );
    }
    seen.set(normalized, column);
    columns[column] = header;
  }
  return columns;
}

function readRegister(config: Config): PartnerRegisterConfig | undefined {
  if (!config.has('partners.register')) {
    return undefined;
  }
  const target = config.getString('partners.register.target');
  const location = registerLocation(target, 'partners.register.target');
  const maxKey = 'partners.register.maxBytes';
  const maxBytes =
    config.getOptionalNumber(maxKey) ?? DEFAULT_REGISTER_MAX_BYTES;
  if (
    !Number.isInteger(maxBytes) ||
    maxBytes < 1 ||
    maxBytes > REGISTER_MAX_BYTES_LIMIT
  ) {
    throw new Error(
      `Invalid config at ${maxKey}: must be a whole number of bytes from 1 to ${REGISTER_MAX_BYTES_LIMIT}, got ${maxBytes}`,
    );
  }
  return {
    target,
    location,
    format: registerFormat(config, target),
    schedule: config.has('partners.register.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('partners.register.schedule'),
        )
      : DEFAULT_REGISTER_SCHEDULE,
    maxBytes,
    columns: registerColumns(config),
  };
}

/**
 * Reads the backend's configuration, with its defaults; throws on a value
 * it cannot use, naming the key.
 *
 * @internal
 */
export function readPartnersBackendConfig(
  config: Config,
): PartnersBackendConfig {
  const cacheKey = 'partners.entityAccessCache.ttl';
  const goneKey = 'partners.sync.maxGoneFraction';
  const maxGoneFraction =
    config.getOptionalNumber(goneKey) ?? DEFAULT_MAX_GONE_FRACTION;
  if (!(maxGoneFraction >= 0 && maxGoneFraction <= 1)) {
    throw new Error(
      `Invalid config at ${goneKey}: must be a number from 0 to 1, got ${maxGoneFraction}`,
    );
  }
  return {
    partners: readPartnersConfig(config),
    syncSchedule: config.has('partners.sync.schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('partners.sync.schedule'),
        )
      : DEFAULT_SYNC_SCHEDULE,
    maxGoneFraction,
    notificationsEnabled:
      config.getOptionalBoolean('partners.notifications.enabled') ?? true,
    entityAccessCacheTtlMs: config.has(cacheKey)
      ? durationToMilliseconds(
          readDurationFromConfig(config, { key: cacheKey }),
        )
      : DEFAULT_ENTITY_ACCESS_CACHE_TTL_MS,
    identitySources: readIdentitySources(config),
    blastRadius: readBlastRadius(config),
    register: readRegister(config),
  };
}
