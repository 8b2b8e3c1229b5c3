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
import type {
  BlastRadius,
  CompleteOffboardingItemRequest,
  ListUndeclaredIdentitiesRequest,
  ListUndeclaredIdentitiesResponse,
  OffboardingItem,
  OffboardingResponse,
  SuspendPartnerRequest,
  SuspendPartnerResponse,
  VerifyOffboardingRequest,
} from './models';

/** What every request starts from: the base URL and the caller's token. */
type RequestInit = (
  options?: PartnersRequestOptions,
) => Promise<{ baseUrl: string; headers?: Record<string, string> }>;

/**
 * The calls of PartnersClient for offboarding and incident response:
 * checklists, revocation through identity sources, shadow identities, the
 * blast radius and suspension.
 *
 * @internal
 */
export function createResponseRequests(
  client: Client<paths>,
  init: RequestInit,
) {
  return {
    async getOffboarding(
      partnerRef: string,
      options?: PartnersRequestOptions,
    ): Promise<OffboardingResponse> {
      return bodyOf(
        await client.GET('/partners/{ref}/offboarding', {
          ...(await init(options)),
          params: { path: { ref: partnerRef } },
        }),
      );
    },

    async completeOffboardingItem(
      id: number,
      request: CompleteOffboardingItemRequest,
      options?: PartnersRequestOptions,
    ): Promise<OffboardingItem> {
      return bodyOf(
        await client.POST('/offboarding/items/{id}/complete', {
          ...(await init(options)),
          params: { path: { id } },
          body: request,
        }),
      );
    },

    async verifyOffboarding(
      partnerRef: string,
      request: VerifyOffboardingRequest = {},
      options?: PartnersRequestOptions,
    ): Promise<OffboardingResponse> {
      return bodyOf(
        await client.POST('/partners/{ref}/offboarding/verify', {
          ...(await init(options)),
          params: { path: { ref: partnerRef } },
          body: request,
        }),
      );
    },

    async revokeOffboardingItem(
      id: number,
      options?: PartnersRequestOptions,
    ): Promise<OffboardingItem> {
      return bodyOf(
        await client.POST('/offboarding/items/{id}/revoke', {
          ...(await init(options)),
          params: { path: { id } },
        }),
      );
    },

    async listUndeclaredIdentities(
      partnerRef: string,
      request: ListUndeclaredIdentitiesRequest = {},
      options?: PartnersRequestOptions,
    ): Promise<ListUndeclaredIdentitiesResponse> {
      return bodyOf(
        await client.GET('/partners/{ref}/undeclared-identities', {
          ...(await init(options)),
          params: { path: { ref: partnerRef }, query: request },
        }),
      );
    },

    async getBlastRadius(
      partnerRef: string,
      request: { depth?: number } = {},
      options?: PartnersRequestOptions,
    ): Promise<BlastRadius> {
      return bodyOf(
        await client.GET('/partners/{ref}/blast-radius', {
          ...(await init(options)),
          params: { path: { ref: partnerRef }, query: request },
        }),
      );
    },

    async suspendPartner(
      partnerRef: string,
      request: SuspendPartnerRequest,
      options?: PartnersRequestOptions,
    ): Promise<SuspendPartnerResponse> {
      return bodyOf(
        await client.POST('/partners/{ref}/suspend', {
          ...(await init(options)),
          params: { path: { ref: partnerRef } },
          body: request,
        }),
      );
    },
  } satisfies Partial<PartnersApi>;
}
