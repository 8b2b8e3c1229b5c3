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

/* eslint-disable new-cap -- openapi-fetch names its methods after the HTTP verbs */
import type { Client } from 'openapi-fetch';
import type { paths } from '../schema/openapi';
import type { PartnersApi, PartnersRequestOptions } from './PartnersApi';
import { bodyOf } from './typedClient';
import type { GetStageHistoryRequest, StageHistory } from './models';

/** What every request starts from: the base URL and the caller's token. */
type RequestInit = (
  options?: PartnersRequestOptions,
) => Promise<{ baseUrl: string; headers?: Record<string, string> }>;

/**
 * The calls of PartnersClient about a partner's lifecycle: its stage
 * history.
 *
 * @internal
 */
export function createLifecycleRequests(
  client: Client<paths>,
  init: RequestInit,
) {
  return {
    async getStageHistory(
      partnerRef: string,
      request: GetStageHistoryRequest = {},
      options?: PartnersRequestOptions,
    ): Promise<StageHistory> {
      return bodyOf(
        await client.GET('/partners/{ref}/stage-history', {
          ...(await init(options)),
          params: { path: { ref: partnerRef }, query: request },
        }),
      );
    },
  } satisfies Partial<PartnersApi>;
}
