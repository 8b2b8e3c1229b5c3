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

import type {
  IdentitySource,
  ObservedIdentity,
} from '@partner-governance/plugin-partners-node';

/**
 * A role as a PostgreSQL source observes it: a service account of partner
 * lumen that may select orders, active. Overrides may be malformed, for the
 * tests of what the backend refuses.
 */
export const observedRole = (
  name: string,
  overrides: Record<string, unknown> = {},
): ObservedIdentity => ({
  externalId: name,
  type: 'service-account',
  name,
  partner: 'lumen',
  scopes: ['select:orders.orders'],
  status: 'active',
  ...(overrides as Partial<ObservedIdentity>),
});

/**
 * A source over roles held in memory: revoking disables one, unless the
 * source is down.
 */
export class RolesSource implements IdentitySource {
  readonly roles = new Map<string, ObservedIdentity['status']>();
  readonly revoked: string[] = [];
  down = false;

  constructor(readonly id: string, names: string[]) {
    names.forEach(name => this.roles.set(name, 'active'));
  }

  async *observe() {
    yield [...this.roles].map(([name, status]) =>
      observedRole(name, { partner: 'leaving', status }),
    );
  }

  async revoke(externalId: string) {
    if (this.down) {
      throw new Error('connect ECONNREFUSED db.internal:5432');
    }
    this.revoked.push(externalId);
    this.roles.set(externalId, 'disabled');
  }
}

/** A source that only observes. */
export const readOnly = (id: string, names: string[]): IdentitySource => ({
  id,
  async *observe() {
    yield names.map(name => observedRole(name, { partner: 'leaving' }));
  },
});
