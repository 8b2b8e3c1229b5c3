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
  boundValues,
  clipValue,
  integrationTriggers,
  MAX_TRIGGER_VALUE_LENGTH,
  MAX_TRIGGER_VALUES,
  partnerTriggers,
  type TriggerIntegrationFacts,
} from './reviewTriggers';

const API = 'partnerintegration:default/acme-api';
const ACME = 'partner:default/acme';

function facts(
  overrides: Partial<TriggerIntegrationFacts> = {},
): TriggerIntegrationFacts {
  return {
    ownerRef: 'group:default/team-orders',
    accesses: ['component:default/orders-api', 'api:default/orders'],
    identities: [
      {
        name: 'orders-key',
        scopes: ['orders:read', 'orders:write'],
        custodianRef: 'group:default/team-orders',
        environment: 'production',
      },
      {
        name: 'ledger-client',
        scopes: ['ledger:read'],
        custodianRef: 'group:default/finance',
        environment: 'production',
      },
    ],
    ...overrides,
  };
}

/** The facts with the identity of that name changed. */
function withIdentity(
  name: string,
  change: Partial<TriggerIntegrationFacts['identities'][number]>,
  base: TriggerIntegrationFacts = facts(),
): TriggerIntegrationFacts {
  return {
    ...base,
    identities: base.identities.map(i =>
      i.name === name ? { ...i, ...change } : i,
    ),
  };
}

const reviewed = { reviewed: true };

describe('integrationTriggers', () => {
  it('triggers nothing on first sighting', () => {
    expect(integrationTriggers(API, undefined, facts(), reviewed)).toEqual([]);
  });

  it('triggers nothing when nothing review-relevant changed', () => {
    expect(integrationTriggers(API, facts(), facts(), reviewed)).toEqual([]);
  });

  it('triggers nothing for reordered lists, white space and the case of refs', () => {
    const after = facts({
      ownerRef: ' Group:Default/Team-Orders ',
      accesses: ['API:default/orders', 'component:default/orders-api', ''],
      identities: [
        {
          name: 'ledger-client',
          scopes: [' ledger:read', 'ledger:read'],
          custodianRef: 'group:default/FINANCE',
          environment: 'Production',
        },
        {
          name: 'orders-key',
          scopes: ['orders:write', 'orders:read '],
          custodianRef: 'group:default/team-orders',
          environment: 'production',
        },
      ],
    });
    expect(integrationTriggers(API, facts(), after, reviewed)).toEqual([]);
  });

  it('triggers on a change of owner', () => {
    expect(
      integrationTriggers(
        API,
        withIdentity(
          'orders-key',
          { custodianRef: 'group:default/team-a' },
          facts(),
        ),
        withIdentity(
          'orders-key',
          { custodianRef: 'group:default/team-a' },
          facts({ ownerRef: 'group:default/team-payments' }),
        ),
        reviewed,
      ),
    ).toEqual([
      {
        kind: 'integration-owner',
        entityRef: API,
        field: 'spec.owner',
        before: ['group:default/team-orders'],
        after: ['group:default/team-payments'],
      },
    ]);
  });

  it('takes a custodian that follows the owner as no change of its own', () => {
    const after = withIdentity(
      'orders-key',
      { custodianRef: 'group:default/team-payments' },
      facts({ ownerRef: 'group:default/team-payments' }),
    );
    expect(
      integrationTriggers(API, facts(), after, reviewed).map(t => t.kind),
    ).toEqual(['integration-owner']);
  });

  it('triggers on a custodian that leaves the owner or moves on its own', () => {
    expect(
      integrationTriggers(
        API,
        facts(),
        withIdentity('orders-key', { custodianRef: 'group:default/security' }),
        reviewed,
      ),
    ).toEqual([
      {
        kind: 'identity-custodian',
        entityRef: API,
        field: 'spec.identities[orders-key].custodian',
        identity: 'orders-key',
        before: ['group:default/team-orders'],
        after: ['group:default/security'],
      },
    ]);
  });

  it('triggers on scopes added or removed, listing them sorted', () => {
    expect(
      integrationTriggers(
        API,
        facts(),
        withIdentity('orders-key', {
          scopes: ['orders:write', 'refunds:write'],
        }),
        reviewed,
      ),
    ).toEqual([
      {
        kind: 'identity-scopes',
        entityRef: API,
        field: 'spec.identities[orders-key].scopes',
        identity: 'orders-key',
        before: ['orders:read', 'orders:write'],
        after: ['orders:write', 'refunds:write'],
      },
    ]);
  });

  it('keeps the case of scopes: a scope in other case is another scope', () => {
    expect(
      integrationTriggers(
        API,
        facts(),
        withIdentity('ledger-client', { scopes: ['LEDGER:read'] }),
        reviewed,
      ).map(t => t.kind),
    ).toEqual(['identity-scopes']);
  });

  it('triggers on an environment set, changed or cleared', () => {
    const env = (environment: string | null) =>
      withIdentity('ledger-client', { environment });
    expect(
      integrationTriggers(API, env(null), env('staging'), reviewed),
    ).toEqual([
      {
        kind: 'identity-environment',
        entityRef: API,
        field: 'spec.identities[ledger-client].environment',
        identity: 'ledger-client',
        before: [],
        after: ['staging'],
      },
    ]);
    expect(
      integrationTriggers(API, env('staging'), env(null), reviewed)[0],
    ).toMatchObject({ before: ['staging'], after: [] });
  });

  it('triggers on accesses added or removed', () => {
    expect(
      integrationTriggers(
        API,
        facts(),
        facts({ accesses: ['component:default/orders-api'] }),
        reviewed,
      ),
    ).toEqual([
      {
        kind: 'integration-accesses',
        entityRef: API,
        field: 'spec.accesses',
        before: ['api:default/orders', 'component:default/orders-api'],
        after: ['component:default/orders-api'],
      },
    ]);
  });

  it('triggers on a new identity only once the integration was reviewed', () => {
    const after = facts({
      identities: [
        ...facts().identities,
        { name: 'refund-key', scopes: ['refunds:write'] },
      ],
    });
    expect(integrationTriggers(API, facts(), after, reviewed)).toEqual([
      {
        kind: 'identity-added',
        entityRef: API,
        field: 'spec.identities[refund-key]',
        identity: 'refund-key',
        before: [],
        after: ['refund-key'],
      },
    ]);
    expect(
      integrationTriggers(API, facts(), after, { reviewed: false }),
    ).toEqual([]);
  });

  it('triggers nothing for an identity that went away', () => {
    const after = facts({ identities: facts().identities.slice(1) });
    expect(integrationTriggers(API, facts(), after, reviewed)).toEqual([]);
  });

  it('reports every change of one refresh, the integration before its identities', () => {
    const after = withIdentity(
      'orders-key',
      { scopes: ['orders:read'], environment: 'staging' },
      facts({ ownerRef: 'group:default/team-b', accesses: [] }),
    );
    expect(
      integrationTriggers(API, facts(), after, reviewed).map(t => t.field),
    ).toEqual([
      'spec.owner',
      'spec.accesses',
      'spec.identities[orders-key].scopes',
      // its custodian stays team-orders: named, not following the owner
      'spec.identities[orders-key].environment',
    ]);
  });
});

describe('partnerTriggers', () => {
  const acme = { ownerRef: 'group:default/partner-ops', tier: 'high' };

  it('triggers nothing on first sighting or without a change', () => {
    expect(partnerTriggers(ACME, undefined, acme)).toEqual([]);
    expect(
      partnerTriggers(ACME, acme, {
        ownerRef: 'Group:default/Partner-Ops ',
        tier: 'high',
      }),
    ).toEqual([]);
  });

  it('triggers on a change of owner or tier', () => {
    expect(
      partnerTriggers(ACME, acme, {
        ownerRef: 'user:default/alice',
        tier: 'critical',
      }),
    ).toEqual([
      {
        kind: 'partner-owner',
        entityRef: ACME,
        field: 'spec.owner',
        before: ['group:default/partner-ops'],
        after: ['user:default/alice'],
      },
      {
        kind: 'partner-tier',
        entityRef: ACME,
        field: 'spec.risk.tier',
        before: ['high'],
        after: ['critical'],
      },
    ]);
  });
});

describe('bounds', () => {
  it('clips a value to its length in code points, marking the cut', () => {
    const long = 'a'.repeat(MAX_TRIGGER_VALUE_LENGTH + 1);
    const clipped = clipValue(long);
    expect(Array.from(clipped)).toHaveLength(MAX_TRIGGER_VALUE_LENGTH);
    expect(clipped.endsWith('…')).toBe(true);
    const exact = 'b'.repeat(MAX_TRIGGER_VALUE_LENGTH);
    expect(clipValue(exact)).toBe(exact);
    // an astral character is never cut in half
    expect(clipValue('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
  });

  it('keeps at most the allowed values of a list and says how many it left out', () => {
    const values = Array.from(
      { length: MAX_TRIGGER_VALUES + 7 },
      (_, i) => `scope-${String(i).padStart(3, '0')}`,
    );
    const bounded = boundValues(values);
    expect(bounded).toHaveLength(MAX_TRIGGER_VALUES + 1);
    expect(bounded[MAX_TRIGGER_VALUES]).toBe('… and 7 more');
    expect(boundValues(values.slice(0, MAX_TRIGGER_VALUES))).toEqual(
      values.slice(0, MAX_TRIGGER_VALUES),
    );
  });

  it('bounds what a trigger holds, names included', () => {
    const scopes = Array.from({ length: 80 }, (_, i) => `s${i}`);
    const name = 'n'.repeat(500);
    const [trigger] = integrationTriggers(
      API,
      facts({ identities: [{ name, scopes: [] }] }),
      facts({ identities: [{ name, scopes }] }),
      reviewed,
    );
    expect(trigger.after).toHaveLength(MAX_TRIGGER_VALUES + 1);
    expect(trigger.identity).toHaveLength(MAX_TRIGGER_VALUE_LENGTH);
    expect(trigger.field.length).toBeLessThan(MAX_TRIGGER_VALUE_LENGTH + 30);
  });
});
