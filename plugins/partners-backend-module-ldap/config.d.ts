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
        /** For `type: ldap`: the directory, `ldap://` or `ldaps://`. */
        url?: string;
        /** For `type: ldap`: who the source binds as; it needs to read the entries and, to revoke, write pwdAccountLockedTime. */
        bindDn?: string;
        /**
         * For `type: ldap`: the password of bindDn, by `${ENV}` substitution.
         * @visibility secret
         */
        bindPassword?: string;
        /** For `type: ldap`: where the service accounts are. */
        baseDn?: string;
        /** For `type: ldap`: which entries under baseDn are service accounts. @default (objectClass=*) */
        filter?: string;
        /** For `type: ldap`: the attribute that names an account's partner, e.g. `o`. */
        partnerAttribute?: string;
      };
    };
  };
}
