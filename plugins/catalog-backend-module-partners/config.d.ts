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

export interface Config {
  partners?: {
    intake?: {
      /**
       * The catalog locations Partner and PartnerIntegration entities may
       * come from; from any other the catalog rejects them with an error
       * naming the entity and the location, and keeps their last good
       * version. Each entry is a URL prefix
       * (`https://github.com/acme/partners/blob/main/partners/`), compared by
       * origin and path at a `/`, or a file or folder path, relative to the
       * backend's working directory as `type: file` catalog locations are,
       * compared after normalisation at a path separator (`examples/`
       * covers `examples/partners/acme.yaml`, not `examples-old/acme.yaml`).
       * Unset: every location (the module logs a warning at start-up); an
       * empty list: none. At most 1,000 entries.
       */
      allowedLocations?: string[];
    };
  };
}
