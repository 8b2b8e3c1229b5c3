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

/*
 * Serving the benchmark's endpoints with express on 127.0.0.1.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';

/** A server listening on 127.0.0.1 and its base URL. */
export interface Served {
  server: Server;
  base: string;
}

/** Serves `app` on 127.0.0.1, on a free port. */
export async function listen(app: express.Express): Promise<Served> {
  const server = await new Promise<Server>(resolve => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

/** An express handler that passes what it throws to `next`. */
export function handler(
  serve: (req: express.Request, res: express.Response) => Promise<void>,
): express.RequestHandler {
  return async (req, res, next) => {
    try {
      await serve(req, res);
    } catch (error) {
      next(error);
    }
  };
}
