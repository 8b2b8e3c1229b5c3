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

/* eslint-disable new-cap -- openapi-fetch names its methods GET and POST */

import type { Client } from 'openapi-fetch';
import type { paths } from '../schema/openapi';
import type { PartnersApi, PartnersRequestOptions } from './PartnersApi';
import { createLifecycleRequests } from './lifecycleRequests';
import { createResponseRequests } from './responseRequests';
import { bodyOf, createTypedClient } from './typedClient';
import type {
  CreateExceptionRequest,
  EntityAccessRequest,
  EntityAccessResponse,
  EvidencePack,
  ExceptionDecisionRequest,
  ExceptionRecord,
  ListAuditEventsRequest,
  ListAuditEventsResponse,
  ListExceptionsRequest,
  ListExceptionsResponse,
  ListFindingRulesRequest,
  ListFindingRulesResponse,
  ListIdentitySourcesResponse,
  ListAccessPackagesResponse,
  PartnerRegisterStatus,
  ListFindingsRequest,
  ListFindingsResponse,
  ListOwnerIntegrationsRequest,
  ListOwnerIntegrationsResponse,
  ListPartnerIdentitiesRequest,
  ListPartnerIdentitiesResponse,
  ListPartnersRequest,
  ListPartnersResponse,
  ListReviewsRequest,
  ListReviewsResponse,
  PartnerDetails,
  PartnersOverview,
  ReviewDecisionRequest,
  ReviewDetails,
  SyncResponse,
} from './models';

/** The plugin id the client asks discovery for. */
const PLUGIN_ID = 'partners';

/** Where the client finds the backend and how it fetches. @public */
export interface PartnersClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** A fetch that adds the user's token, such as the frontend's fetchApi. */
  fetchApi?: { fetch: typeof fetch };
}

/**
 * A client of the partners backend API (`/api/partners`), typed by the
 * OpenAPI document the backend serves: every path, parameter, body and
 * response below is checked against the generated types. Failed responses
 * throw a `ResponseError` carrying the backend's error (for example an
 * `InputError` that names the bad field, or a `NotFoundError`).
 *
 * @public
 */
export class PartnersClient implements PartnersApi {
  private readonly discoveryApi: PartnersClientOptions['discoveryApi'];
  private readonly client: Client<paths>;
  private readonly responses: ReturnType<typeof createResponseRequests>;
  private readonly lifecycle: ReturnType<typeof createLifecycleRequests>;

  constructor(options: PartnersClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.client = createTypedClient(
      options.fetchApi ?? { fetch: (input, init) => fetch(input, init) },
    );
    this.responses = createResponseRequests(this.client, request =>
      this.init(request),
    );
    this.lifecycle = createLifecycleRequests(this.client, request =>
      this.init(request),
    );
  }

  async listPartners(
    request: ListPartnersRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListPartnersResponse> {
    return bodyOf(
      await this.client.GET('/partners', {
        ...(await this.init(options)),
        params: { query: request },
      }),
    );
  }

  async getPartner(
    ref: string,
    options?: PartnersRequestOptions,
  ): Promise<PartnerDetails> {
    return bodyOf(
      await this.client.GET('/partners/{ref}', {
        ...(await this.init(options)),
        params: { path: { ref } },
      }),
    );
  }

  async getPartnersOverview(
    options?: PartnersRequestOptions,
  ): Promise<PartnersOverview> {
    return bodyOf(
      await this.client.GET('/partners/summary', await this.init(options)),
    );
  }

  async listPartnerIdentities(
    partnerRef: string,
    request: ListPartnerIdentitiesRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListPartnerIdentitiesResponse> {
    return bodyOf(
      await this.client.GET('/partners/{ref}/identities', {
        ...(await this.init(options)),
        params: { path: { ref: partnerRef }, query: request },
      }),
    );
  }

  async listFindingRules(
    request: ListFindingRulesRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListFindingRulesResponse> {
    return bodyOf(
      await this.client.GET('/findings/rules', {
        ...(await this.init(options)),
        params: { query: request },
      }),
    );
  }

  async listAccessPackages(
    options?: PartnersRequestOptions,
  ): Promise<ListAccessPackagesResponse> {
    return bodyOf(
      await this.client.GET(
        '/policy/access-packages',
        await this.init(options),
      ),
    );
  }

  async listIdentitySources(
    options?: PartnersRequestOptions,
  ): Promise<ListIdentitySourcesResponse> {
    return bodyOf(
      await this.client.GET('/identity-sources', await this.init(options)),
    );
  }

  async getPartnerRegister(
    options?: PartnersRequestOptions,
  ): Promise<PartnerRegisterStatus> {
    return bodyOf(await this.client.GET('/register', await this.init(options)));
  }

  async getEntityAccess(
    entityRef: string,
    request: EntityAccessRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<EntityAccessResponse> {
    return bodyOf(
      await this.client.GET('/entities/{ref}/access', {
        ...(await this.init(options)),
        params: { path: { ref: entityRef }, query: request },
      }),
    );
  }

  async listFindings(
    request: ListFindingsRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListFindingsResponse> {
    return bodyOf(
      await this.client.GET('/findings', {
        ...(await this.init(options)),
        params: { query: request },
      }),
    );
  }

  async sync(options?: PartnersRequestOptions): Promise<SyncResponse> {
    return bodyOf(await this.client.POST('/sync', await this.init(options)));
  }

  async listReviews(
    request: ListReviewsRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListReviewsResponse> {
    return bodyOf(
      await this.client.GET('/reviews', {
        ...(await this.init(options)),
        params: { query: request },
      }),
    );
  }

  async getReview(
    id: number,
    options?: PartnersRequestOptions,
  ): Promise<ReviewDetails> {
    return bodyOf(
      await this.client.GET('/reviews/{id}', {
        ...(await this.init(options)),
        params: { path: { id } },
      }),
    );
  }

  async decideReview(
    id: number,
    decision: ReviewDecisionRequest,
    options?: PartnersRequestOptions,
  ): Promise<ReviewDetails> {
    return bodyOf(
      await this.client.POST('/reviews/{id}/decision', {
        ...(await this.init(options)),
        params: { path: { id } },
        body: decision,
      }),
    );
  }

  async listAuditEvents(
    request: ListAuditEventsRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListAuditEventsResponse> {
    return bodyOf(
      await this.client.GET('/audit', {
        ...(await this.init(options)),
        params: { query: request },
      }),
    );
  }

  async listOwnerIntegrations(
    ownerRef: string,
    request: ListOwnerIntegrationsRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListOwnerIntegrationsResponse> {
    return bodyOf(
      await this.client.GET('/owners/{ref}/integrations', {
        ...(await this.init(options)),
        params: { path: { ref: ownerRef }, query: request },
      }),
    );
  }

  async getEvidencePack(
    partnerRef: string,
    options?: PartnersRequestOptions,
  ): Promise<EvidencePack> {
    return bodyOf(
      await this.client.GET('/partners/{ref}/evidence', {
        ...(await this.init(options)),
        params: { path: { ref: partnerRef }, query: { format: 'json' } },
      }),
    ) as EvidencePack;
  }

  async getEvidencePackCsv(
    partnerRef: string,
    options?: PartnersRequestOptions,
  ): Promise<string> {
    return bodyOf(
      await this.client.GET('/partners/{ref}/evidence', {
        ...(await this.init(options)),
        params: { path: { ref: partnerRef }, query: { format: 'csv' } },
        parseAs: 'text',
      }),
    );
  }

  async listExceptions(
    request: ListExceptionsRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ListExceptionsResponse> {
    return bodyOf(
      await this.client.GET('/exceptions', {
        ...(await this.init(options)),
        params: { query: request },
      }),
    );
  }

  async getException(
    id: number,
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord> {
    return bodyOf(
      await this.client.GET('/exceptions/{id}', {
        ...(await this.init(options)),
        params: { path: { id } },
      }),
    );
  }

  async requestException(
    request: CreateExceptionRequest,
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord> {
    return bodyOf(
      await this.client.POST('/exceptions', {
        ...(await this.init(options)),
        body: request,
      }),
    );
  }

  async approveException(
    id: number,
    decision: ExceptionDecisionRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord> {
    return bodyOf(
      await this.client.POST('/exceptions/{id}/approve', {
        ...(await this.init(options)),
        params: { path: { id } },
        body: decision,
      }),
    );
  }

  async denyException(
    id: number,
    decision: ExceptionDecisionRequest = {},
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord> {
    return bodyOf(
      await this.client.POST('/exceptions/{id}/deny', {
        ...(await this.init(options)),
        params: { path: { id } },
        body: decision,
      }),
    );
  }

  // offboarding and incident response: see createResponseRequests
  getOffboarding: PartnersApi['getOffboarding'] = (...args) =>
    this.responses.getOffboarding(...args);

  completeOffboardingItem: PartnersApi['completeOffboardingItem'] = (...args) =>
    this.responses.completeOffboardingItem(...args);

  verifyOffboarding: PartnersApi['verifyOffboarding'] = (...args) =>
    this.responses.verifyOffboarding(...args);

  revokeOffboardingItem: PartnersApi['revokeOffboardingItem'] = (...args) =>
    this.responses.revokeOffboardingItem(...args);

  listUndeclaredIdentities: PartnersApi['listUndeclaredIdentities'] = (
    ...args
  ) => this.responses.listUndeclaredIdentities(...args);

  getBlastRadius: PartnersApi['getBlastRadius'] = (...args) =>
    this.responses.getBlastRadius(...args);

  suspendPartner: PartnersApi['suspendPartner'] = (...args) =>
    this.responses.suspendPartner(...args);

  getStageHistory: PartnersApi['getStageHistory'] = (...args) =>
    this.lifecycle.getStageHistory(...args);

  /** The backend's base URL, and the caller's token when one is given. */
  private async init(options?: PartnersRequestOptions) {
    return {
      baseUrl: await this.discoveryApi.getBaseUrl(PLUGIN_ID),
      headers: options?.token
        ? { Authorization: `Bearer ${options.token}` }
        : undefined,
    };
  }
}
