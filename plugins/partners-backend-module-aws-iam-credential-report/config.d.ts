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
    identitySources?: {
      [sourceId: string]: {
        /**
         * For `type: aws-iam-credential-report`: the URL of the report,
         * read through the backend's URL reader (its host must be allowed
         * under `backend.reading.allow` or an integration).
         */
        report?: string;
        /** For `type: aws-iam-credential-report`: the report as a file path, instead of `report`. */
        file?: string;
        /**
         * For `type: aws-iam-credential-report`: a regular expression with a
         * named group `partner` that attributes an IAM user to a partner by
         * name, e.g. `^partner-(?<partner>[a-z0-9-]+)-`.
         */
        userPattern?: string;
      };
    };
  };
}
