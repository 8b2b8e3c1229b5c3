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

import { mockServices } from '@backstage/backend-test-utils';
import type { IdentitySource } from '@partner-governance/plugin-partners-node';
import {
  createTestDatabases,
  createTestDatabaseService,
} from '../__testUtils__/databases';
import { observedRole as role } from '../__testUtils__/observations';
import { DatabaseObservationStore } from '../database/DatabaseObservationStore';
import { IdentitySourceRunner } from './IdentitySourceRunner';

jest.setTimeout(90_000);

/** A password no log line, table or error may hold. */
const PASSWORD = ['Vq8', '#mT2', 'x!9Lp', 'Rz4w'].join('');

/** A source that yields the pages given, or throws where an Error stands. */
function sourceOf(pages: unknown[]): IdentitySource {
  return {
    id: 'partner-db',
    async *observe() {
      for (const page of pages) {
        if (page instanceof Error) {
          throw page;
        }
        yield page as any;
      }
    },
  };
}

describe('IdentitySourceRunner', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let store: DatabaseObservationStore;
    let logger: ReturnType<typeof mockServices.logger.mock>;

    beforeEach(async () => {
      const { database } = await createTestDatabaseService(
        databases,
        databaseId,
      );
      store = await DatabaseObservationStore.create({ database });
      logger = mockServices.logger.mock();
    });

    const run = (pages: unknown[], maxIdentities?: number) =>
      new IdentitySourceRunner({
        source: sourceOf(pages),
        type: 'postgres',
        store,
        logger,
        maxIdentities,
      }).run();

    /** Everything the logger was given, as one text. */
    const logged = () =>
      JSON.stringify(
        ['info', 'warn', 'error'].map(
          level => (logger as any)[level].mock.calls,
        ),
      );

    it('keeps every page of a run as the observations', async () => {
      await run([[role('a'), role('b')], [], [role('c')]]);
      expect(
        (await store.observations('partner-db')).map(i => i.externalId),
      ).toEqual(['a', 'b', 'c']);
      const [status] = await store.sources();
      expect(status).toMatchObject({ observed: 3, active: 3, refused: 0 });
      expect(logger.info).toHaveBeenCalledWith(
        'Identity source partner-db observed 3 identities (0 refused; 3 new, 0 changed, 0 gone)',
      );
    });

    it('refuses malformed and repeated identities, keeps the others and counts them', async () => {
      await run([
        [role('a'), role('b', { status: 'gone' })],
        [role('a', { name: 'again' }), role('c')],
      ]);
      expect(
        (await store.observations('partner-db')).map(i => [
          i.externalId,
          i.name,
        ]),
      ).toEqual([
        ['a', 'a'],
        ['c', 'c'],
      ]);
      expect((await store.sources())[0].refused).toBe(2);
      expect(logger.warn).toHaveBeenCalledWith(
        'identity b of source partner-db: status must be active or disabled',
      );
      expect(logger.warn).toHaveBeenCalledWith(
        'identity a of source partner-db was observed twice in one run; the first is kept',
      );
    });

    it('keeps the last observations when the source fails mid-run', async () => {
      await run([[role('a'), role('b')]]);
      await run([[role('a')], new Error('connection reset by peer')]);
      expect(
        (await store.observations('partner-db')).map(i => i.externalId),
      ).toEqual(['a', 'b']);
      const [status] = await store.sources();
      expect(status.lastError).toBe('connection reset by peer');
      expect(status.lastErrorAt).toBeDefined();
      expect(logger.error).toHaveBeenCalledWith(
        'Identity source partner-db failed; its last observations stay: connection reset by peer',
      );
    });

    it('withholds an error that quotes a secret, in the table and the log', async () => {
      await run([
        new Error(
          `could not connect to postgres://partner_sync:${PASSWORD}@db.internal:5432/orders`,
        ),
      ]);
      const [status] = await store.sources();
      expect(status.lastError).toBe(
        'the error message held a secret value and is withheld',
      );
      expect(logged()).not.toContain(PASSWORD);
    });

    it('replaces a secret a source hands over, and logs where, not what', async () => {
      await run([
        [role('a', { attributes: { comment: `password=${PASSWORD}` } })],
      ]);
      const [identity] = await store.observations('partner-db');
      expect(identity.attributes).toEqual({ comment: '<redacted>' });
      expect(logged()).toContain('held secret values in attributes.comment');
      expect(logged()).not.toContain(PASSWORD);
    });

    it('fails a run over the limit or with a page that is not a list, keeping the last observations', async () => {
      await run([[role('a')]]);
      await run([[role('b'), role('c')], [role('d')]], 2);
      expect((await store.sources())[0].lastError).toBe(
        'the source observes more than 2 identities',
      );
      await run([{ not: 'a list' }]);
      expect((await store.sources())[0].lastError).toBe(
        'observe() yielded a page that is not a list',
      );
      expect(
        (await store.observations('partner-db')).map(i => i.externalId),
      ).toEqual(['a']);
    });

    it('accepts exactly the limit', async () => {
      await run([[role('b'), role('c')]], 2);
      expect((await store.sources())[0]).toMatchObject({ observed: 2 });
      expect((await store.sources())[0].lastError).toBeUndefined();
    });
  });
});
