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

import { defineRule } from './types';

const STAGES_WITH_PACKAGES = new Set([
  'enablement',
  'measurement',
  'offboarding',
]);

/** An integration mapped to no standard access package. @public */
export const accessPackageMissing = defineRule({
  id: 'access-package-missing',
  title: 'Access package missing',
  description:
    'An integration of a partner in enablement, measurement or offboarding names no access package, or names one the policy does not define.',
  severity: 'medium',
  frameworks: [
    'NHI5',
    'PR.AA-05',
    'GV.SC-05',
    'CIS 6.8',
    'ISO 5.18',
    'ISO 5.20',
  ],
  scope: 'integration',
  source: 'files',
  evaluate: {
    integration(integration, partner, context) {
      const stage = partner?.spec.lifecycle.stage;
      if (!stage || !STAGES_WITH_PACKAGES.has(stage)) {
        return undefined;
      }
      const name = integration.spec.accessPackage;
      if (!name) {
        return `Integration of a partner in ${stage} is mapped to no access package`;
      }
      const packagesDefined =
        Object.keys(context.config.accessPackages).length > 0;
      return packagesDefined && !context.accessPackageOf(integration)
        ? `Integration names access package "${name}", which the policy does not define`
        : undefined;
    },
  },
});
