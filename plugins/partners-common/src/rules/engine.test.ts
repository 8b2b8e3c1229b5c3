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
import yaml from 'js-yaml';
import { ConfigReader } from '@backstage/config';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  PARTNERS_API_VERSION,
  type PartnerEntityV1alpha1,
} from '../kinds/PartnerEntityV1alpha1';
import type {
  PartnerIdentity,
  PartnerIntegrationEntityV1alpha1,
} from '../kinds/PartnerIntegrationEntityV1alpha1';
import { readPartnersConfig, type PartnersConfig } from '../policy';
import { RULES, FILE_RULE_IDS } from './definitions';
import { RULE_IDS, type Finding, type RuleId } from './types';
import {
  evaluatePartnerRules,
  type EvaluatePartnerRulesOptions,
} from './engine';

const NOW = '2026-11-28';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day `offset` days from NOW (negative is in the past). */
function day(offset: number): string {
  return new Date(Date.parse(`${NOW}T00:00:00Z`) + offset * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

const CONFIG: PartnersConfig = readPartnersConfig(
  new ConfigReader({
    partners: {
      accessPackages: {
        'orders-read': {
          scopes: ['orders:read', 'order-events:subscribe'],
          environments: ['production', 'staging'],
        },
        'orders-all': {
          scopes: ['orders:*'],
          environments: ['production', 'staging'],
        },
        'ops-admin': {
          scopes: ['tenant:admin'],
          environments: ['production'],
          privileged: true,
        },
        anywhere: { scopes: ['orders:read'] },
      },
    },
  }),
);

const KNOWN_OWNERS: ReadonlySet<string> = new Set([
  'group:default/partner-operations',
  'group:default/team-orders',
  'group:default/security',
  'user:default/jane-doe',
]);

function makePartner(name = 'acme'): PartnerEntityV1alpha1 {
  return {
    apiVersion: PARTNERS_API_VERSION,
    kind: 'Partner',
    metadata: { name },
    spec: {
      type: 'integrator',
      owner: 'group:partner-operations',
      lifecycle: {
        stage: 'measurement',
        stageOwners: {
          onboarding: 'group:partner-operations',
          enablement: 'group:team-orders',
          measurement: 'group:team-orders',
          offboarding: 'group:security',
        },
      },
      risk: {
        tier: 'high',
        criticality: 'medium',
        dataAccess: ['customer-pii'],
        dueDiligence: { completed: day(-300), reference: 'TPRM-1' },
        ai: { supplies: false },
      },
      contract: { start: day(-400), end: day(365), status: 'active' },
      lastActivity: day(-3),
      supportChannels: ['slack:#partner-acme'],
    },
  };
}

/** A clean OAuth client: in scope, rotated, expiring, recently used. */
function client(overrides: Partial<PartnerIdentity> = {}): PartnerIdentity {
  return {
    name: 'orders-client',
    type: 'oauth-client',
    scopes: ['orders:read'],
    environment: 'production',
    secretRef: 'vault:partners/acme/orders-client',
    issued: day(-200),
    lastRotated: day(-20),
    expires: day(180),
    lastUsed: day(-1),
    ...overrides,
  };
}

/** A clean service account with an explicit, known custodian and no expiry. */
function serviceAccount(
  overrides: Partial<PartnerIdentity> = {},
): PartnerIdentity {
  return {
    name: 'orders-sa',
    type: 'service-account',
    custodian: 'group:team-orders',
    scopes: ['order-events:subscribe'],
    secretRef: 'vault:partners/acme/orders-sa',
    issued: day(-30),
    lastUsed: day(-2),
    ...overrides,
  };
}

function makeIntegration(
  name = 'acme-orders',
  identities: PartnerIdentity[] = [client(), serviceAccount()],
  partner = 'partner:acme',
): PartnerIntegrationEntityV1alpha1 {
  return {
    apiVersion: PARTNERS_API_VERSION,
    kind: 'PartnerIntegration',
    metadata: { name },
    spec: {
      partner,
      type: 'api',
      owner: 'group:team-orders',
      environment: 'production',
      accessPackage: 'orders-read',
      accesses: ['api:orders-api'],
      identities,
    },
  };
}

/** A clean partner in measurement with one clean integration. */
function estate(identities?: PartnerIdentity[]) {
  const partner = makePartner();
  const integration = makeIntegration('acme-orders', identities);
  return { partner, integration, entities: [partner, integration] as Entity[] };
}

function evaluate(
  entities: Entity[],
  options: Partial<Omit<EvaluatePartnerRulesOptions, 'entities'>> = {},
): Finding[] {
  return evaluatePartnerRules({
    entities,
    config: CONFIG,
    now: NOW,
    knownOwners: KNOWN_OWNERS,
    ...options,
  });
}

function ruleIds(findings: Finding[]): RuleId[] {
  return findings.map(f => f.ruleId);
}

/** Rule ids fired, each with the identity it names (if any). */
function fired(findings: Finding[]): string[] {
  return findings.map(f =>
    f.identity ? `${f.ruleId} [${f.identity}]` : f.ruleId,
  );
}

const PARTNER_REF = 'partner:default/acme';
const INTEGRATION_REF = 'partnerintegration:default/acme-orders';

describe('evaluatePartnerRules', () => {
  it('lists 18 files-only rules: every rule but the two backend ones', () => {
    expect([...FILE_RULE_IDS].sort()).toEqual(
      RULE_IDS.filter(
        id => id !== 'review-overdue' && id !== 'exception-expired',
      ).sort(),
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
      expect(findings[0].frameworks).toEqual(['NHI7', 'PR.AA-01']);
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

  describe('owner-missing', () => {
    it('fires for an empty partner owner', () => {
      const { partner, entities } = estate();
      partner.spec.owner = '  ';
      const findings = evaluate(entities, { knownOwners: undefined });
      expect(ruleIds(findings)).toEqual(['owner-missing']);
      expect(findings[0].entityRef).toBe(PARTNER_REF);
      expect(findings[0].severity).toBe('high');
    });

    it('fires for an integration owner unknown to the catalog', () => {
      const { integration, entities } = estate();
      integration.spec.owner = 'group:team-dissolved';
      const findings = evaluate(entities);
      expect(ruleIds(findings)).toEqual(['owner-missing']);
      expect(findings[0].entityRef).toBe(INTEGRATION_REF);
      expect(findings[0].message).toContain('group:team-dissolved');
    });

    it('checks catalog membership only when knownOwners is given', () => {
      const { partner, integration, entities } = estate();
      partner.spec.owner = 'group:team-dissolved';
      integration.spec.owner = 'user:nobody';
      expect(evaluate(entities, { knownOwners: undefined })).toEqual([]);
      expect(ruleIds(evaluate(entities))).toEqual([
        'owner-missing',
        'owner-missing',
      ]);
    });

    it('fires for an owner that is not a Group or User, even without knownOwners', () => {
      const { partner, integration, entities } = estate();
      partner.spec.owner = 'component:orders-service';
      integration.spec.owner = 'system:orders';
      const findings = evaluate(entities, { knownOwners: undefined });
      expect(ruleIds(findings)).toEqual(['owner-missing', 'owner-missing']);
      expect(findings.map(f => f.entityRef)).toEqual([
        PARTNER_REF,
        INTEGRATION_REF,
      ]);
      expect(findings[0].message).toContain('not a Group or User');
    });

    it('accepts known Users, bare names (defaulting to Group) and any case', () => {
      const { partner, integration, entities } = estate();
      partner.spec.owner = 'user:default/jane-doe';
      integration.spec.owner = 'Team-Orders';
      expect(evaluate(entities)).toEqual([]);
      integration.spec.owner = 'Group:default/TEAM-ORDERS';
      expect(evaluate(entities)).toEqual([]);
    });
  });

  describe('stage-owner-missing', () => {
    it('fires when the current stage has no stage owner', () => {
      const { partner, entities } = estate();
      delete partner.spec.lifecycle.stageOwners!.measurement;
      const findings = evaluate(entities);
      expect(ruleIds(findings)).toEqual(['stage-owner-missing']);
      expect(findings[0].entityRef).toBe(PARTNER_REF);
      expect(findings[0].message).toContain('measurement');
    });

    it('fires when stageOwners is absent altogether', () => {
      const { partner, entities } = estate();
      delete partner.spec.lifecycle.stageOwners;
      expect(ruleIds(evaluate(entities))).toEqual(['stage-owner-missing']);
    });

    it('is quiet when only other stages lack an owner', () => {
      const { partner, entities } = estate();
      partner.spec.lifecycle.stageOwners = { measurement: 'group:team-orders' };
      expect(evaluate(entities)).toEqual([]);
    });

    it('is quiet for an offboarded partner, which has no stage owner', () => {
      const { partner, integration, entities } = estate();
      partner.spec.lifecycle = { stage: 'offboarded' };
      for (const identity of integration.spec.identities!) {
        identity.status = 'revoked';
      }
      expect(evaluate(entities)).toEqual([]);
    });
  });

  describe('due-diligence-missing', () => {
    it('fires past onboarding without completed due diligence', () => {
      for (const stage of [
        'enablement',
        'measurement',
        'offboarding',
      ] as const) {
        const { partner, entities } = estate();
        partner.spec.lifecycle.stage = stage;
        partner.spec.risk.dueDiligence = { reference: 'TPRM-1' };
        const findings = evaluate(entities);
        expect(ruleIds(findings)).toEqual(['due-diligence-missing']);
        expect(findings[0].entityRef).toBe(PARTNER_REF);
      }
    });

    it('fires when dueDiligence is absent', () => {
      const { partner, entities } = estate();
      delete partner.spec.risk.dueDiligence;
      expect(ruleIds(evaluate(entities))).toEqual(['due-diligence-missing']);
    });

    it('is quiet in onboarding', () => {
      const { partner, entities } = estate();
      partner.spec.lifecycle.stage = 'onboarding';
      delete partner.spec.risk.dueDiligence;
      expect(evaluate(entities)).toEqual([]);
    });
  });

  describe('access-package-missing', () => {
    it('fires for an integration with no access package in enablement, measurement and offboarding', () => {
      for (const stage of [
        'enablement',
        'measurement',
        'offboarding',
      ] as const) {
        const { partner, integration, entities } = estate();
        partner.spec.lifecycle.stage = stage;
        delete integration.spec.accessPackage;
        const findings = evaluate(entities);
        expect(ruleIds(findings)).toEqual(['access-package-missing']);
        expect(findings[0].entityRef).toBe(INTEGRATION_REF);
      }
    });

    it('is quiet in onboarding', () => {
      const { partner, integration, entities } = estate();
      partner.spec.lifecycle.stage = 'onboarding';
      delete integration.spec.accessPackage;
      expect(evaluate(entities)).toEqual([]);
    });

    it('is quiet for an integration whose partner is not among the entities', () => {
      const integration = makeIntegration(
        'orphan',
        [client()],
        'partner:unknown',
      );
      delete integration.spec.accessPackage;
      expect(evaluate([makePartner(), integration])).toEqual([]);
    });

    it('fires for an unknown package name only when packages are configured', () => {
      const { integration, entities } = estate();
      integration.spec.accessPackage = 'orders-everything';
      const findings = evaluate(entities);
      expect(ruleIds(findings)).toEqual(['access-package-missing']);
      expect(findings[0].message).toContain('orders-everything');

      const silent = readPartnersConfig(new ConfigReader({}));
      expect(evaluate(entities, { config: silent })).toEqual([]);
    });

    it('treats package names that are Object.prototype members as unknown', () => {
      for (const name of ['constructor', 'toString', '__proto__']) {
        const { integration, entities } = estate();
        integration.spec.accessPackage = name;
        expect(ruleIds(evaluate(entities))).toEqual(['access-package-missing']);
      }
    });
  });

  describe('identity-overprivileged', () => {
    it('fires for scopes outside the package', () => {
      const { integration, entities } = estate([
        client({ scopes: ['orders:read', 'orders:write', 'customers:read'] }),
      ]);
      const findings = evaluate(entities);
      expect(fired(findings)).toEqual([
        'identity-overprivileged [orders-client]',
      ]);
      expect(findings[0].entityRef).toBe(stringifyEntityRef(integration));
      expect(findings[0].message).toContain('orders:write, customers:read');
      expect(findings[0].message).not.toContain('orders:read,');
    });

    it('allows any scope under a wildcard such as orders:*', () => {
      const { integration, entities } = estate([
        client({
          scopes: ['orders:read', 'orders:write', 'orders:update-status'],
        }),
      ]);
      integration.spec.accessPackage = 'orders-all';
      expect(evaluate(entities)).toEqual([]);
      integration.spec.identities![0].scopes = ['order-events:subscribe'];
      expect(fired(evaluate(entities))).toEqual([
        'identity-overprivileged [orders-client]',
      ]);
    });

    it('fires for a privileged identity where the package is not privileged', () => {
      const { entities } = estate([client({ privileged: true })]);
      const findings = evaluate(entities);
      expect(fired(findings)).toEqual([
        'identity-overprivileged [orders-client]',
      ]);
      expect(findings[0].message).toContain('privileged');
    });

    it('is quiet for a privileged identity in a privileged package', () => {
      const { integration, entities } = estate([
        client({ privileged: true, scopes: ['tenant:admin'] }),
      ]);
      integration.spec.accessPackage = 'ops-admin';
      expect(evaluate(entities)).toEqual([]);
    });

    it('fires for an environment outside the package environments', () => {
      const { integration, entities } = estate([
        client({ environment: undefined }),
      ]);
      integration.spec.environment = 'sandbox';
      const findings = evaluate(entities);
      expect(fired(findings)).toEqual([
        'identity-overprivileged [orders-client]',
      ]);
      expect(findings[0].message).toContain('sandbox');

      integration.spec.environment = 'staging';
      expect(evaluate(entities)).toEqual([]);
    });

    it("uses the identity's own environment before the integration's", () => {
      const { integration, entities } = estate([
        client({ environment: 'staging' }),
      ]);
      integration.spec.environment = 'staging';
      integration.spec.accessPackage = 'ops-admin'; // production only
      integration.spec.identities![0].scopes = ['tenant:admin'];
      expect(fired(evaluate(entities))).toEqual([
        'identity-overprivileged [orders-client]',
      ]);
      integration.spec.identities![0].environment = 'production';
      // production identity on a staging integration: environment crossing only
      expect(fired(evaluate(entities))).toEqual([
        'identity-environment-crossing [orders-client]',
      ]);
    });

    it('allows any environment when the package lists none', () => {
      const { integration, entities } = estate([
        client({ environment: undefined }),
      ]);
      integration.spec.accessPackage = 'anywhere';
      integration.spec.environment = 'sandbox';
      expect(evaluate(entities)).toEqual([]);
    });

    it('is not checked without a known package, nor for revoked identities', () => {
      const { integration, entities } = estate([
        client({ scopes: ['admin:*'], privileged: true }),
      ]);
      integration.spec.accessPackage = 'orders-everything';
      expect(ruleIds(evaluate(entities))).toEqual(['access-package-missing']);
      integration.spec.accessPackage = 'orders-read';
      integration.spec.identities![0].status = 'revoked';
      expect(evaluate(entities)).toEqual([]);
    });
  });

  describe('identity-rotation-overdue', () => {
    it('is quiet at exactly rotationMaxDays and fires one day later', () => {
      const quiet = estate([client({ lastRotated: day(-90) })]);
      expect(evaluate(quiet.entities)).toEqual([]);
      const late = estate([client({ lastRotated: day(-91) })]);
      const findings = evaluate(late.entities);
      expect(fired(findings)).toEqual([
        'identity-rotation-overdue [orders-client]',
      ]);
      expect(findings[0].message).toContain('91 days');
      expect(findings[0].message).toContain('limit 90');
    });

    it('lets rotationDays on the identity override the policy', () => {
      expect(
        evaluate(
          estate([client({ lastRotated: day(-30), rotationDays: 30 })])
            .entities,
        ),
      ).toEqual([]);
      expect(
        fired(
          evaluate(
            estate([client({ lastRotated: day(-31), rotationDays: 30 })])
              .entities,
          ),
        ),
      ).toEqual(['identity-rotation-overdue [orders-client]']);
      // a longer rotationDays relaxes the policy as well
      expect(
        evaluate(
          estate([client({ lastRotated: day(-200), rotationDays: 365 })])
            .entities,
        ),
      ).toEqual([]);
    });

    it('uses issued when lastRotated is absent', () => {
      expect(
        evaluate(
          estate([client({ lastRotated: undefined, issued: day(-90) })])
            .entities,
        ),
      ).toEqual([]);
      const findings = evaluate(
        estate([client({ lastRotated: undefined, issued: day(-91) })]).entities,
      );
      expect(fired(findings)).toEqual([
        'identity-rotation-overdue [orders-client]',
      ]);
      expect(findings[0].message).toContain('never rotated');
    });

    it('prefers lastRotated over an old issued date', () => {
      expect(
        evaluate(
          estate([client({ issued: day(-1000), lastRotated: day(-1) })])
            .entities,
        ),
      ).toEqual([]);
    });

    it('is quiet with neither date', () => {
      expect(
        evaluate(
          estate([client({ issued: undefined, lastRotated: undefined })])
            .entities,
        ),
      ).toEqual([]);
    });

    it('follows the policy rotationMaxDays from config', () => {
      const config = readPartnersConfig(
        new ConfigReader({
          partners: {
            policy: { rotationMaxDays: 10 },
            accessPackages: { 'orders-read': { scopes: ['orders:read'] } },
          },
        }),
      );
      const { entities } = estate([client({ lastRotated: day(-11) })]);
      expect(fired(evaluate(entities, { config }))).toEqual([
        'identity-rotation-overdue [orders-client]',
      ]);
      expect(evaluate(entities)).toEqual([]);
    });

    it('counts whole calendar days for timestamps', () => {
      const { entities } = estate([
        client({ lastRotated: `${day(-90)}T23:59:59-11:00` }),
      ]);
      expect(evaluate(entities, { now: `${NOW}T00:00:01+14:00` })).toEqual([]);
    });
    it('reads timestamps with an hour-only offset instead of ignoring them', () => {
      const { entities } = estate([
        client({ lastRotated: `${day(-91)}T10:00:00+01` }),
      ]);
      expect(fired(evaluate(entities))).toEqual([
        'identity-rotation-overdue [orders-client]',
      ]);
    });
  });

  describe('identity-no-expiry', () => {
    it.each(['api-key', 'token', 'certificate', 'oauth-client'] as const)(
      'fires for a %s without expires',
      type => {
        const findings = evaluate(
          estate([client({ type, expires: undefined })]).entities,
        );
        expect(fired(findings)).toEqual(['identity-no-expiry [orders-client]']);
        expect(findings[0].severity).toBe('low');
        expect(findings[0].message).toContain(type);
      },
    );

    it.each([
      'service-account',
      'ssh-key',
      'delegated-admin',
      'webhook-secret',
    ] as const)('is quiet for a %s without expires', type => {
      const { partner, integration, entities } = estate([
        client({ type, expires: undefined }),
      ]);
      if (type === 'delegated-admin') {
        partner.spec.risk.tier = 'high'; // delegated-admin needs tier >= high
      }
      expect(integration.spec.identities![0].expires).toBeUndefined();
      expect(evaluate(entities)).toEqual([]);
    });

    it('fires for a suspended identity but not a revoked one', () => {
      expect(
        fired(
          evaluate(
            estate([client({ expires: undefined, status: 'suspended' })])
              .entities,
          ),
        ),
      ).toEqual(['identity-no-expiry [orders-client]']);
      expect(
        evaluate(
          estate([client({ expires: undefined, status: 'revoked' })]).entities,
        ),
      ).toEqual([]);
    });
  });

  describe('identity-expired-active', () => {
    it('is quiet when it expires today and fires when it expired yesterday', () => {
      expect(evaluate(estate([client({ expires: NOW })]).entities)).toEqual([]);
      const findings = evaluate(
        estate([client({ expires: day(-1) })]).entities,
      );
      expect(fired(findings)).toEqual([
        'identity-expired-active [orders-client]',
      ]);
      expect(findings[0].severity).toBe('high');
      expect(findings[0].message).toContain(day(-1));
    });

    it('fires for explicit status active', () => {
      expect(
        fired(
          evaluate(
            estate([client({ expires: day(-5), status: 'active' })]).entities,
          ),
        ),
      ).toEqual(['identity-expired-active [orders-client]']);
    });

    it('is quiet for suspended and revoked identities', () => {
      for (const status of ['suspended', 'revoked'] as const) {
        expect(
          evaluate(estate([client({ expires: day(-5), status })]).entities),
        ).toEqual([]);
      }
    });
  });

  describe('identity-dormant', () => {
    it('is quiet at exactly dormantAfterDays and fires one day later', () => {
      expect(
        evaluate(estate([client({ lastUsed: day(-90) })]).entities),
      ).toEqual([]);
      const findings = evaluate(
        estate([client({ lastUsed: day(-91) })]).entities,
      );
      expect(fired(findings)).toEqual(['identity-dormant [orders-client]']);
      expect(findings[0].message).toContain('91 days');
    });

    it('fires only for active identities', () => {
      for (const status of ['suspended', 'revoked'] as const) {
        expect(
          evaluate(estate([client({ lastUsed: day(-300), status })]).entities),
        ).toEqual([]);
      }
    });

    it('is quiet for an identity that was never used', () => {
      expect(
        evaluate(estate([client({ lastUsed: undefined })]).entities),
      ).toEqual([]);
    });

    it('follows the policy dormantAfterDays from config', () => {
      const config: PartnersConfig = {
        ...CONFIG,
        policy: { ...CONFIG.policy, dormantAfterDays: 7 },
      };
      const { entities } = estate([client({ lastUsed: day(-8) })]);
      expect(fired(evaluate(entities, { config }))).toEqual([
        'identity-dormant [orders-client]',
      ]);
      expect(
        evaluate(estate([client({ lastUsed: day(-7) })]).entities, { config }),
      ).toEqual([]);
    });
  });

  describe('identity-shared', () => {
    it('fires for an identity with sharedWith', () => {
      const findings = evaluate(
        estate([client({ sharedWith: ['partnerintegration:acme-billing'] })])
          .entities,
      );
      expect(fired(findings)).toEqual(['identity-shared [orders-client]']);
      expect(findings[0].message).toContain('partnerintegration:acme-billing');
    });

    it('is quiet for an empty sharedWith', () => {
      expect(evaluate(estate([client({ sharedWith: [] })]).entities)).toEqual(
        [],
      );
    });

    it('fires for the same secretRef on two identities in different integrations', () => {
      const { partner, integration } = estate();
      const other = makeIntegration('acme-monitoring', [
        serviceAccount({
          name: 'monitoring-sa',
          secretRef: 'vault:partners/acme/orders-client',
        }),
      ]);
      const findings = evaluate([partner, integration, other]);
      expect(
        findings.map(f => `${f.ruleId} ${f.entityRef} [${f.identity}]`),
      ).toEqual([
        'identity-shared partnerintegration:default/acme-orders [orders-client]',
        'identity-shared partnerintegration:default/acme-monitoring [monitoring-sa]',
      ]);
    });

    it('does not count a revoked identity holding the same secretRef', () => {
      const { partner, integration } = estate();
      const other = makeIntegration('acme-monitoring', [
        serviceAccount({
          name: 'monitoring-sa',
          secretRef: 'vault:partners/acme/orders-client',
          status: 'revoked',
        }),
      ]);
      expect(evaluate([partner, integration, other])).toEqual([]);
    });

    it('counts a suspended identity holding the same secretRef', () => {
      const { partner, integration } = estate();
      const other = makeIntegration('acme-monitoring', [
        serviceAccount({
          name: 'monitoring-sa',
          secretRef: 'vault:partners/acme/orders-client',
          status: 'suspended',
        }),
      ]);
      expect(fired(evaluate([partner, integration, other]))).toEqual([
        'identity-shared [orders-client]',
        'identity-shared [monitoring-sa]',
      ]);
    });
  });

  describe('identity-environment-crossing', () => {
    it('fires for a staging or sandbox identity on a production integration', () => {
      const findings = evaluate(
        estate([client({ environment: 'staging' })]).entities,
      );
      expect(fired(findings)).toEqual([
        'identity-environment-crossing [orders-client]',
      ]);
      expect(findings[0].severity).toBe('high');
      expect(findings[0].message).toContain('staging');
      expect(findings[0].message).toContain('production');
    });

    it('fires for a production identity on a non-production integration', () => {
      const { integration, entities } = estate([
        client({ environment: 'production' }),
      ]);
      integration.spec.environment = 'staging';
      expect(fired(evaluate(entities))).toEqual([
        'identity-environment-crossing [orders-client]',
      ]);
    });

    it('is quiet when neither side is production', () => {
      const { integration, entities } = estate([
        client({ environment: 'sandbox' }),
      ]);
      integration.spec.environment = 'staging';
      integration.spec.accessPackage = 'anywhere';
      expect(evaluate(entities)).toEqual([]);
    });

    it('is quiet when either environment is not set', () => {
      const first = estate([client({ environment: undefined })]);
      expect(evaluate(first.entities)).toEqual([]);
      const second = estate([client({ environment: 'staging' })]);
      delete second.integration.spec.environment;
      expect(evaluate(second.entities)).toEqual([]);
    });
  });

  describe('identity-unowned', () => {
    it('fires for an explicit custodian unknown to the catalog', () => {
      const findings = evaluate(
        estate([client({ custodian: 'user:jonas-pryor' })]).entities,
      );
      expect(fired(findings)).toEqual(['identity-unowned [orders-client]']);
      expect(findings[0].message).toContain('user:jonas-pryor');
    });

    it('checks catalog membership only when knownOwners is given', () => {
      const { entities } = estate([client({ custodian: 'user:jonas-pryor' })]);
      expect(evaluate(entities, { knownOwners: undefined })).toEqual([]);
    });

    it('fires for a custodian that is not a Group or User', () => {
      const { entities } = estate([
        client({ custodian: 'component:orders-service' }),
      ]);
      expect(fired(evaluate(entities, { knownOwners: undefined }))).toEqual([
        'identity-unowned [orders-client]',
      ]);
    });

    it('is quiet for a known custodian', () => {
      expect(
        evaluate(estate([client({ custodian: 'user:jane-doe' })]).entities),
      ).toEqual([]);
    });

    it('checks explicit custodians only: no custodian defers to the integration owner', () => {
      const { integration, entities } = estate([client()]);
      integration.spec.owner = 'group:team-dissolved';
      const findings = evaluate(entities);
      expect(ruleIds(findings)).toEqual(['owner-missing']);
    });

    it('is quiet for a revoked identity', () => {
      expect(
        evaluate(
          estate([client({ custodian: 'user:jonas-pryor', status: 'revoked' })])
            .entities,
        ),
      ).toEqual([]);
    });
  });

  describe('contract-ended-access-active', () => {
    it('fires for each active identity when the contract ended yesterday', () => {
      const { partner, entities } = estate();
      partner.spec.contract!.end = day(-1);
      const findings = evaluate(entities);
      expect(fired(findings)).toEqual([
        'contract-ended-access-active [orders-client]',
        'contract-ended-access-active [orders-sa]',
      ]);
      expect(findings.map(f => f.entityRef)).toEqual([
        INTEGRATION_REF,
        INTEGRATION_REF,
      ]);
      expect(findings[0].severity).toBe('critical');
      expect(findings[0].message).toContain(`ended on ${day(-1)}`);
    });

    it('does not treat a contract that ends today as ended', () => {
      const { partner, entities } = estate();
      partner.spec.contract!.end = NOW;
      expect(ruleIds(evaluate(entities))).toEqual([
        'contract-ending-no-offboarding',
      ]);
    });

    it('fires for a terminated or expired status whatever the end date', () => {
      for (const status of ['terminated', 'expired'] as const) {
        const { partner, entities } = estate([client()]);
        partner.spec.contract!.status = status;
        const findings = evaluate(entities);
        expect(fired(findings)).toEqual([
          'contract-ended-access-active [orders-client]',
        ]);
        expect(findings[0].message).toContain(status);
      }
    });

    it('is quiet for a notice status with a future end', () => {
      const { partner, entities } = estate();
      partner.spec.contract!.status = 'notice';
      expect(evaluate(entities)).toEqual([]);
    });

    it('ignores suspended and revoked identities', () => {
      const { partner, entities } = estate([
        client({ status: 'suspended' }),
        serviceAccount({ status: 'revoked' }),
      ]);
      partner.spec.contract!.end = day(-10);
      partner.spec.lifecycle.stage = 'offboarding';
      expect(evaluate(entities)).toEqual([]);
    });

    it('fires in offboarding too', () => {
      const { partner, entities } = estate([client()]);
      partner.spec.contract!.end = day(-10);
      partner.spec.lifecycle.stage = 'offboarding';
      expect(fired(evaluate(entities))).toEqual([
        'contract-ended-access-active [orders-client]',
      ]);
    });
  });

  describe('contract-ending-no-offboarding', () => {
    it('fires exactly contractNoticeDays ahead and not one day more', () => {
      const { partner, entities } = estate();
      partner.spec.contract!.end = day(30);
      const findings = evaluate(entities);
      expect(ruleIds(findings)).toEqual(['contract-ending-no-offboarding']);
      expect(findings[0].entityRef).toBe(PARTNER_REF);
      expect(findings[0].message).toContain('in 30 days');

      partner.spec.contract!.end = day(31);
      expect(evaluate(entities)).toEqual([]);
    });

    it('is quiet in offboarding and offboarded', () => {
      const offboarding = estate();
      offboarding.partner.spec.contract!.end = day(5);
      offboarding.partner.spec.lifecycle.stage = 'offboarding';
      expect(evaluate(offboarding.entities)).toEqual([]);

      const offboarded = estate([client({ status: 'revoked' })]);
      offboarded.partner.spec.contract!.end = day(5);
      offboarded.partner.spec.lifecycle.stage = 'offboarded';
      expect(evaluate(offboarded.entities)).toEqual([]);
    });

    it('fires in onboarding and enablement', () => {
      for (const stage of ['onboarding', 'enablement'] as const) {
        const { partner, entities } = estate();
        partner.spec.lifecycle.stage = stage;
        partner.spec.contract!.end = day(1);
        expect(ruleIds(evaluate(entities))).toEqual([
          'contract-ending-no-offboarding',
        ]);
      }
    });

    it('follows the policy contractNoticeDays from config', () => {
      const config: PartnersConfig = {
        ...CONFIG,
        policy: { ...CONFIG.policy, contractNoticeDays: 60 },
      };
      const { partner, entities } = estate();
      partner.spec.contract!.end = day(60);
      expect(ruleIds(evaluate(entities, { config }))).toEqual([
        'contract-ending-no-offboarding',
      ]);
      partner.spec.contract!.end = day(61);
      expect(evaluate(entities, { config })).toEqual([]);
    });

    it('is quiet with no contract end', () => {
      const { partner, entities } = estate();
      delete partner.spec.contract;
      expect(evaluate(entities)).toEqual([]);
    });
  });

  describe('offboarded-identity-active', () => {
    it('fires for every identity of an offboarded partner that is not revoked', () => {
      const { partner, entities } = estate([
        client({ status: 'active' }),
        serviceAccount({ status: 'suspended' }),
        client({ name: 'old-client', status: 'revoked', secretRef: 'vault:x' }),
      ]);
      partner.spec.lifecycle.stage = 'offboarded';
      const findings = evaluate(entities);
      expect(fired(findings)).toEqual([
        'offboarded-identity-active [orders-client]',
        'offboarded-identity-active [orders-sa]',
      ]);
      expect(findings[0].entityRef).toBe(INTEGRATION_REF);
      expect(findings[0].severity).toBe('critical');
      expect(findings[1].message).toContain('suspended');
    });

    it('is quiet when every identity is revoked', () => {
      const { partner, entities } = estate([
        client({ status: 'revoked' }),
        serviceAccount({ status: 'revoked' }),
      ]);
      partner.spec.lifecycle.stage = 'offboarded';
      expect(evaluate(entities)).toEqual([]);
    });

    it('is quiet in offboarding', () => {
      const { partner, entities } = estate();
      partner.spec.lifecycle.stage = 'offboarding';
      expect(evaluate(entities)).toEqual([]);
    });
  });

  describe('partner-dormant', () => {
    it('is quiet at exactly dormantAfterDays and fires one day later', () => {
      const { partner, entities } = estate();
      partner.spec.lastActivity = day(-90);
      expect(evaluate(entities)).toEqual([]);
      partner.spec.lastActivity = day(-91);
      const findings = evaluate(entities);
      expect(ruleIds(findings)).toEqual(['partner-dormant']);
      expect(findings[0].entityRef).toBe(PARTNER_REF);
      expect(findings[0].message).toContain('91 days');
    });

    it('fires only while its integrations hold active identities', () => {
      const revoked = estate([
        client({ status: 'revoked' }),
        serviceAccount({ status: 'suspended' }),
      ]);
      revoked.partner.spec.lastActivity = day(-400);
      expect(evaluate(revoked.entities)).toEqual([]);

      const alone = makePartner();
      alone.spec.lastActivity = day(-400);
      expect(evaluate([alone])).toEqual([]);

      const empty = estate([]);
      empty.partner.spec.lastActivity = day(-400);
      expect(evaluate(empty.entities)).toEqual([]);
    });

    it('counts only integrations of this partner', () => {
      const dormant = makePartner('dormant');
      dormant.spec.lastActivity = day(-400);
      const { partner, integration } = estate();
      expect(evaluate([dormant, partner, integration])).toEqual([]);
    });

    it('is quiet with no lastActivity', () => {
      const { partner, entities } = estate();
      delete partner.spec.lastActivity;
      expect(evaluate(entities)).toEqual([]);
    });
  });

  describe('risk-tier-understated', () => {
    it('fires for a low or medium tier with a privileged identity', () => {
      for (const tier of ['low', 'medium'] as const) {
        const { partner, integration, entities } = estate([
          client({ privileged: true, scopes: ['tenant:admin'] }),
        ]);
        partner.spec.risk.tier = tier;
        partner.spec.risk.dataAccess = [];
        integration.spec.accessPackage = 'ops-admin';
        const findings = evaluate(entities);
        expect(ruleIds(findings)).toEqual(['risk-tier-understated']);
        expect(findings[0].entityRef).toBe(PARTNER_REF);
        expect(findings[0].message).toContain('orders-client');
      }
    });

    it('fires for a delegated-admin identity', () => {
      const { partner, entities } = estate([
        serviceAccount({ name: 'tenant-admin', type: 'delegated-admin' }),
      ]);
      partner.spec.risk.tier = 'medium';
      partner.spec.risk.dataAccess = ['order-history'];
      expect(ruleIds(evaluate(entities))).toEqual(['risk-tier-understated']);
    });

    it('fires for a sensitive data class', () => {
      const { partner, entities } = estate();
      partner.spec.risk.tier = 'medium';
      partner.spec.risk.dataAccess = ['order-history', 'payment-data'];
      const findings = evaluate(entities);
      expect(ruleIds(findings)).toEqual(['risk-tier-understated']);
      expect(findings[0].message).toContain('payment-data');
      expect(findings[0].message).not.toContain('order-history');
    });

    it('is quiet for a low tier with non-sensitive data and no privileged identity', () => {
      const { partner, entities } = estate();
      partner.spec.risk.tier = 'low';
      partner.spec.risk.dataAccess = ['order-history'];
      expect(evaluate(entities)).toEqual([]);
    });

    it('is quiet for high and critical tiers', () => {
      for (const tier of ['high', 'critical'] as const) {
        const { partner, entities } = estate([
          serviceAccount({ type: 'delegated-admin' }),
        ]);
        partner.spec.risk.tier = tier;
        partner.spec.risk.dataAccess = ['customer-pii', 'payment-data'];
        expect(evaluate(entities)).toEqual([]);
      }
    });

    it('ignores revoked privileged identities', () => {
      const { partner, entities } = estate([
        client(),
        serviceAccount({ type: 'delegated-admin', status: 'revoked' }),
      ]);
      partner.spec.risk.tier = 'low';
      partner.spec.risk.dataAccess = [];
      expect(evaluate(entities)).toEqual([]);
    });

    it('uses the configured sensitive data classes', () => {
      const { partner, entities } = estate();
      partner.spec.risk.tier = 'low';
      partner.spec.risk.dataAccess = ['customer-pii'];
      const config: PartnersConfig = { ...CONFIG, sensitiveData: ['genome'] };
      expect(evaluate(entities, { config })).toEqual([]);
      partner.spec.risk.dataAccess = ['genome'];
      expect(ruleIds(evaluate(entities, { config }))).toEqual([
        'risk-tier-understated',
      ]);
    });
  });

  describe('ai-supplier-no-contingency', () => {
    it('fires when the partner supplies AI and names no contingency plan', () => {
      const { partner, entities } = estate();
      partner.spec.risk.ai = { supplies: true };
      const findings = evaluate(entities);
      expect(ruleIds(findings)).toEqual(['ai-supplier-no-contingency']);
      expect(findings[0].entityRef).toBe(PARTNER_REF);
      expect(findings[0].frameworks).toEqual([
        'AI RMF GOVERN 6.1',
        'AI RMF GOVERN 6.2',
      ]);
      partner.spec.risk.ai = { supplies: true, contingencyPlan: '   ' };
      expect(ruleIds(evaluate(entities))).toEqual([
        'ai-supplier-no-contingency',
      ]);
    });

    it('is quiet with a contingency plan, or when the partner does not supply AI', () => {
      const { partner, entities } = estate();
      partner.spec.risk.ai = { supplies: true, contingencyPlan: 'BCP-AI-7' };
      expect(evaluate(entities)).toEqual([]);
      partner.spec.risk.ai = { supplies: false };
      expect(evaluate(entities)).toEqual([]);
      delete partner.spec.risk.ai;
      expect(evaluate(entities)).toEqual([]);
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
          yaml
            .loadAll(fs.readFileSync(file, 'utf8'), null, {
              schema: yaml.CORE_SCHEMA,
            })
            .filter(doc => doc && typeof doc === 'object') as Entity[],
      );
      const appConfig = yaml.load(fs.readFileSync(appConfigFile, 'utf8'), {
        schema: yaml.CORE_SCHEMA,
      }) as { partners: unknown };
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
