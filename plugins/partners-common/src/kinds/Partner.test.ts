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

import type { Entity } from '@backstage/catalog-model';
import {
  PARTNERS_API_VERSION,
  PARTNER_LIFECYCLE_STAGES,
  isPartnerEntityV1alpha1,
  partnerEntityV1alpha1Validator as validator,
} from './PartnerEntityV1alpha1';

function validPartner(): any {
  return {
    apiVersion: PARTNERS_API_VERSION,
    kind: 'Partner',
    metadata: { name: 'lumen-integrations', title: 'Lumen Integrations' },
    spec: {
      type: 'integrator',
      owner: 'group:partner-operations',
      lifecycle: {
        stage: 'measurement',
        stageOwners: {
          onboarding: 'group:partner-operations',
          enablement: 'group:team-orders',
          measurement: 'group:team-orders',
          offboarding: 'group:security',
        },
      },
      risk: {
        tier: 'high',
        criticality: 'medium',
        dataAccess: ['customer-pii'],
        dueDiligence: { completed: '2026-02-10', reference: 'TPRM-1042' },
        ai: { supplies: true, contingencyPlan: 'BCP-AI-1' },
      },
      contract: { start: '2026-03-01', end: '2028-02-29', status: 'active' },
      lastActivity: '2026-11-20T09:30:00Z',
      supportChannels: ['slack:#partner-lumen'],
      incidents: [
        {
          date: '2026-06-01',
          severity: 'medium',
          summary: 'Token leaked in a ticket',
          reference: 'INC-1',
        },
      ],
    },
  };
}

/** The message checkSync throws for the data, or undefined if it does not throw. */
function errorOf(data: unknown): string | undefined {
  try {
    validator.checkSync(data);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
}

describe('partnerEntityV1alpha1Validator', () => {
  it('accepts a valid Partner', async () => {
    const partner = validPartner();
    expect(validator.checkSync(partner)).toBe(true);
    await expect(validator.check(partner)).resolves.toBe(true);
  });

  it('accepts a minimal Partner', () => {
    const partner = validPartner();
    partner.spec = {
      type: 'referral',
      owner: 'user:jane',
      lifecycle: { stage: 'onboarding' },
      risk: { tier: 'low' },
    };
    expect(validator.checkSync(partner)).toBe(true);
  });

  it('accepts every lifecycle stage', () => {
    for (const stage of PARTNER_LIFECYCLE_STAGES) {
      const partner = validPartner();
      partner.spec.lifecycle.stage = stage;
      expect(validator.checkSync(partner)).toBe(true);
    }
  });

  it('accepts a leap day and timestamps with offsets', () => {
    const partner = validPartner();
    partner.spec.contract.end = '2028-02-29';
    partner.spec.lastActivity = '2026-11-20T23:30:00-05:00';
    partner.spec.risk.dueDiligence.completed = '2026-02-10T10:00:00.123+0100';
    expect(validator.checkSync(partner)).toBe(true);
  });

  it('accepts a timestamp with an hour-only offset, as the schema pattern allows', () => {
    const partner = validPartner();
    partner.spec.lastActivity = '2026-11-20T10:00:00+01';
    expect(errorOf(partner)).toBeUndefined();
  });

  it('returns false for a foreign kind or apiVersion', async () => {
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'orders-service' },
      spec: { type: 'service', owner: 'team-orders', lifecycle: 'production' },
    };
    expect(validator.checkSync(component)).toBe(false);
    await expect(validator.check(component)).resolves.toBe(false);

    const otherVersion = validPartner();
    otherVersion.apiVersion = 'partners.governance.dev/v1beta1';
    expect(validator.checkSync(otherVersion)).toBe(false);

    const integration = validPartner();
    integration.kind = 'PartnerIntegration';
    expect(validator.checkSync(integration)).toBe(false);
  });

  it.each<[string, (spec: any) => void, string, string]>([
    [
      'missing spec.owner',
      spec => delete spec.owner,
      '/spec ',
      "must have required property 'owner'",
    ],
    [
      'empty spec.owner',
      spec => (spec.owner = ''),
      '/spec/owner ',
      'must NOT have fewer than 1 characters',
    ],
    ['missing spec.risk', spec => delete spec.risk, '/spec ', "'risk'"],
    [
      'unknown spec.type',
      spec => (spec.type = 'franchise'),
      '/spec/type ',
      'allowed values',
    ],
    [
      'wrong type of risk.tier',
      spec => (spec.risk.tier = 5),
      '/spec/risk/tier ',
      'must be string',
    ],
    [
      'unknown risk.tier',
      spec => (spec.risk.tier = 'severe'),
      '/spec/risk/tier ',
      'allowed values',
    ],
    [
      'unknown lifecycle stage',
      spec => (spec.lifecycle.stage = 'retired'),
      '/spec/lifecycle/stage ',
      'allowed values',
    ],
    [
      'stage owner for offboarded',
      spec => (spec.lifecycle.stageOwners.offboarded = 'group:security'),
      '/spec/lifecycle/stageOwners ',
      'additionalProperty: offboarded',
    ],
    [
      'unknown extra spec field',
      spec => (spec.colour = 'blue'),
      '/spec ',
      'must NOT have additional properties - additionalProperty: colour',
    ],
    [
      'unknown contract status',
      spec => (spec.contract.status = 'paused'),
      '/spec/contract/status ',
      'allowed values',
    ],
    [
      'ai without supplies',
      spec => (spec.risk.ai = { contingencyPlan: 'BCP' }),
      '/spec/risk/ai ',
      "'supplies'",
    ],
    [
      'date with a bad pattern',
      spec => (spec.contract.end = '28/02/2028'),
      '/spec/contract/end ',
      'must match pattern',
    ],
    [
      'non-calendar date',
      spec => (spec.contract.end = '2026-02-30'),
      '/spec/contract/end ',
      'must be a real calendar date - value: 2026-02-30',
    ],
    [
      'non-leap-year February 29th',
      spec => (spec.risk.dueDiligence.completed = '2027-02-29'),
      '/spec/risk/dueDiligence/completed ',
      'real calendar date',
    ],
    [
      'month 13 in a timestamp',
      spec => (spec.lastActivity = '2026-13-01T10:00:00Z'),
      '/spec/lastActivity ',
      'real calendar date',
    ],
    [
      'impossible time of day',
      spec => (spec.lastActivity = '2026-11-01T25:00:00Z'),
      '/spec/lastActivity ',
      'real calendar date',
    ],
    [
      'non-calendar incident date',
      spec => (spec.incidents[0].date = '2026-04-31'),
      '/spec/incidents/0/date ',
      'real calendar date',
    ],
    [
      'incident without summary',
      spec => delete spec.incidents[0].summary,
      '/spec/incidents/0 ',
      "'summary'",
    ],
  ])(
    'throws a TypeError naming the field for %s',
    (_, mutate, pointer, text) => {
      const partner = validPartner();
      mutate(partner.spec);
      const message = errorOf(partner);
      expect(message).toBeDefined();
      expect(message!.startsWith(pointer)).toBe(true);
      expect(message).toContain(text);
      expect(() => validator.checkSync(partner)).toThrow(TypeError);
    },
  );

  it('rejects asynchronously through check as well', async () => {
    const partner = validPartner();
    partner.spec.lifecycle.stage = 'retired';
    await expect(validator.check(partner)).rejects.toThrow(
      /^\/spec\/lifecycle\/stage /,
    );
  });

  it('does not mutate the entity', () => {
    const partner = validPartner();
    const before = JSON.parse(JSON.stringify(partner));
    validator.checkSync(partner);
    expect(partner).toEqual(before);
  });
});

describe('isPartnerEntityV1alpha1', () => {
  it('tells Partners of this apiVersion from anything else', () => {
    const partner = validPartner() as Entity;
    expect(isPartnerEntityV1alpha1(partner)).toBe(true);
    expect(
      isPartnerEntityV1alpha1({ ...partner, kind: 'PartnerIntegration' }),
    ).toBe(false);
    expect(
      isPartnerEntityV1alpha1({
        ...partner,
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).toBe(false);
    expect(isPartnerEntityV1alpha1({ ...partner, kind: 'partner' })).toBe(
      false,
    );
  });
});
