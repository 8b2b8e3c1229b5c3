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
  LoggerService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { IdentitySourceStatus } from '@partner-governance/plugin-partners-common';
import type {
  IdentitySource,
  IdentitySourceFactory,
} from '@partner-governance/plugin-partners-node';
import type { IdentitySourceConfig } from '../config';
import type { DatabaseObservationStore } from '../database/DatabaseObservationStore';
import { IdentitySourceRunner } from './IdentitySourceRunner';

/** The factories modules added, by the `type` each provides. */
export class IdentitySourceFactories {
  private readonly byType = new Map<string, IdentitySourceFactory>();

  add(...factories: IdentitySourceFactory[]) {
    for (const factory of factories) {
      if (this.byType.has(factory.type)) {
        throw new Error(
          `Two modules provide identity sources of type "${factory.type}"`,
        );
      }
      this.byType.set(factory.type, factory);
    }
  }

  get(type: string): IdentitySourceFactory | undefined {
    return this.byType.get(type);
  }
}

/** A configured identity source, created by the factory of its type. */
export interface CreatedIdentitySource {
  type: string;
  schedule: IdentitySourceConfig['schedule'];
  source: IdentitySource;
}

/**
 * Creates each configured identity source with the factory of its type, by
 * id. A source whose type no module provides, or whose factory fails,
 * stops the start-up with an error naming its config key.
 *
 * @internal
 */
export async function createIdentitySources(options: {
  sources: IdentitySourceConfig[];
  factories: IdentitySourceFactories;
  logger: LoggerService;
  urlReader: UrlReaderService;
}): Promise<Map<string, CreatedIdentitySource>> {
  const { factories, logger, urlReader } = options;
  const created = new Map<string, CreatedIdentitySource>();
  for (const { id, type, schedule, config } of options.sources) {
    const key = `partners.identitySources.${id}`;
    const factory = factories.get(type);
    if (!factory) {
      throw new Error(
        `Invalid config at ${key}.type: no installed module provides identity sources of type "${type}"`,
      );
    }
    const source = await factory.create({
      id,
      config,
      logger: logger.child({ identitySource: id }),
      urlReader,
    });
    if (source.id !== id) {
      throw new Error(
        `The ${type} identity source created for ${key} calls itself "${source.id}"`,
      );
    }
    created.set(id, { type, schedule, source });
  }
  return created;
}

/**
 * Schedules the runs of each identity source, on one backend instance at a
 * time.
 *
 * @internal
 */
export async function scheduleIdentitySources(options: {
  sources: ReadonlyMap<string, CreatedIdentitySource>;
  store: DatabaseObservationStore;
  scheduler: SchedulerService;
  logger: LoggerService;
  /** Called after each successful run: see IdentitySourceRunner. */
  onSucceeded?(sourceId: string, startedAt: string): Promise<void>;
}): Promise<void> {
  const { store, scheduler, logger } = options;
  for (const [id, { type, schedule, source }] of options.sources) {
    const runner = new IdentitySourceRunner({
      source,
      type,
      store,
      logger,
      onSucceeded: async startedAt => options.onSucceeded?.(id, startedAt),
    });
    await scheduler.scheduleTask({
      id: `partners-identity-source-${id}`,
      ...schedule,
      scope: 'global',
      fn: () => runner.run(),
    });
  }
}

/**
 * The configured identity sources, by id, each with what its runs
 * recorded; a source that has not run yet has only its id and type.
 *
 * @internal
 */
export async function listIdentitySources(
  sources: IdentitySourceConfig[],
  store: Pick<DatabaseObservationStore, 'sources'>,
): Promise<IdentitySourceStatus[]> {
  const recorded = new Map((await store.sources()).map(s => [s.id, s]));
  return sources
    .map(({ id, type }) => ({
      observed: 0,
      active: 0,
      refused: 0,
      ...recorded.get(id),
      id,
      type,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : Number(a.id > b.id)));
}
