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

import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  stringifyEntityRef,
  stringifyLocationRef,
  type Entity,
} from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { LocationSpec } from '@backstage/plugin-catalog-node';
import {
  REDACTED_SECRET_VALUE,
  redactSecrets,
} from '@partner-governance/plugin-partners-node';
import {
  ALLOWED_LOCATIONS_KEY,
  INTAKE_LIMITS,
  describeIntakeEntry,
  isCoveredBy,
  parseIntakeEntry,
  type IntakeEntry,
} from './intakeMatcher';

/** The kinds whose location is checked, compared in lower case. */
const INTAKE_KINDS = new Set(['partner', 'partnerintegration']);

/** Entries named in the start-up log, at most. */
const LOGGED_ENTRIES = 20;

/** Characters of a location quoted in an error, at most. */
const QUOTED_LOCATION_LENGTH = 500;

/** Reads the list: undefined when unset (every location allowed). */
function readEntries(
  values: readonly string[] | undefined,
  cwd: string,
): IntakeEntry[] | undefined {
  if (values === undefined) {
    return undefined;
  }
  if (values.length > INTAKE_LIMITS.maxEntries) {
    throw new TypeError(
      `${ALLOWED_LOCATIONS_KEY} lists ${values.length} locations, more than ${INTAKE_LIMITS.maxEntries}`,
    );
  }
  return values.map((value, index) => parseIntakeEntry(value, index, cwd));
}

/**
 * The location as an error may name it: shortened, without the user
 * information of a URL, and never holding a secret value.
 */
async function nameOfLocation(location: LocationSpec): Promise<string> {
  let target = String(location.target).slice(0, QUOTED_LOCATION_LENGTH);
  if (location.type === 'url') {
    try {
      const url = new URL(target);
      if (url.username || url.password) {
        url.username = '';
        url.password = '';
        target = `${url.href} (its credentials left out)`;
      }
    } catch {
      // named as it is, through the guard below
    }
  }
  const name = stringifyLocationRef({ type: location.type, target });
  const { document } = await redactSecrets(name);
  return document === name
    ? name
    : `${location.type}:${REDACTED_SECRET_VALUE} (a location holding a secret value)`;
}

/**
 * Where Partner and PartnerIntegration entities may come from: the catalog
 * locations listed in `partners.intake.allowedLocations`. Each entry is a URL
 * prefix (`https://github.com/acme/partners/`), compared by origin and path
 * at a `/`, or a file or folder path, resolved against the backend's working
 * directory as the catalog resolves `type: file` locations of app-config and
 * compared after normalisation at a path separator, so that neither `..` nor
 * a sibling such as `examples-evil/` passes for `examples/`. An unset list
 * allows every location; an empty list allows none. Entities of other kinds
 * are not checked.
 *
 * Built from a configuration that can change (`fromConfig`), it follows the
 * configuration: a list that no longer reads allows no location until it is
 * fixed.
 *
 * @public
 */
export class PartnerIntakeLocations {
  private entries: IntakeEntry[] | undefined;
  private subscription?: { unsubscribe(): void };

  private constructor(
    entries: IntakeEntry[] | undefined,
    private readonly cwd: string,
  ) {
    this.entries = entries;
  }

  /**
   * The locations `partners.intake.allowedLocations` lists. Throws when the
   * list does not read (an entry that is not a path or an http(s) URL, a URL
   * with credentials, a query or encoded separators, or more than 1,000
   * entries). Logs once whether intake is open or which locations it allows.
   */
  static fromConfig(
    config: Config,
    options: { logger?: LoggerService; cwd?: string } = {},
  ): PartnerIntakeLocations {
    const cwd = options.cwd ?? process.cwd();
    const read = () =>
      readEntries(config.getOptionalStringArray(ALLOWED_LOCATIONS_KEY), cwd);
    const intake = new PartnerIntakeLocations(read(), cwd);
    intake.log(options.logger);
    intake.subscription = config.subscribe?.(() => {
      const before = JSON.stringify(intake.entries);
      try {
        intake.entries = read();
      } catch (error) {
        intake.entries = [];
        options.logger?.error(
          `${error}; no location is allowed for Partner and PartnerIntegration entities until ${ALLOWED_LOCATIONS_KEY} is fixed`,
        );
        return;
      }
      if (JSON.stringify(intake.entries) !== before) {
        intake.log(options.logger);
      }
    });
    return intake;
  }

  /**
   * The given entries, as `partners.intake.allowedLocations` would list them;
   * undefined allows every location.
   */
  static of(
    entries: readonly string[] | undefined,
    options: { cwd?: string } = {},
  ): PartnerIntakeLocations {
    const cwd = options.cwd ?? process.cwd();
    return new PartnerIntakeLocations(readEntries(entries, cwd), cwd);
  }

  /** Whether a Partner or PartnerIntegration may come from the location. */
  allows(location: LocationSpec): boolean {
    return (
      this.entries === undefined ||
      isCoveredBy(this.entries, location, this.cwd)
    );
  }

  /**
   * Throws an InputError naming the entity and its location when the entity
   * is a Partner or PartnerIntegration from a location the list does not
   * allow.
   */
  async check(entity: Entity, location: LocationSpec): Promise<void> {
    if (
      typeof entity.kind !== 'string' ||
      !INTAKE_KINDS.has(entity.kind.toLocaleLowerCase('en-US')) ||
      this.allows(location)
    ) {
      return;
    }
    const where = await nameOfLocation(location);
    const reason =
      this.entries?.length === 0
        ? `no location is allowed for partner entities (${ALLOWED_LOCATIONS_KEY} is empty)`
        : `a location that ${ALLOWED_LOCATIONS_KEY} does not allow`;
    throw new InputError(
      `${stringifyEntityRef(entity)} comes from ${where}, ${reason}`,
    );
  }

  /** Stops following the configuration. */
  close(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private log(logger: LoggerService | undefined) {
    if (!logger) {
      return;
    }
    if (this.entries === undefined) {
      logger.warn(
        `${ALLOWED_LOCATIONS_KEY} is not set: Partner and PartnerIntegration entities are accepted from every location`,
      );
      return;
    }
    const listed = this.entries
      .slice(0, LOGGED_ENTRIES)
      .map(describeIntakeEntry);
    const more = this.entries.length - listed.length;
    logger.info(
      this.entries.length === 0
        ? `${ALLOWED_LOCATIONS_KEY} is empty: no Partner or PartnerIntegration entity is accepted`
        : `Partner and PartnerIntegration entities are accepted from ${listed.join(
            ', ',
          )}${more > 0 ? ` and ${more} more locations` : ''}`,
    );
  }
}
