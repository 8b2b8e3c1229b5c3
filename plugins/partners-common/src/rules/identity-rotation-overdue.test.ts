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
import { ConfigReader } from '@backstage/config';
import { readPartnersConfig } from '../policy';

import {
  NOW,
  day,
  client,
  estate,
  evaluate,
  fired,
} from './__testUtils__/estate';

describe('identity-rotation-overdue', () => {
  it('is quiet at exactly rotationMaxDays and fires one day later', () => {
    const quiet = estate([client({ lastRotated: day(-90) })]);
    expect(evaluate(quiet.entities)).toEqual([]);
    const late = estate([client({ lastRotated: day(-91) })]);
    const findings = evaluate(late.entities);
    expect(fired(findings)).toEqual([
      'identity-rotation-overdue [orders-client]',
    ]);
    expect(findings[0].message).toContain('91 days');
    expect(findings[0].message).toContain('limit 90');
  });

  it('lets rotationDays on the identity override the policy', () => {
    expect(
      evaluate(
        estate([client({ lastRotated: day(-30), rotationDays: 30 })]).entities,
      ),
    ).toEqual([]);
    expect(
      fired(
        evaluate(
          estate([client({ lastRotated: day(-31), rotationDays: 30 })])
            .entities,
        ),
      ),
    ).toEqual(['identity-rotation-overdue [orders-client]']);
    // a longer rotationDays relaxes the policy as well
    expect(
      evaluate(
        estate([client({ lastRotated: day(-200), rotationDays: 365 })])
          .entities,
      ),
    ).toEqual([]);
  });

  it('uses issued when lastRotated is absent', () => {
    expect(
      evaluate(
        estate([client({ lastRotated: undefined, issued: day(-90) })]).entities,
      ),
    ).toEqual([]);
    const findings = evaluate(
      estate([client({ lastRotated: undefined, issued: day(-91) })]).entities,
    );
    expect(fired(findings)).toEqual([
      'identity-rotation-overdue [orders-client]',
    ]);
    expect(findings[0].message).toContain('never rotated');
  });

  it('prefers lastRotated over an old issued date', () => {
    expect(
      evaluate(
        estate([client({ issued: day(-1000), lastRotated: day(-1) })]).entities,
      ),
    ).toEqual([]);
  });

  it('is quiet with neither date', () => {
    expect(
      evaluate(
        estate([client({ issued: undefined, lastRotated: undefined })])
          .entities,
      ),
    ).toEqual([]);
  });

  it('follows the policy rotationMaxDays from config', () => {
    const config = readPartnersConfig(
      new ConfigReader({
        partners: {
          policy: { rotationMaxDays: 10 },
          accessPackages: { 'orders-read': { scopes: ['orders:read'] } },
        },
      }),
    );
    const { entities } = estate([client({ lastRotated: day(-11) })]);
    expect(fired(evaluate(entities, { config }))).toEqual([
      'identity-rotation-overdue [orders-client]',
    ]);
    expect(evaluate(entities)).toEqual([]);
  });

  it('counts whole calendar days for timestamps', () => {
    const { entities } = estate([
      client({ lastRotated: `${day(-90)}T23:59:59-11:00` }),
    ]);
    expect(evaluate(entities, { now: `${NOW}T00:00:01+14:00` })).toEqual([]);
  });
  it('reads timestamps with an hour-only offset instead of ignoring them', () => {
    const { entities } = estate([
      client({ lastRotated: `${day(-91)}T10:00:00+01` }),
    ]);
    expect(fired(evaluate(entities))).toEqual([
      'identity-rotation-overdue [orders-client]',
    ]);
  });
});
