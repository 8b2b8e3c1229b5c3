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

/* eslint-disable @backstage/no-relative-monorepo-imports */

/*
 * The partners backend's identity index, as the benchmarks measure it: the
 * sync and its store are internal to the plugin (not its public API), so
 * they come from its source, loaded through the TypeScript transform.
 */

import { resolvePackagePath } from '@backstage/backend-plugin-api';

export { DatabaseIdentityIndexStore } from '../../../../plugins/partners-backend/src/database/DatabaseIdentityIndexStore';
export {
  IdentityIndexSync,
  type SyncSummary,
} from '../../../../plugins/partners-backend/src/services/IdentityIndexSync';

/** The plugin's knex migrations, next to its source in the repository. */
export const MIGRATIONS_DIR = resolvePackagePath(
  '@partner-governance/bench',
  '../../plugins/partners-backend/migrations',
);
