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
         * For `type: postgres`: how to reach the server, as a connection
         * string or pg's connection options. Give the password by `${ENV}`
         * substitution. The user needs to read the catalogs and, to revoke,
         * the CREATEROLE attribute and the right to end other sessions.
         * @visibility secret
         */
        connection?: string | { [key: string]: string | number | boolean };
        /**
         * For `type: postgres`: a regular expression with a named group
         * `partner` that attributes a role to a partner by name, e.g.
         * `^partner_(?<partner>[a-z0-9-]+)_`. Roles it does not match are
         * neither observed nor acted on.
         */
        rolePattern?: string;
      };
    };
  };
}
