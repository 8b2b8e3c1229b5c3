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

import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type {
  IdentityType,
  IsoDate,
} from '@partner-governance/plugin-partners-common';

/**
 * An identity as the system that issued it holds it: a database login role,
 * a directory service account, a cloud access key. Never a secret value.
 *
 * @public
 */
export interface ObservedIdentity {
  /**
   * What the source calls it, unique within the source: a role name, a DN,
   * `<user>/key1`. A declared identity links to it with
   * `observedAs: <sourceId>:<externalId>`.
   */
  externalId: string;
  /** What kind of identity it is, in the PartnerIntegration kind's terms. */
  type: IdentityType;
  /** A name to show; the external id when the source has no other. */
  name: string;
  /**
   * The name of the Partner the source attributes it to (for example by a
   * naming pattern), if any.
   */
  partner?: string;
  /** What it may do, in the source's own words (`select:orders.orders`). */
  scopes: string[];
  created?: IsoDate;
  lastUsed?: IsoDate;
  lastRotated?: IsoDate;
  expires?: IsoDate;
  /** Whether it can still authenticate. */
  status: 'active' | 'disabled';
  /** Anything else worth showing next to it. Never a secret value. */
  attributes?: Record<string, string | number | boolean>;
}

/**
 * A system that issues partner identities, observed on a schedule and, where
 * it can, acted on: the governance backend reconciles what it observes with
 * what the partner files declare, and revokes through it.
 *
 * @public
 */
export interface IdentitySource {
  /** The source id: the key of its entry under `partners.identitySources`. */
  readonly id: string;
  /**
   * Every identity the source holds now, in pages. A run that throws counts
   * as failed as a whole: what the source observed last stays in force.
   */
  observe(): AsyncIterable<ObservedIdentity[]>;
  /**
   * Takes away the identity's ability to authenticate for good (for a
   * database role, no login and its sessions ended). Absent when the source
   * is read-only.
   */
  revoke?(externalId: string): Promise<void>;
  /** Suspends the identity, reversibly, where the system tells the two apart. */
  disable?(externalId: string): Promise<void>;
}

/**
 * What a factory gets to create one configured source.
 *
 * @public
 */
export interface IdentitySourceFactoryOptions {
  /** The source id: the key under `partners.identitySources`. */
  id: string;
  /**
   * The source's entry, `partners.identitySources.<id>`: `type`, `schedule`
   * and the keys of its type. Secrets come in by `${ENV}` substitution.
   */
  config: Config;
  logger: LoggerService;
  /** For sources that read a report or an export from a URL. */
  urlReader: UrlReaderService;
}

/**
 * Creates the sources of one `type`, one per configured entry of that type.
 *
 * @public
 */
export interface IdentitySourceFactory {
  /** The `type` that entries under `partners.identitySources` name. */
  type: string;
  create(
    options: IdentitySourceFactoryOptions,
  ): IdentitySource | Promise<IdentitySource>;
}
