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

import { useApiHolder } from '@backstage/core-plugin-api';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import useAsync from 'react-use/esm/useAsync';
import { errorMessage } from '../common/errorMessage';
import {
  DEFAULT_ACCESS_PACKAGE_FIELD,
  fetchAccessPackages,
  packageGrants,
} from './accessPackages';

/**
 * What the scope picker takes in `ui:options`.
 *
 * @public
 */
export type ScopePickerUiOptions = {
  /** The form field that names the access package; `accessPackage` by default. */
  accessPackageField?: string;
};

function packageFieldOf(options: ScopePickerUiOptions | undefined): string {
  return options?.accessPackageField ?? DEFAULT_ACCESS_PACKAGE_FIELD;
}

/**
 * A scaffolder field that picks an identity's scopes among those of the
 * access package chosen elsewhere in the form, so that the identity cannot
 * hold more than its integration's package grants.
 */
export function ScopePicker(
  props: FieldExtensionComponentProps<string[], ScopePickerUiOptions>,
) {
  const { formData, onChange, rawErrors, schema, uiSchema, formContext } =
    props;
  const apiHolder = useApiHolder();
  const { value: packages, error } = useAsync(
    () => fetchAccessPackages(apiHolder),
    [apiHolder],
  );
  const field = packageFieldOf(uiSchema?.['ui:options']);
  const packageName = formContext?.formData?.[field] as string | undefined;
  const chosen = packages?.find(pkg => pkg.name === packageName);
  const selected = formData ?? [];
  const toggle = (scope: string, on: boolean) =>
    onChange(
      on ? [...selected, scope] : selected.filter(item => item !== scope),
    );
  const outside = chosen
    ? selected.filter(scope => !packageGrants(chosen, scope))
    : [];
  let helperText: string | undefined = schema.description;
  if (error) {
    helperText = `Cannot list the access packages: ${errorMessage(error)}`;
  } else if (!packageName) {
    helperText = 'Choose the access package first.';
  } else if (outside.length) {
    helperText = `Outside access package "${packageName}": ${outside.join(
      ', ',
    )}`;
  }
  return (
    <FormControl
      component="fieldset"
      margin="normal"
      error={!!error || !!rawErrors?.length || outside.length > 0}
    >
      <FormLabel component="legend">{schema.title ?? 'Scopes'}</FormLabel>
      <FormGroup row>
        {(chosen?.scopes ?? []).map(scope => (
          <FormControlLabel
            key={scope}
            label={scope}
            control={
              <Checkbox
                checked={selected.includes(scope)}
                onChange={(_event, on) => toggle(scope, on)}
              />
            }
          />
        ))}
      </FormGroup>
      {helperText && <FormHelperText>{helperText}</FormHelperText>}
    </FormControl>
  );
}

/**
 * The scopes of a validated value: the field's own list, or, for a picker
 * inside a list of identities (which the scaffolder validates as a whole),
 * the scopes of every identity.
 */
function scopesIn(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap(item => {
    if (typeof item === 'string') {
      return [item];
    }
    const scopes = (item as { scopes?: unknown } | null)?.scopes;
    return Array.isArray(scopes)
      ? scopes.filter((s): s is string => typeof s === 'string')
      : [];
  });
}

/** Refuses scopes the chosen access package does not grant. */
export const validateScopes: CustomFieldValidator<
  string[],
  ScopePickerUiOptions
> = async (value, validation, { apiHolder, formData, uiSchema }) => {
  const scopes = scopesIn(value as unknown);
  if (!scopes.length) {
    return;
  }
  const name = formData?.[packageFieldOf(uiSchema?.['ui:options'])];
  const pkg = (await fetchAccessPackages(apiHolder)).find(
    item => item.name === name,
  );
  if (!pkg) {
    validation.addError('Choose the access package before the scopes');
    return;
  }
  const outside = [...new Set(scopes)].filter(
    scope => !packageGrants(pkg, scope),
  );
  if (outside.length) {
    validation.addError(
      `Outside access package "${pkg.name}": ${outside.join(', ')}`,
    );
  }
};
