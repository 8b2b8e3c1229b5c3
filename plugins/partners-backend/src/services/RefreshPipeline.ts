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

import { ConflictError } from '@backstage/errors';
import type { RefreshLock } from '../database/RefreshLock';
import type { EntityAccessCache } from './EntityAccessCache';
import type { ExceptionsService } from './ExceptionsService';
import type { FindingsService } from './FindingsService';
import type {
  IdentityIndexSync,
  SyncRunOptions,
  SyncSummary,
} from './IdentityIndexSync';
import type { OffboardingService } from './OffboardingService';
import type { ReminderService } from './ReminderService';
import type { ReviewsService } from './ReviewsService';

/** The services one refresh goes through. @internal */
export interface RefreshSteps {
  sync: Pick<IdentityIndexSync, 'run'>;
  offboarding: Pick<OffboardingService, 'openDueChecklists'>;
  exceptions: Pick<ExceptionsService, 'expire'>;
  findings: Pick<FindingsService, 'recompute'>;
  reviews: Pick<ReviewsService, 'openDueReviews'>;
  reminders: Pick<ReminderService, 'run'>;
  accessPages: Pick<EntityAccessCache, 'invalidate'>;
  /** Held for the whole run, so that runs never overlap. */
  lock: RefreshLock;
}

/**
 * One refresh of partner governance, run on schedule and by `POST /sync`:
 * the index from the catalog; the offboarding checklists of partners that
 * leave; exceptions that expired, so they stop covering findings; the
 * findings, recomputed (with overdue reviews and expired exceptions); the
 * access reviews that fall due; reminders and escalations. Whatever the steps
 * wrote, cached access pages are dropped at the end, also when a step failed.
 * One run at a time, across backend instances: a run that finds another
 * under way fails with a ConflictError and changes nothing.
 *
 * @internal
 */
export class RefreshPipeline {
  constructor(private readonly steps: RefreshSteps) {}

  async run(now?: Date, options?: SyncRunOptions): Promise<SyncSummary> {
    const outcome = await this.steps.lock.withLock(() =>
      this.runSteps(now, options),
    );
    if (!outcome.acquired) {
      throw new ConflictError(
        'A refresh of partner governance is already running; try again when it has finished',
      );
    }
    return outcome.result;
  }

  private async runSteps(
    now?: Date,
    options?: SyncRunOptions,
  ): Promise<SyncSummary> {
    const { sync, offboarding, exceptions, findings, reviews, reminders } =
      this.steps;
    try {
      const summary = await sync.run(now, options);
      await offboarding.openDueChecklists();
      await exceptions.expire();
      await findings.recompute();
      await reviews.openDueReviews();
      await reminders.run();
      return summary;
    } finally {
      await this.steps.accessPages.invalidate();
    }
  }
}
