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

import type { StoredReviewTrigger } from '../database/reviewTriggerRows';
import { reviewReasons, triggerSummary } from './reviewReasons';

const API = 'partnerintegration:default/acme-api';
const SEEN = '2026-12-18T08:00:00.000Z';

function trigger(
  kind: StoredReviewTrigger['kind'],
  before: string[],
  after: string[],
  extra: Partial<StoredReviewTrigger> = {},
): StoredReviewTrigger {
  return {
    kind,
    entityRef: API,
    field: 'spec.owner',
    before,
    after,
    seenAt: SEEN,
    ...extra,
  };
}

describe('triggerSummary', () => {
  it.each([
    [
      trigger('integration-owner', ['group:default/a'], ['group:default/b']),
      'the owner changed from group:default/a to group:default/b',
    ],
    [
      trigger('partner-owner', ['group:default/a'], ['user:default/alice'], {
        entityRef: 'partner:default/acme',
      }),
      'the owner of partner:default/acme changed from group:default/a to user:default/alice',
    ],
    [
      trigger('partner-tier', ['medium'], ['critical'], {
        entityRef: 'partner:default/acme',
      }),
      'the risk tier of partner:default/acme changed from medium to critical',
    ],
    [
      trigger('identity-scopes', ['a', 'b'], ['b', 'c'], { identity: 'k' }),
      'the scopes of identity k changed: added c; removed a',
    ],
    [
      trigger('identity-custodian', ['group:default/a'], ['group:default/b'], {
        identity: 'k',
      }),
      'the custodian of identity k changed from group:default/a to group:default/b',
    ],
    [
      trigger('identity-environment', [], ['staging'], { identity: 'k' }),
      'the environment of identity k changed from (none) to staging',
    ],
    [
      trigger('integration-accesses', ['component:default/x'], []),
      'the accesses changed: removed component:default/x',
    ],
    [
      trigger('identity-added', [], ['k'], { identity: 'k' }),
      'identity k was added',
    ],
  ])('describes %j', (stored, summary) => {
    expect(triggerSummary(stored)).toBe(summary);
  });

  it('lists both sides of a list cut short, where added and removed would mislead', () => {
    expect(
      triggerSummary(
        trigger('identity-scopes', ['a'], ['a', 'b', '… and 3 more'], {
          identity: 'k',
        }),
      ),
    ).toBe('the scopes of identity k changed from a to a, b, … and 3 more');
  });
});

describe('reviewReasons', () => {
  const owner = trigger(
    'integration-owner',
    ['group:default/a'],
    ['group:default/b'],
  );

  it('is due by cadence without triggers', () => {
    expect(reviewReasons({ status: 'pending' }, undefined)).toEqual({
      dueReason: 'Due by cadence.',
      triggers: [],
    });
  });

  it('is due now with the one change, what and when', () => {
    expect(
      reviewReasons({ status: 'pending' }, { triggers: [owner], total: 1 }),
    ).toEqual({
      dueReason:
        'Due now: the owner changed from group:default/a to group:default/b on 2026-12-18.',
      triggers: [
        {
          kind: 'integration-owner',
          entityRef: API,
          field: 'spec.owner',
          before: ['group:default/a'],
          after: ['group:default/b'],
          at: SEEN,
          summary: 'the owner changed from group:default/a to group:default/b',
        },
      ],
    });
  });

  it('names the first changes of many and counts the rest', () => {
    const many = [1, 2, 3, 4].map(i =>
      trigger('identity-added', [], [`k${i}`], { identity: `k${i}` }),
    );
    expect(
      reviewReasons({ status: 'pending' }, { triggers: many, total: 60 })
        .dueReason,
    ).toBe(
      'Due now: 60 changes since 2026-12-18: identity k1 was added; identity k2 was added; identity k3 was added; and 57 more.',
    );
  });

  it('says a decided review was due on change', () => {
    expect(
      reviewReasons({ status: 'attested' }, { triggers: [owner], total: 1 })
        .dueReason,
    ).toBe(
      'Was due on change: the owner changed from group:default/a to group:default/b on 2026-12-18.',
    );
  });
});
