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
 * The partners backend's router and what it reads with, as the read API
 * benchmark serves them: internal to the plugin (not its public API), so
 * they come from its source, loaded through the TypeScript transform.
 */

export { createRouter } from '../../../../plugins/partners-backend/src/router';
export { EntityAccessCache } from '../../../../plugins/partners-backend/src/services/EntityAccessCache';
export { createReadModels } from '../../../../plugins/partners-backend/src/services/read';
export { readPartnersBackendConfig } from '../../../../plugins/partners-backend/src/config';
export { ReviewsService } from '../../../../plugins/partners-backend/src/services/ReviewsService';
export { DatabaseReviewsStore } from '../../../../plugins/partners-backend/src/database/DatabaseReviewsStore';
