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

import type { PartnerAccessFacts } from '../database/IdentityIndexStore';
import type { ReviewRow } from '../database/ReviewsStore';
import { leavingItems, revocationItems } from './offboardingItems';

const API = 'partnerintegration:default/acme-api';
const FEED = 'partnerintegration:default/acme-feed';
const VAULT = 'vault:secret/partners/acme/shared';

const identity = (
  name: string,
  extra: Partial<PartnerAccessFacts['identities'][number]> = {},
) => ({
  integrationRef: API,
  name,
  type: 'api-key',
  status: 'active',
  sharedWith: [],
  secretHolders: 0,
  ...extra,
});

describe('leavingItems', () => {
  it('revokes active identities, rotates each shared secret once and closes every integration', () => {
    const items = leavingItems({
      integrations: [API, FEED],
      identities: [
        identity('a-key', { secretRef: VAULT, secretHolders: 2 }),
        identity('b-key', { secretRef: VAULT, secretHolders: 2 }),
        identity('old-key', { status: 'revoked' }),
        identity('ops-token', {
          integrationRef: FEED,
          type: 'token',
          sharedWith: ['group:default/support'],
        }),
      ],
    });
    expect(items.map(i => [i.kind, i.integrationRef, i.identity])).toEqual([
      ['revoke', API, 'a-key'],
      ['revoke', API, 'b-key'],
      ['revoke', FEED, 'ops-token'],
      ['rotate', API, 'a-key'],
      ['rotate', FEED, 'ops-token'],
      ['close', API, undefined],
      ['close', FEED, undefined],
    ]);
    expect(items[3].description).toBe(
      `Rotate the shared secret of api-key a-key of ${API} (its secret is held by 1 other identity too)`,
    );
    expect(items[4].description).toContain('shared with group:default/support');
    // the key names the secret location (the store keeps only its hash);
    // no description does
    expect(items.map(i => i.description).join('\n')).not.toContain('vault:');
    expect(new Set(items.map(i => i.key)).size).toBe(items.length);
  });

  it('opens nothing for a partner with no live integration', () => {
    expect(leavingItems({ integrations: [], identities: [] })).toEqual([]);
  });

  it('does not rotate a secret only one live identity holds', () => {
    const items = leavingItems({
      integrations: [API],
      identities: [identity('a-key', { secretRef: VAULT, secretHolders: 1 })],
    });
    expect(items.map(i => i.kind)).toEqual(['revoke', 'close']);
  });
});

describe('revocationItems', () => {
  const review: ReviewRow = {
    id: 7,
    integrationRef: API,
    partnerRef: 'partner:default/acme',
    assigneeRef: 'group:default/team-a',
    status: 'revoked',
    openedAt: '2026-11-01T00:00:00.000Z',
    dueAt: '2026-11-15T00:00:00.000Z',
    snapshot: [
      {
        name: 'a-key',
        type: 'api-key',
        status: 'active',
        scopes: [],
        privileged: false,
        dormant: false,
      },
    ],
  };

  it('opens one revoke per named identity, typed from the decided snapshot', () => {
    expect(revocationItems(review, ['a-key'])).toEqual([
      {
        kind: 'revoke',
        integrationRef: API,
        identity: 'a-key',
        key: `revoke\n${API}\na-key`,
        description: `Revoke api-key a-key of ${API} (access review 7)`,
        source: 'review-revoke',
        reviewId: 7,
      },
    ]);
  });

  it('says identity for a name the snapshot does not hold, and nothing for no names', () => {
    expect(revocationItems(review, ['gone-key'])[0].description).toBe(
      `Revoke identity gone-key of ${API} (access review 7)`,
    );
    expect(revocationItems({ ...review, snapshot: undefined }, [])).toEqual([]);
  });

  it('keys a revoke like the leaving checklist, so a partner leaving later gets no second one', () => {
    const [fromReview] = revocationItems(review, ['a-key']);
    const [fromLeaving] = leavingItems({
      integrations: [],
      identities: [identity('a-key')],
    });
    expect(fromReview.key).toBe(fromLeaving.key);
  });
});
