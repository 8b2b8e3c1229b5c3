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

import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entityRefKey,
  evaluatePartnerRules,
  isPartnerEntityV1alpha1,
  isPartnerIntegrationEntityV1alpha1,
  type PartnersConfig,
} from '@partner-governance/plugin-partners-common';
import type { IdentityIndexStore } from '../database/IdentityIndexStore';
import type { RegisterSnapshot } from '../database/DatabasePartnerRegisterStore';
import { withRegister } from './register/registerFacts';
import type { RegisterRow } from './register/registerKeys';
import {
  factsOf,
  withObservations,
  type ObservationSnapshot,
} from './observedFacts';
import { secretInFileFindings } from './secretInFile';
import type {
  EvaluatedFinding,
  FindingsChanges,
  FindingsStore,
} from '../database/FindingsStore';

/**
 * Evaluates the shared rules engine over the identity index, with the Groups
 * and Users of the catalog as the known owners, and stores the result.
 */
export class FindingsService {
  constructor(
    private readonly options: {
      index: IdentityIndexStore;
      findings: FindingsStore;
      catalog: CatalogService;
      auth: AuthService;
      config: PartnersConfig;
      logger: LoggerService;
      /**
       * Findings of the backend rules (workflow state such as overdue
       * reviews), stored with the file rules' findings in one evaluation.
       */
      backendFindings?: (
        now: Date,
        observations: ObservationSnapshot,
      ) => Promise<EvaluatedFinding[]>;
      /**
       * What identity sources last observed, read once per evaluation: it
       * takes the place of what the files declare for the rules that read
       * usage, rotation, expiry and status, and the backend rules reconcile
       * it with the declarations.
       */
      observations?: () => Promise<ObservationSnapshot>;
      /**
       * The partner register: as last read, read once per evaluation (its
       * contract takes the place of what a matched Partner's file declares
       * for the contract rules, and its rows that match no Partner raise
       * partner-ungoverned), and told which row each Partner matched.
       */
      register?: {
        snapshot(): Promise<RegisterSnapshot>;
        link(links: ReadonlyMap<string, RegisterRow>): Promise<void>;
      };
    },
  ) {}

  async recompute(now: Date = new Date()): Promise<FindingsChanges> {
    const { index, findings, catalog, auth, config, logger } = this.options;
    const observations = (await this.options.observations?.()) ?? {
      succeeded: new Map(),
      identities: new Map(),
    };
    const observed = withObservations(
      await index.listLiveEntities(),
      factsOf(observations),
    );
    const contracts = withRegister(
      observed.entities,
      (await this.options.register?.snapshot()) ?? { rows: [] },
      now,
    );
    const { entities } = contracts;

    const credentials = await auth.getOwnServiceCredentials();
    const knownOwners = new Set<string>();
    for await (const page of catalog.streamEntities(
      {
        filter: { kind: ['Group', 'User'] },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    )) {
      for (const entity of page) {
        knownOwners.add(
          entityRefKey({
            kind: entity.kind,
            namespace: entity.metadata.namespace,
            name: entity.metadata.name,
          }),
        );
      }
    }

    // Which partner each integration belongs to, to file findings under it.
    const partnerOf = new Map<string, string>();
    for (const entity of entities) {
      const ref = entityRefKey({
        kind: entity.kind,
        namespace: entity.metadata.namespace,
        name: entity.metadata.name,
      });
      if (isPartnerEntityV1alpha1(entity)) {
        partnerOf.set(ref, ref);
      } else if (isPartnerIntegrationEntityV1alpha1(entity)) {
        try {
          partnerOf.set(
            ref,
            entityRefKey(
              parseEntityRef(entity.spec.partner, {
                defaultKind: 'Partner',
                defaultNamespace: entity.metadata.namespace ?? 'default',
              }),
            ),
          );
        } catch {
          // An unparsable partner ref leaves the finding without a partner.
        }
      }
    }

    const evaluated: EvaluatedFinding[] = evaluatePartnerRules({
      entities,
      config,
      now,
      knownOwners,
    }).map(finding => {
      const partnerRef = partnerOf.get(finding.entityRef);
      return {
        ...contracts.annotate(observed.annotate(finding), partnerRef),
        partnerRef,
      };
    });
    evaluated.push(...contracts.ungoverned);
    for (const finding of secretInFileFindings(entities)) {
      evaluated.push({
        ...finding,
        partnerRef: partnerOf.get(finding.entityRef),
      });
    }
    if (this.options.backendFindings) {
      evaluated.push(
        ...(await this.options.backendFindings(now, observations)),
      );
    }
    const changes = await findings.storeEvaluation(
      evaluated,
      now.toISOString(),
    );
    await this.options.register?.link(contracts.links);
    logger.info('Recomputed partner findings', { ...changes });
    return changes;
  }
}
