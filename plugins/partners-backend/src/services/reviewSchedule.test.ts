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

import { nextReviewDue, reviewOpens } from './reviewSchedule';

const SEEN = '2026-11-01T09:30:00.000Z';

describe('nextReviewDue', () => {
  it('is one cadence after the last decision', () => {
    expect(
      nextReviewDue({
        lastDecidedAt: '2026-06-01T12:00:00.000Z',
        firstSeenAt: SEEN,
        firstIssued: '2020-01-01',
        cadenceDays: 90,
        leadDays: 14,
      }),
    ).toBe('2026-08-30T12:00:00.000Z');
  });

  it('is one cadence after the earliest issue day, at midnight UTC', () => {
    expect(
      nextReviewDue({
        firstSeenAt: SEEN,
        firstIssued: '2026-10-20',
        cadenceDays: 90,
        leadDays: 14,
      }),
    ).toBe('2027-01-18T00:00:00.000Z');
  });

  it('is never sooner than the lead window after the job first saw it', () => {
    expect(
      nextReviewDue({
        firstSeenAt: SEEN,
        firstIssued: '2024-01-01',
        cadenceDays: 90,
        leadDays: 14,
      }),
    ).toBe('2026-11-15T09:30:00.000Z');
  });

  it('counts from when the job first saw it when no issue day is readable', () => {
    for (const firstIssued of [undefined, 'last spring']) {
      expect(
        nextReviewDue({
          firstSeenAt: SEEN,
          firstIssued,
          cadenceDays: 30,
          leadDays: 14,
        }),
      ).toBe('2026-12-01T09:30:00.000Z');
    }
  });
});

describe('nextReviewDue with a review trigger', () => {
  const base = {
    firstSeenAt: SEEN,
    firstIssued: '2026-10-20',
    cadenceDays: 90,
    leadDays: 14,
  };

  it('is due when the change was seen, lead window and cadence aside', () => {
    const triggeredAt = '2026-11-02T08:00:00.000Z';
    expect(nextReviewDue({ ...base, triggeredAt })).toBe(triggeredAt);
    expect(
      nextReviewDue({
        ...base,
        lastDecidedAt: '2026-11-01T12:00:00.000Z',
        triggeredAt,
      }),
    ).toBe(triggeredAt);
    expect(reviewOpens(triggeredAt, 14, new Date(triggeredAt))).toBe(true);
  });

  it('stays due by cadence when that is sooner', () => {
    expect(
      nextReviewDue({
        ...base,
        lastDecidedAt: '2026-06-01T12:00:00.000Z',
        triggeredAt: '2026-11-02T08:00:00.000Z',
      }),
    ).toBe('2026-08-30T12:00:00.000Z');
  });

  it('is never due before the last decision', () => {
    // a change a refresh stored after a decision that did not see it
    expect(
      nextReviewDue({
        ...base,
        lastDecidedAt: '2026-11-03T12:00:00.000Z',
        triggeredAt: '2026-11-03T11:59:00.000Z',
      }),
    ).toBe('2026-11-03T12:00:00.000Z');
  });
});

describe('reviewOpens', () => {
  const due = '2026-12-15T00:00:00.000Z';

  it('opens the lead window before the due date, not a moment sooner', () => {
    expect(reviewOpens(due, 14, new Date('2026-12-01T00:00:00.000Z'))).toBe(
      true,
    );
    expect(reviewOpens(due, 14, new Date('2026-11-30T23:59:59.999Z'))).toBe(
      false,
    );
  });
});
