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
import {
  DEFAULT_PARTNERS_POLICY,
  DEFAULT_SENSITIVE_DATA,
  readPartnersConfig,
} from './policy';

function read(partners: unknown) {
  return readPartnersConfig(
    new ConfigReader(partners === undefined ? {} : ({ partners } as any)),
  );
}

describe('readPartnersConfig', () => {
  it('applies the defaults when config is silent', () => {
    const expected = {
      policy: {
        reviewCadenceDays: { critical: 30, high: 90, medium: 180, low: 365 },
        rotationMaxDays: 90,
        dormantAfterDays: 90,
        contractNoticeDays: 30,
        exceptionMaxDays: 180,
      },
      accessPackages: {},
      sensitiveData: [
        'customer-pii',
        'payment-data',
        'health-data',
        'credentials',
      ],
    };
    expect(read(undefined)).toEqual(expected);
    expect(read({})).toEqual(expected);
    expect(read({ policy: {} })).toEqual(expected);
    expect(read({ policy: { reviewCadenceDays: {} } })).toEqual(expected);
    expect(read(undefined).policy).toEqual(DEFAULT_PARTNERS_POLICY);
    expect(read(undefined).sensitiveData).toEqual(DEFAULT_SENSITIVE_DATA);
  });

  it('returns a fresh sensitiveData array, not the frozen default', () => {
    const config = read(undefined);
    expect(Object.isFrozen(config.sensitiveData)).toBe(false);
    config.sensitiveData.push('genome');
    expect(DEFAULT_SENSITIVE_DATA).not.toContain('genome');
  });

  it('takes overrides and keeps the defaults of the keys left out', () => {
    const config = read({
      policy: {
        reviewCadenceDays: { critical: 14, low: 400 },
        rotationMaxDays: 60,
        dormantAfterDays: 45,
        contractNoticeDays: 90,
        exceptionMaxDays: 30,
      },
      sensitiveData: ['genome'],
    });
    expect(config.policy).toEqual({
      reviewCadenceDays: { critical: 14, high: 90, medium: 180, low: 400 },
      rotationMaxDays: 60,
      dormantAfterDays: 45,
      contractNoticeDays: 90,
      exceptionMaxDays: 30,
    });
    expect(config.sensitiveData).toEqual(['genome']);
    expect(read({ sensitiveData: [] }).sensitiveData).toEqual([]);
    expect(
      read({ policy: { rotationMaxDays: 1 } }).policy.rotationMaxDays,
    ).toBe(1);
  });

  it('reads access packages with their defaults', () => {
    const config = read({
      accessPackages: {
        'orders-read': {
          description: 'Read orders',
          scopes: ['orders:read', 'order-events:*'],
          environments: ['production', 'staging'],
          privileged: false,
          supportChannels: ['slack:partner-orders'],
        },
        'ops-admin': { scopes: ['tenant:admin'], privileged: true },
        bare: {},
      },
    });
    expect(config.accessPackages).toEqual({
      'orders-read': {
        description: 'Read orders',
        scopes: ['orders:read', 'order-events:*'],
        environments: ['production', 'staging'],
        privileged: false,
        supportChannels: ['slack:partner-orders'],
      },
      'ops-admin': {
        description: undefined,
        scopes: ['tenant:admin'],
        environments: [],
        privileged: true,
        supportChannels: [],
      },
      bare: {
        description: undefined,
        scopes: [],
        environments: [],
        privileged: false,
        supportChannels: [],
      },
    });
  });

  it.each([
    ['policy.rotationMaxDays', { policy: { rotationMaxDays: 0 } }, '0'],
    ['policy.dormantAfterDays', { policy: { dormantAfterDays: 1.5 } }, '1.5'],
    [
      'policy.contractNoticeDays',
      { policy: { contractNoticeDays: -30 } },
      '-30',
    ],
    ['policy.exceptionMaxDays', { policy: { exceptionMaxDays: 0 } }, '0'],
    [
      'policy.reviewCadenceDays.critical',
      { policy: { reviewCadenceDays: { critical: 0 } } },
      '0',
    ],
    [
      'policy.reviewCadenceDays.high',
      { policy: { reviewCadenceDays: { high: 2.5 } } },
      '2.5',
    ],
    [
      'policy.reviewCadenceDays.medium',
      { policy: { reviewCadenceDays: { medium: -1 } } },
      '-1',
    ],
    [
      'policy.reviewCadenceDays.low',
      { policy: { reviewCadenceDays: { low: 0.99 } } },
      '0.99',
    ],
  ])(
    'throws a TypeError naming %s for an invalid number of days',
    (key, partners, value) => {
      let error: unknown;
      try {
        read(partners);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TypeError);
      const message = (error as Error).message;
      expect(message).toContain(`${key} must be a whole number of days`);
      expect(message).toContain(`got ${value}`);
    },
  );

  it('throws naming the key for a value that is not a number', () => {
    expect(() => read({ policy: { rotationMaxDays: 'ninety' } })).toThrow(
      /partners\.policy\.rotationMaxDays/,
    );
  });

  it('throws a TypeError naming the package for an unknown environment', () => {
    const config = {
      accessPackages: {
        'orders-read': {
          scopes: ['orders:read'],
          environments: ['production', 'prod'],
        },
      },
    };
    expect(() => read(config)).toThrow(TypeError);
    expect(() => read(config)).toThrow(
      "accessPackages.orders-read.environments holds unknown environment 'prod'",
    );
  });

  it('throws naming the key for access package fields of the wrong type', () => {
    expect(() =>
      read({ accessPackages: { 'orders-read': { scopes: 'orders:read' } } }),
    ).toThrow(/partners\.accessPackages\.orders-read\.scopes/);
    expect(() =>
      read({ accessPackages: { 'orders-read': { privileged: 'maybe' } } }),
    ).toThrow(/partners\.accessPackages\.orders-read\.privileged/);
  });
});
