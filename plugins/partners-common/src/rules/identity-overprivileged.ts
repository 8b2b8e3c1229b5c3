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

function scopeAllowed(scope: string, allowed: readonly string[]): boolean {
  return allowed.some(pattern =>
    pattern.endsWith('*')
      ? scope.startsWith(pattern.slice(0, -1))
      : scope === pattern,
  );
}

/** An identity that holds more than its access package grants. @public */
export const identityOverprivileged = defineRule({
  id: 'identity-overprivileged',
  title: 'Identity over-privileged',
  description:
    "An identity holds scopes outside its integration's access package, is privileged where the package is not, or is used in an environment the package does not allow.",
  severity: 'high',
  frameworks: ['NHI5', 'PR.AA-05', 'CIS 6.8', 'ISO 5.18', 'ISO 8.2'],
  scope: 'identity',
  source: 'files',
  evaluate: {
    identity(identity, integration, _partner, context) {
      const accessPackage = context.accessPackageOf(integration);
      if (!accessPackage) {
        return undefined;
      }
      const name = integration.spec.accessPackage;
      const problems: string[] = [];
      const outside = (identity.scopes ?? []).filter(
        scope => !scopeAllowed(scope, accessPackage.scopes),
      );
      if (outside.length) {
        problems.push(
          `holds scopes outside access package "${name}": ${outside.join(
            ', ',
          )}`,
        );
      }
      if (identity.privileged && !accessPackage.privileged) {
        problems.push(`is privileged where access package "${name}" is not`);
      }
      const env = identity.environment ?? integration.spec.environment;
      if (
        env &&
        accessPackage.environments.length &&
        !accessPackage.environments.includes(env)
      ) {
        problems.push(
          `is used in ${env}, which access package "${name}" does not allow`,
        );
      }
      return problems.length
        ? `Identity "${identity.name}" ${problems.join('; ')}`
        : undefined;
    },
  },
});
