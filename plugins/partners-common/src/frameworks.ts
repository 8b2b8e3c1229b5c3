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

/**
 * The frameworks findings are mapped to.
 *
 * @public
 */
export const FRAMEWORKS = [
  'OWASP NHI Top 10 2025',
  'NIST CSF 2.0',
  'CIS Controls v8',
  'ISO/IEC 27001:2022',
  'NIST AI RMF',
] as const;

/** A framework findings are mapped to. @public */
export type Framework = (typeof FRAMEWORKS)[number];

/**
 * A control (or subcategory, safeguard, risk) of a framework, as rules name
 * it: `NHI1`, `GV.SC-10`, `CIS 15.7`, `ISO 5.19`, `AI RMF GOVERN 6.1`.
 *
 * @public
 */
export interface FrameworkControl {
  id: string;
  framework: Framework;
  /** What the control asks for, in a few words. */
  title: string;
}

const control = (
  framework: Framework,
  entries: Record<string, string>,
): FrameworkControl[] =>
  Object.entries(entries).map(([id, title]) => ({ id, framework, title }));

/**
 * Every control a rule maps to, with its framework and what it asks for.
 * A rule may only name controls listed here, so that an evidence pack can
 * say which framework each belongs to.
 *
 * @public
 */
export const FRAMEWORK_CONTROLS: ReadonlyMap<string, FrameworkControl> =
  new Map(
    [
      ...control('OWASP NHI Top 10 2025', {
        NHI1: 'Improper offboarding',
        NHI2: 'Secret leakage',
        NHI3: 'Vulnerable third-party NHI',
        NHI4: 'Insecure authentication',
        NHI5: 'Overprivileged NHI',
        NHI6: 'Insecure cloud deployment configurations',
        NHI7: 'Long-lived secrets',
        NHI8: 'Environment isolation',
        NHI9: 'NHI reuse',
        NHI10: 'Human use of NHI',
      }),
      ...control('NIST CSF 2.0', {
        'GV.OV-01':
          'Risk management strategy outcomes are reviewed to inform and adjust strategy',
        'GV.RR-02': 'Cybersecurity roles and responsibilities are established',
        'GV.SC-02': 'Supplier and partner roles and responsibilities are set',
        'GV.SC-04': 'Suppliers are known and prioritised by criticality',
        'GV.SC-05':
          'Supplier requirements are established, prioritised and put in contracts',
        'GV.SC-06': 'Due diligence is done before a supplier relationship',
        'GV.SC-07':
          "A supplier's risks are understood, assessed and monitored over the relationship",
        'GV.SC-08': 'Suppliers are included in incident planning and recovery',
        'GV.SC-10':
          'Plans cover what happens after a partnership or service ends',
        'ID.AM-08':
          'Systems, services and data are managed throughout their life cycles',
        'ID.RA-07': 'Changes and exceptions are managed and tracked',
        'ID.RA-10': 'Critical suppliers are assessed before acquisition',
        'PR.AA-01': 'Identities and credentials are managed',
        'PR.AA-02': 'Identities are proofed and bound to credentials',
        'PR.AA-05':
          'Access permissions are defined, managed, enforced and reviewed, with least privilege',
        'PR.DS-01': 'The confidentiality of data at rest is protected',
        'PR.IR-01':
          'Networks and environments are protected from unauthorised access',
      }),
      ...control('CIS Controls v8', {
        'CIS 5.1': 'Inventory of accounts',
        'CIS 5.2': 'Unique passwords',
        'CIS 5.3': 'Disable dormant accounts',
        'CIS 5.5': 'Inventory of service accounts',
        'CIS 6.1': 'Access granting process',
        'CIS 6.2': 'Access revoking process',
        'CIS 6.8': 'Role-based access control',
        'CIS 15.1': 'Inventory of service providers',
        'CIS 15.2': 'Service provider management policy',
        'CIS 15.3': 'Classify service providers',
        'CIS 15.4': 'Security requirements in service provider contracts',
        'CIS 15.5': 'Assess service providers',
        'CIS 15.6': 'Monitor service providers',
        'CIS 15.7': 'Securely decommission service providers',
        'CIS 16.8': 'Separate production and non-production systems',
        'CIS 16.12': 'Code-level security checks',
      }),
      ...control('ISO/IEC 27001:2022', {
        'ISO 5.16': 'Identity management',
        'ISO 5.17': 'Authentication information',
        'ISO 5.18': 'Access rights',
        'ISO 5.19': 'Information security in supplier relationships',
        'ISO 5.20': 'Information security within supplier agreements',
        'ISO 5.21': 'Information security in the ICT supply chain',
        'ISO 5.22':
          'Monitoring, review and change management of supplier services',
        'ISO 5.23': 'Information security for use of cloud services',
        'ISO 5.30': 'ICT readiness for business continuity',
        'ISO 8.2': 'Privileged access rights',
        'ISO 8.31': 'Separation of development, test and production',
      }),
      ...control('NIST AI RMF', {
        'AI RMF GOVERN 6.1':
          'Policies address risks of third-party AI, including its data',
        'AI RMF GOVERN 6.2':
          'Contingency processes handle failures of high-risk third-party AI',
      }),
    ].map(entry => [entry.id, entry]),
  );

/**
 * The framework a control belongs to, or undefined for a control the
 * catalog does not know (an older finding may name one).
 *
 * @public
 */
export function frameworkOf(controlId: string): Framework | undefined {
  return FRAMEWORK_CONTROLS.get(controlId)?.framework;
}
