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

import {
  PARTNER_LIFECYCLE_STAGES,
  type PartnerEntityV1alpha1,
} from './kinds/PartnerEntityV1alpha1';
import {
  lifecycleGaps,
  PARTNER_STAGE_REQUIREMENTS,
  PARTNER_STAGE_TRANSITIONS,
  isAllowedStageTransition,
  stageIndex,
} from './lifecycle';

describe('isAllowedStageTransition', () => {
  it.each([
    ['onboarding', 'enablement'],
    ['enablement', 'measurement'],
    ['measurement', 'offboarding'],
    ['offboarding', 'offboarded'],
    ['measurement', 'enablement'],
    ['onboarding', 'offboarding'],
    ['enablement', 'offboarding'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(isAllowedStageTransition(from, to)).toBe(true);
  });

  it.each([
    ['onboarding', 'measurement'],
    ['onboarding', 'offboarded'],
    ['enablement', 'onboarding'],
    ['enablement', 'offboarded'],
    ['measurement', 'onboarding'],
    ['measurement', 'offboarded'],
    ['offboarding', 'measurement'],
    ['offboarding', 'enablement'],
    ['offboarding', 'onboarding'],
  ] as const)('forbids %s -> %s', (from, to) => {
    expect(isAllowedStageTransition(from, to)).toBe(false);
  });

  it('lets nothing leave offboarded', () => {
    for (const to of PARTNER_LIFECYCLE_STAGES) {
      expect(isAllowedStageTransition('offboarded', to)).toBe(false);
    }
    expect(PARTNER_STAGE_TRANSITIONS.offboarded).toEqual([]);
  });

  it('never allows staying in the same stage', () => {
    for (const stage of PARTNER_LIFECYCLE_STAGES) {
      expect(isAllowedStageTransition(stage, stage)).toBe(false);
    }
  });

  it('lets every active stage move to offboarding, and only offboarding reach offboarded', () => {
    for (const stage of ['onboarding', 'enablement', 'measurement'] as const) {
      expect(isAllowedStageTransition(stage, 'offboarding')).toBe(true);
    }
    const reachOffboarded = PARTNER_LIFECYCLE_STAGES.filter(stage =>
      isAllowedStageTransition(stage, 'offboarded'),
    );
    expect(reachOffboarded).toEqual(['offboarding']);
  });
});

describe('stageIndex and requirements', () => {
  it('orders the stages', () => {
    expect(PARTNER_LIFECYCLE_STAGES.map(stageIndex)).toEqual([0, 1, 2, 3, 4]);
    expect(stageIndex('measurement')).toBeGreaterThan(stageIndex('enablement'));
  });

  it('describes every stage', () => {
    expect(Object.keys(PARTNER_STAGE_REQUIREMENTS).sort()).toEqual(
      [...PARTNER_LIFECYCLE_STAGES].sort(),
    );
    expect(Object.keys(PARTNER_STAGE_TRANSITIONS).sort()).toEqual(
      [...PARTNER_LIFECYCLE_STAGES].sort(),
    );
  });
});

const PARTNER: PartnerEntityV1alpha1 = {
  apiVersion: 'partners.governance.dev/v1alpha1',
  kind: 'Partner',
  metadata: { name: 'acme', namespace: 'default', title: 'Acme Logistics' },
  spec: {
    type: 'integrator',
    owner: 'group:default/partnerships',
    lifecycle: {
      stage: 'enablement',
      stageOwners: {
        onboarding: 'group:default/partnerships',
        enablement: 'group:default/platform',
      },
    },
    risk: {
      tier: 'high',
      dueDiligence: { completed: '2026-01-10', reference: 'TPRM-42' },
    },
  },
};

const INTEGRATIONS = [
  {
    entityRef: 'partnerintegration:default/acme-orders',
    accessPackage: 'orders-read',
  },
  { entityRef: 'partnerintegration:default/acme-sandbox' },
];

function withSpec(
  patch: Partial<PartnerEntityV1alpha1['spec']>,
): PartnerEntityV1alpha1 {
  return { ...PARTNER, spec: { ...PARTNER.spec, ...patch } };
}

describe('lifecycleGaps', () => {
  it('lists the missing due diligence, stage owner and access packages', () => {
    const partner = withSpec({
      lifecycle: { stage: 'enablement', stageOwners: {} },
      risk: { tier: 'high' },
    });
    const gaps = lifecycleGaps({
      partner,
      integrations: INTEGRATIONS,
    });
    expect(gaps.nextStage).toBe('measurement');
    expect(gaps.missing).toEqual([
      'No owner is named for the enablement stage.',
      'No owner is named for the measurement stage.',
      'Due diligence is not completed.',
      '1 integration has no access package: partnerintegration:default/acme-sandbox.',
    ]);
  });

  it('asks an offboarding partner for a verified checklist and revoked identities', () => {
    const partner = withSpec({
      lifecycle: {
        stage: 'offboarding',
        stageOwners: { offboarding: 'group:default/sec' },
      },
    });
    expect(
      lifecycleGaps({
        partner,
        findings: [
          {
            ruleId: 'contract-ended-access-active',
          },
        ],
        offboarding: {
          status: 'open',
          progress: { total: 3, done: 1, pending: 2 },
        },
      }).missing,
    ).toEqual([
      '1 identity is still active.',
      '2 of 3 checklist items are pending.',
      'The checklist is not verified by someone other than the requester.',
    ]);
  });

  it('asks for a checklist when none is open', () => {
    const partner = withSpec({
      lifecycle: {
        stage: 'offboarding',
        stageOwners: { offboarding: 'group:default/sec' },
      },
    });
    expect(lifecycleGaps({ partner, offboarding: null }).missing).toEqual([
      'No offboarding checklist is open.',
    ]);
    expect(lifecycleGaps({ partner }).missing).toEqual([]);
  });

  it('has nothing to move on to once offboarded', () => {
    const partner = withSpec({ lifecycle: { stage: 'offboarded' } });
    expect(lifecycleGaps({ partner })).toEqual({ missing: [] });
  });
});
