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
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import useAsync from 'react-use/esm/useAsync';
import { errorMessage } from '../common/errorMessage';
import { fetchAccessPackages } from './accessPackages';

/**
 * A scaffolder field that picks one of the policy's standard access
 * packages (`partners.accessPackages`), showing what each grants.
 */
export function AccessPackagePicker(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, required, rawErrors, schema, idSchema } = props;
  const apiHolder = useApiHolder();
  const {
    value: packages,
    loading,
    error,
  } = useAsync(() => fetchAccessPackages(apiHolder), [apiHolder]);
  const chosen = packages?.find(pkg => pkg.name === formData);
  let helperText = schema.description;
  if (error) {
    helperText = `Cannot list the access packages: ${errorMessage(error)}`;
  } else if (chosen) {
    const where = chosen.environments.length
      ? ` in ${chosen.environments.join(', ')}`
      : '';
    helperText = `${chosen.description ? `${chosen.description} ` : ''}Grants ${
      chosen.scopes.join(', ') || 'no scope'
    }${where}${chosen.privileged ? '; privileged' : ''}.`;
  }
  return (
    <TextField
      id={idSchema?.$id}
      select
      fullWidth
      margin="normal"
      variant="outlined"
      label={schema.title ?? 'Access package'}
      required={required}
      disabled={loading || !!error}
      error={!!error || !!rawErrors?.length}
      helperText={helperText}
      value={chosen ? formData : ''}
      onChange={event => onChange(event.target.value as string)}
    >
      {(packages ?? []).map(pkg => (
        <MenuItem key={pkg.name} value={pkg.name}>
          {pkg.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Refuses a package the policy does not define. */
export const validateAccessPackage: CustomFieldValidator<string> = async (
  value,
  validation,
  { apiHolder },
) => {
  if (!value) {
    return;
  }
  const packages = await fetchAccessPackages(apiHolder);
  if (!packages.some(pkg => pkg.name === value)) {
    validation.addError(
      `The policy defines no access package "${value}"; choose one of ${packages
        .map(pkg => pkg.name)
        .join(', ')}`,
    );
  }
};
