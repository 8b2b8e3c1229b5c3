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
import type { IdentitySourceFactory } from '@partner-governance/plugin-partners-node';
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

/**
 * Creates each configured identity source with the factory of its type and
 * schedules its runs, on one backend instance at a time. A source whose type
 * no module provides, or whose factory fails, stops the start-up with an
 * error naming its config key.
 *
 * @internal
 */
export async function scheduleIdentitySources(options: {
  sources: IdentitySourceConfig[];
  factories: IdentitySourceFactories;
  store: DatabaseObservationStore;
  scheduler: SchedulerService;
  logger: LoggerService;
  urlReader: UrlReaderService;
}): Promise<void> {
  const { factories, store, scheduler, logger, urlReader } = options;
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
    const runner = new IdentitySourceRunner({ source, type, store, logger });
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
