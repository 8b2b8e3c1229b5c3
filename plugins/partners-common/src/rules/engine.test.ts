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

import fs from 'fs';
import path from 'path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { ConfigReader } from '@backstage/config';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { PartnerEntityV1alpha1 } from '../kinds/PartnerEntityV1alpha1';
import { readPartnersConfig } from '../policy';
import { evaluatePartnerRules } from './engine';
import { RULES, FILE_RULE_IDS, RULE_IDS } from './registry';
import {
  NOW,
  day,
  makePartner,
  client,
  serviceAccount,
  makeIntegration,
  estate,
  evaluate,
  fired,
  PARTNER_REF,
  INTEGRATION_REF,
} from './__testUtils__/estate';

describe('evaluatePartnerRules', () => {
  it('lists 18 files-only rules: every rule but the backend ones', () => {
    const backend = new Set([
      'review-overdue',
      'exception-expired',
      'identity-undeclared',
      'identity-not-observed',
      'identity-scope-drift',
      'identity-revocation-not-enforced',
      'lifecycle-transition-invalid',
      'offboarding-unverified',
      'secret-in-file',
      'partner-ungoverned',
    ]);
    expect([...FILE_RULE_IDS].sort()).toEqual(
      RULE_IDS.filter(id => !backend.has(id)).sort(),
    );
    expect(FILE_RULE_IDS).toHaveLength(18);
  });

  it('finds nothing in a clean estate', () => {
    const { entities } = estate();
    expect(evaluate(entities)).toEqual([]);
    expect(evaluate(entities, { knownOwners: undefined })).toEqual([]);
    expect(evaluate(entities, { now: new Date(`${NOW}T12:00:00Z`) })).toEqual(
      [],
    );
  });

  it('ignores entities of other kinds and apiVersions', () => {
    const { entities } = estate();
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'orders-service' },
      spec: { owner: 'group:nobody' },
    };
    const foreignPartner = makePartner('foreign');
    foreignPartner.spec.owner = '';
    (foreignPartner as Entity).apiVersion = 'example.com/v1';
    expect(evaluate([...entities, component, foreignPartner])).toEqual([]);
  });

  it('rejects an invalid evaluation date', () => {
    expect(() => evaluate(estate().entities, { now: 'yesterday' })).toThrow(
      TypeError,
    );
  });

  describe('finding shape', () => {
    it('carries ruleId, severity, entityRef, identity, message and frameworks', () => {
      const { integration, entities } = estate();
      integration.spec.identities![0].lastRotated = day(-91);
      const findings = evaluate(entities);
      expect(findings).toEqual([
        {
          ruleId: 'identity-rotation-overdue',
          severity: RULES['identity-rotation-overdue'].severity,
          entityRef: stringifyEntityRef(integration),
          identity: 'orders-client',
          message: expect.stringContaining('91 days'),
          frameworks: RULES['identity-rotation-overdue'].frameworks,
        },
      ]);
      expect(findings[0].entityRef).toBe(INTEGRATION_REF);
      expect(findings[0].severity).toBe('medium');
      expect(findings[0].frameworks).toEqual([
        'NHI7',
        'PR.AA-01',
        'CIS 5.5',
        'ISO 5.17',
      ]);
    });

    it('has no identity key on partner and integration findings', () => {
      const { partner, integration, entities } = estate();
      delete partner.spec.lifecycle.stageOwners!.measurement;
      delete integration.spec.accessPackage;
      const findings = evaluate(entities);
      expect(fired(findings)).toEqual([
        'stage-owner-missing',
        'access-package-missing',
      ]);
      expect(findings[0]).not.toHaveProperty('identity');
      expect(findings[1]).not.toHaveProperty('identity');
      expect(findings[0].entityRef).toBe(PARTNER_REF);
      expect(findings[1].entityRef).toBe(INTEGRATION_REF);
      for (const finding of findings) {
        expect(finding.frameworks).toEqual(RULES[finding.ruleId].frameworks);
        expect(finding.severity).toBe(RULES[finding.ruleId].severity);
        expect(finding.message.length).toBeGreaterThan(0);
      }
    });

    it('prints entityRef with the namespace of the entity', () => {
      const partner = makePartner();
      partner.metadata.namespace = 'partners';
      partner.spec.lifecycle.stageOwners = {};
      const integration = makeIntegration('acme-orders', [client()], 'acme');
      integration.metadata.namespace = 'partners';
      delete integration.spec.accessPackage;
      const findings = evaluate([partner, integration]);
      // Owners resolve in the entity's namespace, so they are unknown here.
      expect(findings.map(f => `${f.ruleId} ${f.entityRef}`)).toEqual([
        'owner-missing partner:partners/acme',
        'stage-owner-missing partner:partners/acme',
        'owner-missing partnerintegration:partners/acme-orders',
        'access-package-missing partnerintegration:partners/acme-orders',
      ]);
    });
  });

  describe('severity', () => {
    it('uses the base severity of the rule for tiers below critical', () => {
      for (const tier of ['low', 'medium', 'high'] as const) {
        const { partner, integration, entities } = estate();
        partner.spec.risk.tier = tier;
        partner.spec.risk.dataAccess = [];
        delete integration.spec.identities![0].expires;
        const findings = evaluate(entities);
        expect(fired(findings)).toEqual(['identity-no-expiry [orders-client]']);
        expect(findings[0].severity).toBe('low');
      }
    });

    it('raises severity one level for a critical-tier partner, and critical stays critical', () => {
      const { partner, integration, entities } = estate();
      partner.spec.risk.tier = 'critical';
      partner.spec.lifecycle.stageOwners = {}; // medium -> high
      partner.spec.contract!.status = 'terminated'; // critical -> critical
      integration.spec.owner = 'group:ghosts'; // high -> critical
      delete integration.spec.identities![0].expires; // low -> medium
      const findings = evaluate(entities);
      expect(findings.map(f => `${fired([f])[0]}: ${f.severity}`)).toEqual([
        'stage-owner-missing: high',
        'contract-ended-access-active [orders-client]: critical',
        'contract-ended-access-active [orders-sa]: critical',
        'owner-missing: critical',
        'identity-no-expiry [orders-client]: medium',
      ]);
    });

    it('does not raise severity for an integration whose partner is unknown', () => {
      const partner = makePartner();
      partner.spec.risk.tier = 'critical';
      const orphan = makeIntegration(
        'orphan',
        [client({ expires: undefined })],
        'partner:someone-else',
      );
      const findings = evaluate([partner, orphan]);
      expect(fired(findings)).toEqual(['identity-no-expiry [orders-client]']);
      expect(findings[0].severity).toBe('low');
    });
  });

  describe('revoked identities', () => {
    it('never produce identity findings', () => {
      const revoked = client({
        name: 'revoked-everything',
        status: 'revoked',
        scopes: ['admin:*'],
        privileged: true,
        environment: 'sandbox',
        custodian: 'component:nowhere',
        issued: day(-1000),
        lastRotated: undefined,
        expires: undefined,
        lastUsed: day(-1000),
        sharedWith: ['group:someone'],
        secretRef: 'vault:partners/acme/orders-sa',
      });
      for (const stage of ['measurement', 'offboarded'] as const) {
        const { partner, entities } = estate([revoked]);
        partner.spec.lifecycle.stage = stage;
        partner.spec.contract!.status = 'terminated';
        expect(evaluate(entities)).toEqual([]);
      }
      // with a second, clean identity sharing its secretRef
      const { entities } = estate([revoked, serviceAccount()]);
      expect(evaluate(entities)).toEqual([]);
    });
  });

  describe('the example estate', () => {
    const examplesDir = path.resolve(__dirname, '../../../../examples');
    const appConfigFile = path.resolve(examplesDir, '../app-config.yaml');

    function yamlFiles(dir: string): string[] {
      return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap(entry => {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) return yamlFiles(full);
          return /\.ya?ml$/.test(entry.name) ? [full] : [];
        })
        .sort();
    }

    function loadExamples() {
      const entities = yamlFiles(examplesDir).flatMap(
        file =>
          parseAllDocuments(fs.readFileSync(file, 'utf8'))
            .map(doc => doc.toJSON())
            .filter(doc => doc && typeof doc === 'object') as Entity[],
      );
      const appConfig = parseYaml(fs.readFileSync(appConfigFile, 'utf8')) as {
        partners: unknown;
      };
      const config = readPartnersConfig(
        new ConfigReader({ partners: appConfig.partners } as any),
      );
      const knownOwners = new Set(
        entities
          .filter(e => e.kind === 'Group' || e.kind === 'User')
          .map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
      );
      return { entities, config, knownOwners };
    }

    it('keeps dates as strings when read with the YAML 1.2 core schema', () => {
      const { entities } = loadExamples();
      const partner = entities.find(e => e.kind === 'Partner')!;
      expect(typeof (partner as PartnerEntityV1alpha1).spec.lastActivity).toBe(
        'string',
      );
    });

    it('fires every files-only rule on 2026-11-28', () => {
      const { entities, config, knownOwners } = loadExamples();
      expect(entities.filter(e => e.kind === 'Partner')).toHaveLength(18);
      expect(knownOwners.size).toBeGreaterThan(0);
      const findings = evaluatePartnerRules({
        entities,
        config,
        now: '2026-11-28',
        knownOwners,
      });
      const firedIds = new Set(findings.map(f => f.ruleId));
      expect([...firedIds].sort()).toEqual([...FILE_RULE_IDS].sort());
      expect(firedIds.size).toBe(18);
    });

    it('fires each rule only on the entities the examples README lists', () => {
      const { entities, config, knownOwners } = loadExamples();
      const findings = evaluatePartnerRules({
        entities,
        config,
        now: '2026-11-28',
        knownOwners,
      });
      const got = [
        ...new Set(
          findings.map(f =>
            [f.ruleId, f.entityRef, f.identity].filter(Boolean).join(' '),
          ),
        ),
      ].sort();
      const pi = 'partnerintegration:default';
      expect(got).toEqual(
        [
          'owner-missing partner:default/driftwood-referral-network',
          'stage-owner-missing partner:default/wrenfield-systems',
          'due-diligence-missing partner:default/driftwood-referral-network',
          `access-package-missing ${pi}/driftwood-lead-feed`,
          `identity-overprivileged ${pi}/cinderpath-order-ops order-ops-key`,
          `identity-rotation-overdue ${pi}/cinderpath-order-ops batch-export-sa`,
          `identity-no-expiry ${pi}/cinderpath-order-ops legacy-ops-token`,
          `identity-expired-active ${pi}/cinderpath-order-ops reporting-client`,
          `identity-dormant ${pi}/cinderpath-order-ops nightly-reconcile-client`,
          `identity-shared ${pi}/cinderpath-order-ops shared-ops-key`,
          `identity-shared ${pi}/cinderpath-order-ops alert-webhook`,
          `identity-shared ${pi}/cinderpath-monitoring monitoring-webhook`,
          `identity-environment-crossing ${pi}/cinderpath-order-ops staging-probe-key`,
          `identity-unowned ${pi}/cinderpath-order-ops on-call-cert`,
          `contract-ended-access-active ${pi}/saltmarsh-support-desk ticket-export-sa`,
          'contract-ending-no-offboarding partner:default/wrenfield-systems',
          `offboarded-identity-active ${pi}/saltmarsh-support-desk ticket-export-sa`,
          `offboarded-identity-active ${pi}/saltmarsh-support-desk saltmarsh-escalation-webhook`,
          'partner-dormant partner:default/saltmarsh-helpdesk',
          'risk-tier-understated partner:default/cinderpath-it-services',
          'ai-supplier-no-contingency partner:default/fenwick-data-labs',
        ].sort(),
      );
    });
  });
});
