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

import { TestDatabases, type TestBackend } from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  as,
  BILLING,
  GUEST,
  NOOR,
  ORDERS,
  OTHER,
  PARTNER,
  seedPartnersIndex,
  STRANGER,
  startPartnersTestBackend,
} from './__testUtils__/partnersTestBackend';

jest.setTimeout(90_000);

const OPENED = '2026-11-01T09:00:00.000Z';

/** A 403 of the route's permission check, not of the service behind it. */
const forbidden = (message: string) => ({
  status: 403,
  body: { error: { name: 'NotAllowedError', message } },
});

/*
 * The partners routes themselves, with the decisions of the example policy.
 * The partners plugin's permissions service is the real one, which asks the
 * permission backend, which runs the policy module (and, for CONDITIONAL
 * decisions, the partners plugin's apply-conditions endpoint).
 * startTestBackend's default, mockServices.permissions.factory(), is that
 * same real factory (only with a `result` option is it a mock); it is named
 * here so that the test does not depend on that default.
 */
describe('partners routes, with the example permission policy', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let backend: TestBackend;
  let knex: Awaited<ReturnType<TestDatabases['init']>>;
  const reviewIds: Record<string, number> = {};
  const itemIds: Record<string, number> = {};

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    await seedPartnersIndex(knex);
    for (const [ref, owner] of [
      [ORDERS, 'group:default/team-orders'],
      [BILLING, 'group:default/team-payments'],
    ]) {
      const [row] = await knex('access_reviews')
        .insert({
          integration_ref: ref,
          partner_ref: PARTNER,
          assignee_ref: owner,
          status: 'pending',
          pending_key: ref,
          opened_at: OPENED,
          due_at: '2026-12-01T09:00:00.000Z',
        })
        .returning('id');
      reviewIds[ref] = Number(row.id ?? row);
    }
    const [checklist] = await knex('offboarding_checklists')
      .insert({
        partner_ref: PARTNER,
        reasons: '["stage-offboarding"]',
        status: 'open',
        open_key: PARTNER,
        opened_at: OPENED,
      })
      .returning('id');
    for (const ref of [ORDERS, BILLING]) {
      const [item] = await knex('offboarding_items')
        .insert({
          checklist_id: Number(checklist.id ?? checklist),
          partner_ref: PARTNER,
          integration_ref: ref,
          kind: 'close',
          item_key: `close-${ref}`,
          description: `Close ${ref}`,
          source: 'offboarding',
          status: 'pending',
        })
        .returning('id');
      itemIds[ref] = Number(item.id ?? item);
    }

    backend = await startPartnersTestBackend(knex, [permissionsServiceFactory]);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  /** Calls a partners route as a caller holding `token`. */
  async function call(
    token: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/partners${path}`,
      {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
    );
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : text };
  }

  const decide = (token: string, ref: string) =>
    call(token, 'POST', `/reviews/${reviewIds[ref]}/decision`, {
      decision: 'attest',
      comment: 'Access still needed',
    });

  it('lets owners decide the reviews of their integrations, security any', async () => {
    await expect(decide(as(GUEST), ORDERS)).resolves.toMatchObject({
      status: 200,
      body: { status: 'attested', decidedBy: GUEST },
    });

    await expect(decide(as(GUEST), BILLING)).resolves.toMatchObject(
      forbidden(`You may not decide the access review of ${BILLING}`),
    );
    const billing = await knex('access_reviews')
      .where({ id: reviewIds[BILLING] })
      .first();
    expect(billing).toMatchObject({ status: 'pending', pending_key: BILLING });

    await expect(decide(as(NOOR), BILLING)).resolves.toMatchObject({
      status: 200,
      body: { status: 'attested', decidedBy: NOOR },
    });
  });

  it('lets anyone request exceptions but only security approve them', async () => {
    const expiresAt = new Date(Date.now() + 5 * 24 * 60 * 60 * 1000)
      .toISOString()
      .slice(0, 10);
    const request = (token: string, entityRef: string) =>
      call(token, 'POST', '/exceptions', {
        ruleId: 'identity-no-expiry',
        entityRef,
        justification: 'The partner rotates this key by contract',
        expiresAt,
      });

    await expect(request(as(GUEST), ORDERS)).resolves.toMatchObject({
      status: 201,
      body: { status: 'requested', requestedBy: GUEST },
    });
    // Another user's request: the guest's approval of it is refused by the
    // policy, not by the rule that requesters may not approve their own.
    const requested = await request(as(OTHER), BILLING);
    expect(requested).toMatchObject({
      status: 201,
      body: { status: 'requested', requestedBy: OTHER },
    });
    const approve = `/exceptions/${requested.body.id}/approve`;

    await expect(call(as(GUEST), 'POST', approve, {})).resolves.toMatchObject(
      forbidden('You may not decide exceptions'),
    );
    await expect(call(as(NOOR), 'POST', approve, {})).resolves.toMatchObject({
      status: 200,
      body: { status: 'approved', decidedBy: NOOR },
    });
  });

  it('lets anyone complete offboarding items but only security verify', async () => {
    const complete = (token: string, ref: string) =>
      call(token, 'POST', `/offboarding/items/${itemIds[ref]}/complete`, {
        evidence: `${ref} closed at the gateway, ticket OPS-42`,
      });
    const verify = `/partners/${encodeURIComponent(
      PARTNER,
    )}/offboarding/verify`;

    await expect(complete(as(OTHER), BILLING)).resolves.toMatchObject({
      status: 200,
      body: { status: 'done', completedBy: OTHER },
    });
    // The guest completed no item yet: the policy refuses, before the
    // checklist's pending item or second-person rule could.
    await expect(call(as(GUEST), 'POST', verify, {})).resolves.toMatchObject(
      forbidden('You may not verify offboarding checklists'),
    );
    await expect(complete(as(GUEST), ORDERS)).resolves.toMatchObject({
      status: 200,
      body: { status: 'done', completedBy: GUEST },
    });
    await expect(
      call(as(NOOR), 'POST', verify, { comment: 'Checked' }),
    ).resolves.toMatchObject({
      status: 200,
      body: { checklist: { status: 'verified', verifiedBy: NOOR } },
    });
  });

  it('keeps sync to security, and the audit trail to security and the partners stakeholders', async () => {
    await expect(call(as(GUEST), 'POST', '/sync')).resolves.toMatchObject(
      forbidden('You may not trigger a partner index sync'),
    );
    // Owners of one of acme's integrations read acme's events, and no other.
    for (const owner of [GUEST, OTHER]) {
      const own = await call(as(owner), 'GET', '/audit');
      expect(own.status).toBe(200);
      expect(own.body.items.length).toBeGreaterThan(0);
      expect(
        new Set(
          own.body.items.map((e: { partnerRef?: string }) => e.partnerRef),
        ),
      ).toEqual(new Set([PARTNER]));
    }
    await expect(call(as(STRANGER), 'GET', '/audit')).resolves.toMatchObject({
      status: 200,
      body: { items: [] },
    });
    const audit = await call(as(NOOR), 'GET', '/audit');
    expect(audit).toMatchObject({ status: 200 });
    // The decisions above are on the trail.
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'review.decided',
        'exception.requested',
        'offboarding.item-completed',
        'offboarding.verified',
      ]),
    );
  });
});
