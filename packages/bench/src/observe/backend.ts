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
 * The partners backend's identity sources, as the observation benchmark
 * measures them: the runner, the observation store, reconciliation and the
 * postgres source are internal to their plugins (not their public API), so
 * they come from their source, loaded through the TypeScript transform.
 */

export {
  DatabaseObservationStore,
  type ObservationChanges,
} from '../../../../plugins/partners-backend/src/database/DatabaseObservationStore';
export { IdentitySourceRunner } from '../../../../plugins/partners-backend/src/services/IdentitySourceRunner';
export { reconciliationFindings } from '../../../../plugins/partners-backend/src/services/reconciliation';
export { PostgresIdentitySource } from '../../../../plugins/partners-backend-module-postgres/src/PostgresIdentitySource';
