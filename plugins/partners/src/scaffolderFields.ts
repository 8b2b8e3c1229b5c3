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

import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  AccessPackagePicker,
  validateAccessPackage,
} from './components/ScaffolderFields/AccessPackagePicker';
import {
  ScopePicker,
  validateScopes,
  type ScopePickerUiOptions,
} from './components/ScaffolderFields/ScopePicker';
import { partnersPlugin } from './plugin';

/**
 * The scaffolder field `PartnerAccessPackagePicker`: one of the policy's
 * standard access packages, with what it grants. Mount it inside
 * `ScaffolderFieldExtensions` on the scaffolder page.
 *
 * @public
 */
export const PartnerAccessPackagePickerFieldExtension = partnersPlugin.provide(
  createScaffolderFieldExtension<string>({
    name: 'PartnerAccessPackagePicker',
    component: AccessPackagePicker,
    validation: validateAccessPackage,
    schema: { returnValue: { type: 'string' } },
  }),
);

/**
 * The scaffolder field `PartnerScopePicker`: an identity's scopes, among
 * those of the access package the form's `accessPackage` field (or the field
 * `ui:options.accessPackageField` names) holds.
 *
 * @public
 */
export const PartnerScopePickerFieldExtension = partnersPlugin.provide(
  createScaffolderFieldExtension<string[], ScopePickerUiOptions>({
    name: 'PartnerScopePicker',
    component: ScopePicker,
    validation: validateScopes,
    schema: {
      returnValue: { type: 'array', items: { type: 'string' } },
      uiOptions: {
        type: 'object',
        properties: {
          accessPackageField: {
            type: 'string',
            description:
              'The form field that names the access package; accessPackage by default.',
          },
        },
      },
    },
  }),
);
