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
import { createTestDatabases } from './__testUtils__/databases';
import { errorOf } from './__testUtils__/http';
import { PAYMENTS } from './__testUtils__/ownersEstate';
import { ownersRouter } from './__testUtils__/ownersRouter';

jest.setTimeout(90_000);

describe('owner routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = ownersRouter(databases, databaseId);
    const { get } = fx;

    it('answers 404 for a user the catalog does not hold', async () => {
      const response = await get('user:default/nobody');
      expect(await errorOf(response)).toEqual({
        status: 404,
        name: 'NotFoundError',
        message: 'No user user:default/nobody in the catalog',
      });
      const event = await fx.auditor.createEvent.mock.results[0].value;
      expect(event.fail).toHaveBeenCalledTimes(1);
    });

    it('rejects a ref of another kind, a malformed ref, a bad limit or cursor', async () => {
      expect(await errorOf(await get('component:default/orders'))).toEqual({
        status: 400,
        name: 'InputError',
        message:
          'request/params/ref must be a Group or User entity ref, not a component',
      });
      expect(await errorOf(await get('jane'))).toEqual({
        status: 400,
        name: 'InputError',
        message: expect.stringMatching(/^request\/params\/ref must be/),
      });
      expect(await errorOf(await get('user:default/'))).toMatchObject({
        status: 400,
        name: 'InputError',
      });
      expect(await errorOf(await get(PAYMENTS, '?limit=101'))).toMatchObject({
        status: 400,
        message: expect.stringMatching(/limit/),
      });
      expect(await errorOf(await get(PAYMENTS, '?limit=0'))).toMatchObject({
        status: 400,
        message: expect.stringMatching(/limit/),
      });
      expect(
        await errorOf(await get(PAYMENTS, `?cursor=${btoa('not a ref')}`)),
      ).toMatchObject({
        status: 400,
        message: expect.stringMatching(/cursor/),
      });
    });

    it('needs a user or service token', async () => {
      const response = await get(PAYMENTS, '', {
        Authorization: mockCredentials.none.header(),
      });
      expect(response.status).toBe(401);
    });
  });
});
