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
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PartnerRegisterConfig } from '../../config';
import {
  DatabasePartnerRegisterStore,
  readRegisterSnapshot,
  type RegisterSnapshot,
} from '../../database/DatabasePartnerRegisterStore';
import { PartnerRegisterReadModel } from '../read/register';
import { crmAccountsOf } from './crmAccounts';
import type { RegisterRow } from './registerKeys';
import {
  PartnerRegisterRunner,
  schedulePartnerRegister,
} from './PartnerRegisterRunner';

/** The partner register as the plugin wires it. @internal */
export interface PartnerRegister {
  /**
   * The register as last read with the Partners' CRM accounts, for the
   * rules, and where they record what matched; absent when none is
   * configured.
   */
  rules?: {
    snapshot(): Promise<RegisterSnapshot>;
    link(links: ReadonlyMap<string, RegisterRow>): Promise<void>;
  };
  /** `GET /register`. */
  status: PartnerRegisterReadModel;
}

/**
 * Sets up the partner register: its store, and when `partners.register` is
 * configured, its scheduled reads (on one instance at a time) and the
 * register for the rules. Without config, rows an earlier config read stay
 * stored but apply to nothing.
 *
 * @internal
 */
export async function createPartnerRegister(options: {
  config?: PartnerRegisterConfig;
  database: DatabaseService;
  urlReader: UrlReaderService;
  scheduler: SchedulerService;
  logger: LoggerService;
  catalog: CatalogService;
  auth: AuthService;
}): Promise<PartnerRegister> {
  const { config, database, urlReader, scheduler, logger } = options;
  const store = await DatabasePartnerRegisterStore.create({ database });
  const db = await database.getClient();
  const status = new PartnerRegisterReadModel({
    db,
    store,
    format: config?.format,
  });
  if (!config) {
    // Without a register, no partner keeps the contract an earlier one gave.
    await store.linkPartners(new Map());
    return { status };
  }
  await schedulePartnerRegister({
    runner: new PartnerRegisterRunner({
      config,
      urlReader,
      store,
      logger: logger.child({ partnerRegister: config.format }),
    }),
    schedule: config.schedule,
    scheduler,
  });
  return {
    rules: {
      async snapshot() {
        const snapshot = await readRegisterSnapshot(db);
        return snapshot.rows.length
          ? {
              ...snapshot,
              crmAccounts: await crmAccountsOf(options.catalog, options.auth),
            }
          : snapshot;
      },
      link: links => store.linkPartners(links),
    },
    status,
  };
}
