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

import { mockCredentials } from '@backstage/backend-test-utils';
import { partnersDetailsReadPermission } from '@partner-governance/plugin-partners-common';
import { createTestDatabases } from './__testUtils__/databases';
import { ACME } from './__testUtils__/evidenceEstate';
import { evidenceRouter } from './__testUtils__/evidenceRouter';
import { errorOf } from './__testUtils__/http';

jest.setTimeout(90_000);

describe('evidence pack route', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = evidenceRouter(databases, databaseId);
    const { get, exported } = fx;

    it('answers 403 to a caller who may not read the partner details, and records no export', async () => {
      const response = await get(ACME, '', {
        Authorization: mockCredentials.user.header('user:default/jane'),
      });
      expect(await errorOf(response)).toEqual({
        status: 403,
        name: 'NotAllowedError',
        message: `You may not export the evidence of ${ACME}`,
      });
      expect(fx.permissions.authorize).toHaveBeenCalledWith(
        [{ permission: partnersDetailsReadPermission, resourceRef: ACME }],
        expect.anything(),
      );
      expect(await exported()).toEqual([]);
      const event = await fx.auditor.createEvent.mock.results[0].value;
      expect(event.fail).toHaveBeenCalledTimes(1);
      expect(event.success).not.toHaveBeenCalled();
    });

    it('answers 404 for a partner the index never held', async () => {
      expect(await errorOf(await get('partner:default/nobody'))).toEqual({
        status: 404,
        name: 'NotFoundError',
        message: 'No partner partner:default/nobody',
      });
      expect(await exported()).toEqual([]);
    });

    it('rejects a bad format or ref, and needs a token', async () => {
      expect(await errorOf(await get(ACME, '?format=xml'))).toMatchObject({
        status: 400,
        name: 'InputError',
        message: expect.stringMatching(/format/),
      });
      expect(await errorOf(await get(ACME, '?other=1'))).toMatchObject({
        status: 400,
      });
      expect(await errorOf(await get('partner:default/'))).toMatchObject({
        status: 400,
        name: 'InputError',
        message: expect.stringMatching(/^request\/params\/ref/),
      });
      const none = await get(ACME, '', {
        Authorization: mockCredentials.none.header(),
      });
      expect(none.status).toBe(401);
      expect(await exported()).toEqual([]);
    });
  });
});
