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
  checkObservedIdentities,
  findSecrets,
  type IdentitySource,
  type ObservedIdentity,
} from '@partner-governance/plugin-partners-node';
import type { DatabaseObservationStore } from '../database/DatabaseObservationStore';
import { yieldToEventLoop } from '../database/yieldToEventLoop';

/** The most identities one run of a source may observe. */
const DEFAULT_MAX_IDENTITIES = 1_000_000;

/** The longest error kept of a failed run. */
const MAX_ERROR_LENGTH = 1000;

/** How many refused identities of one run are logged one by one. */
const MAX_LOGGED_REFUSALS = 20;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Why a run failed, fit to keep and show: one line, bounded, and withheld
 * when it holds a secret value (a driver's error may quote a connection
 * string with its password).
 */
export async function sourceErrorText(error: unknown): Promise<string> {
  const raw = error instanceof Error ? error.message : String(error);
  const text = raw.replace(CONTROL, ' ').trim() || 'failed without a message';
  if ((await findSecrets(text)).length > 0) {
    return 'the error message held a secret value and is withheld';
  }
  return text.length > MAX_ERROR_LENGTH
    ? `${text.slice(0, MAX_ERROR_LENGTH)}…`
    : text;
}

/**
 * One run of an identity source: every page it observes, checked, then kept
 * as the source's observations in one transaction. A run that fails at any
 * point (the source throws, hands over something that is not a page, or
 * more identities than the limit) keeps the previous observations and
 * records why.
 *
 * @internal
 */
export class IdentitySourceRunner {
  private readonly maxIdentities: number;
  private readonly clock: () => Date;

  constructor(
    private readonly options: {
      source: IdentitySource;
      type: string;
      store: Pick<
        DatabaseObservationStore,
        'runStarted' | 'runFailed' | 'runSucceeded'
      >;
      logger: LoggerService;
      clock?: () => Date;
      maxIdentities?: number;
      /**
       * Called after a successful run is stored, with when the run started
       * (revocations requested before then are verified by it).
       */
      onSucceeded?(startedAt: string): Promise<void>;
    },
  ) {
    this.maxIdentities = options.maxIdentities ?? DEFAULT_MAX_IDENTITIES;
    this.clock = options.clock ?? (() => new Date());
  }

  async run(): Promise<void> {
    const { source, type, store, logger } = this.options;
    const startedAt = this.clock().toISOString();
    await store.runStarted(source.id, type, startedAt);
    let observed: { identities: ObservedIdentity[]; refused: number };
    try {
      observed = await this.observe();
    } catch (error) {
      const reason = await sourceErrorText(error);
      await store.runFailed(
        source.id,
        type,
        this.clock().toISOString(),
        reason,
      );
      logger.error(
        `Identity source ${source.id} failed; its last observations stay: ${reason}`,
      );
      return;
    }
    const changes = await store.runSucceeded(
      source.id,
      type,
      this.clock().toISOString(),
      observed.identities,
      observed.refused,
    );
    logger.info(
      `Identity source ${source.id} observed ${observed.identities.length} identities` +
        ` (${observed.refused} refused; ${changes.inserted} new, ${changes.updated} changed, ${changes.deleted} gone)`,
    );
    await this.options.onSucceeded?.(startedAt);
  }

  private async observe(): Promise<{
    identities: ObservedIdentity[];
    refused: number;
  }> {
    const { source, logger } = this.options;
    const identities = new Map<string, ObservedIdentity>();
    let refused = 0;
    const refuse = (reason: string) => {
      refused += 1;
      if (refused <= MAX_LOGGED_REFUSALS) {
        logger.warn(reason);
      }
    };
    for await (const page of source.observe()) {
      if (!Array.isArray(page)) {
        throw new Error('observe() yielded a page that is not a list');
      }
      if (identities.size + page.length > this.maxIdentities) {
        throw new Error(
          `the source observes more than ${this.maxIdentities} identities`,
        );
      }
      for (const checked of await checkObservedIdentities(source.id, page)) {
        if ('error' in checked) {
          refuse(checked.error);
          continue;
        }
        const { identity, redacted } = checked;
        if (identities.has(identity.externalId)) {
          refuse(
            `identity ${identity.externalId} of source ${source.id} was observed twice in one run; the first is kept`,
          );
          continue;
        }
        if (redacted.length > 0) {
          logger.warn(
            `identity ${identity.externalId} of source ${
              source.id
            } held secret values in ${redacted.join(', ')}; they are replaced`,
          );
        }
        identities.set(identity.externalId, identity);
      }
      // a source's pages may all be at hand: checking them is for the CPU
      // alone, and 100,000 identities would hold the event loop for seconds
      await yieldToEventLoop();
    }
    if (refused > MAX_LOGGED_REFUSALS) {
      logger.warn(
        `source ${source.id} refused ${refused} identities in one run; the first ${MAX_LOGGED_REFUSALS} are logged`,
      );
    }
    return { identities: [...identities.values()], refused };
  }
}
