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
  /**
   * Partner governance: the policy the rules apply and the standard access
   * packages integrations are mapped to. The same keys drive the catalog
   * module, the backend, the portal and the `partners` command line.
   */
  partners?: {
    policy?: {
      /**
       * Days between access reviews per partner risk tier.
       * @default { critical: 30, high: 90, medium: 180, low: 365 }
       */
      reviewCadenceDays?: {
        /** @default 30 */
        critical?: number;
        /** @default 90 */
        high?: number;
        /** @default 180 */
        medium?: number;
        /** @default 365 */
        low?: number;
      };
      /**
       * Maximum days between rotations of an identity's secret, unless the
       * identity sets rotationDays.
       * @default 90
       */
      rotationMaxDays?: number;
      /**
       * Days without use after which an identity or a partner is dormant.
       * @default 90
       */
      dormantAfterDays?: number;
      /**
       * Days before a contract ends by which offboarding must have started.
       * @default 30
       */
      contractNoticeDays?: number;
      /**
       * The longest an exception to a rule may be granted for, in days.
       * @default 180
       */
      exceptionMaxDays?: number;
    };
    /**
     * Standard access packages, by name. An integration names one in
     * spec.accessPackage; its identities must stay within it.
     */
    accessPackages?: {
      [name: string]: {
        /** What the package is for. */
        description?: string;
        /** Scopes an identity may hold; a trailing * matches any suffix. */
        scopes?: string[];
        /** Environments the package may be used in; empty means any. */
        environments?: Array<'production' | 'staging' | 'sandbox'>;
        /**
         * Whether identities under this package may be privileged.
         * @default false
         */
        privileged?: boolean;
        /** Support queues or channels that come with the package. */
        supportChannels?: string[];
      };
    };
    /**
     * Data classes that need a partner risk tier of high or critical.
     * @default ['customer-pii', 'payment-data', 'health-data', 'credentials']
     */
    sensitiveData?: string[];
  };
}
