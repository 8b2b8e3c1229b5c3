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

import { ResponseError } from '@backstage/errors';
import type {
  EntityAccessRequest,
  EntityAccessResponse,
  ListAuditEventsRequest,
  ListAuditEventsResponse,
  ListFindingsRequest,
  ListFindingsResponse,
  ListPartnersRequest,
  ListPartnersResponse,
  ListReviewsRequest,
  ListReviewsResponse,
  PartnerDetails,
  PartnersApi,
  PartnersRequestOptions,
  ReviewDecisionRequest,
  ReviewDetails,
  SyncResponse,
} from './types';
import type {
  CreateExceptionRequest,
  ExceptionDecisionRequest,
  ExceptionRecord,
  ListExceptionsRequest,
  ListExceptionsResponse,
} from './exceptions';

import type {
  ListOwnerIntegrationsRequest,
  ListOwnerIntegrationsResponse,
} from './owners';
import type { EvidencePack } from './evidence';
import type {
  ListFindingRulesRequest,
  ListFindingRulesResponse,
  ListPartnerIdentitiesRequest,
  ListPartnerIdentitiesResponse,
  PartnersOverview,
} from './portal';
import type {
  CompleteOffboardingItemRequest,
  OffboardingItem,
  OffboardingResponse,
  VerifyOffboardingRequest,
} from './offboarding';

/** The plugin id the client asks discovery for. */
const PLUGIN_ID = 'partners';

type Query = Record<string, string | number | boolean | undefined>;

/** Where the client finds the backend and how it fetches. @public */
export interface PartnersClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** A fetch that adds the user's token, such as the frontend's fetchApi. */
  fetchApi?: { fetch: typeof fetch };
}

/**
 * A client of the partners backend API (`/api/partners`). Failed responses
 * throw a `ResponseError` carrying the backend's error (for example an
 * `InputError` that names the bad field, or a `NotFoundError`).
 *
 * @public
 */
export class PartnersClient implements PartnersApi {
  private readonly discoveryApi: PartnersClientOptions['discoveryApi'];
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: PartnersClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? {
      fetch: (input, init) => fetch(input, init),
    };
  }

  async listPartners(
    request: ListPartnersRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListPartnersResponse> {
    return this.request('GET', '/partners', request, options);
  }

  async getPartner(
    ref: string,
    options?: PartnersRequestOptions,
  ): Promise<PartnerDetails> {
    return this.request(
      'GET',
      `/partners/${encodeURIComponent(ref)}`,
      {},
      options,
    );
  }

  async getPartnersOverview(
    options?: PartnersRequestOptions,
  ): Promise<PartnersOverview> {
    return this.request('GET', '/partners/summary', {}, options);
  }

  async listPartnerIdentities(
    partnerRef: string,
    request: ListPartnerIdentitiesRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListPartnerIdentitiesResponse> {
    return this.request(
      'GET',
      `/partners/${encodeURIComponent(partnerRef)}/identities`,
      request,
      options,
    );
  }

  async listFindingRules(
    request: ListFindingRulesRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListFindingRulesResponse> {
    return this.request('GET', '/findings/rules', request, options);
  }

  async getEntityAccess(
    entityRef: string,
    request: EntityAccessRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<EntityAccessResponse> {
    return this.request(
      'GET',
      `/entities/${encodeURIComponent(entityRef)}/access`,
      request,
      options,
    );
  }

  async listFindings(
    request: ListFindingsRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListFindingsResponse> {
    return this.request('GET', '/findings', request, options);
  }

  async sync(options?: PartnersRequestOptions): Promise<SyncResponse> {
    return this.request('POST', '/sync', {}, options);
  }

  async listReviews(
    request: ListReviewsRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListReviewsResponse> {
    return this.request('GET', '/reviews', request, options);
  }

  async getReview(
    id: number,
    options?: PartnersRequestOptions,
  ): Promise<ReviewDetails> {
    return this.request('GET', `/reviews/${id}`, {}, options);
  }

  async decideReview(
    id: number,
    decision: ReviewDecisionRequest,
    options?: PartnersRequestOptions,
  ): Promise<ReviewDetails> {
    return this.request(
      'POST',
      `/reviews/${id}/decision`,
      {},
      options,
      decision,
    );
  }

  async listAuditEvents(
    request: ListAuditEventsRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListAuditEventsResponse> {
    return this.request('GET', '/audit', request, options);
  }

  async listOwnerIntegrations(
    ownerRef: string,
    request: ListOwnerIntegrationsRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListOwnerIntegrationsResponse> {
    return this.request(
      'GET',
      `/owners/${encodeURIComponent(ownerRef)}/integrations`,
      request,
      options,
    );
  }

  async getEvidencePack(
    partnerRef: string,
    options?: PartnersRequestOptions,
  ): Promise<EvidencePack> {
    return this.request(
      'GET',
      `/partners/${encodeURIComponent(partnerRef)}/evidence`,
      { format: 'json' },
      options,
    );
  }

  async getEvidencePackCsv(
    partnerRef: string,
    options?: PartnersRequestOptions,
  ): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const response = await this.fetchApi.fetch(
      `${baseUrl}/partners/${encodeURIComponent(
        partnerRef,
      )}/evidence?format=csv`,
      {
        headers: {
          ...(options?.token && { Authorization: `Bearer ${options.token}` }),
        },
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  async listExceptions(
    request: ListExceptionsRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListExceptionsResponse> {
    return this.request('GET', '/exceptions', request, options);
  }

  async getException(
    id: number,
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord> {
    return this.request('GET', `/exceptions/${id}`, {}, options);
  }

  async requestException(
    request: CreateExceptionRequest,
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord> {
    return this.request('POST', '/exceptions', {}, options, request);
  }

  async approveException(
    id: number,
    decision: ExceptionDecisionRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord> {
    return this.request(
      'POST',
      `/exceptions/${id}/approve`,
      {},
      options,
      decision,
    );
  }

  async denyException(
    id: number,
    decision: ExceptionDecisionRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord> {
    return this.request(
      'POST',
      `/exceptions/${id}/deny`,
      {},
      options,
      decision,
    );
  }

  async getOffboarding(
    partnerRef: string,
    options?: PartnersRequestOptions,
  ): Promise<OffboardingResponse> {
    return this.request(
      'GET',
      `/partners/${encodeURIComponent(partnerRef)}/offboarding`,
      {},
      options,
    );
  }

  async completeOffboardingItem(
    id: number,
    request: CompleteOffboardingItemRequest,
    options?: PartnersRequestOptions,
  ): Promise<OffboardingItem> {
    return this.request(
      'POST',
      `/offboarding/items/${id}/complete`,
      {},
      options,
      request,
    );
  }

  async verifyOffboarding(
    partnerRef: string,
    request: VerifyOffboardingRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<OffboardingResponse> {
    return this.request(
      'POST',
      `/partners/${encodeURIComponent(partnerRef)}/offboarding/verify`,
      {},
      options,
      request,
    );
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    query: object,
    options?: PartnersRequestOptions,
    body?: object,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query as Query)) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}${path}${search ? `?${search}` : ''}`,
      {
        method,
        headers: {
          ...(options?.token && { Authorization: `Bearer ${options.token}` }),
          ...(body && { 'Content-Type': 'application/json' }),
        },
        body: body ? JSON.stringify(body) : undefined,
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
