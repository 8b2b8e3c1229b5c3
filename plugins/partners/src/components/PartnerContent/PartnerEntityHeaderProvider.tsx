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

import { useMemo, type ReactNode } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  AsyncEntityProvider,
  useAsyncEntity,
} from '@backstage/plugin-catalog-react';

/**
 * A copy of a partner entity whose `spec.lifecycle` object prints as its
 * stage. The catalog's entity page header prints `spec.lifecycle` as text,
 * which for a Partner (whose lifecycle is `{ stage, stageOwners }`) reads
 * "[object Object]". The added `toString` is not enumerable, so the entity's
 * data, its JSON and everything that reads `lifecycle.stage` are unchanged.
 * Other entities are returned as they are.
 *
 * @public
 */
export function withPrintableLifecycle<T extends Entity>(entity: T): T {
  const lifecycle = entity.spec?.lifecycle;
  if (
    !lifecycle ||
    typeof lifecycle !== 'object' ||
    Array.isArray(lifecycle) ||
    typeof lifecycle.stage !== 'string'
  ) {
    return entity;
  }
  const stage = lifecycle.stage;
  const printable = { ...lifecycle };
  Object.defineProperty(printable, 'toString', {
    value: () => stage,
    enumerable: false,
  });
  return { ...entity, spec: { ...entity.spec, lifecycle: printable } };
}

/**
 * Wrap a partner page's `EntityLayout` in this so that its header shows
 * "Lifecycle measurement" instead of "Lifecycle [object Object]".
 * `EntityLayout` (plugin-catalog 2.x) has no prop to replace its header
 * labels, so this re-provides the current entity with a printable lifecycle
 * and keeps the layout's context menu, inspect dialog, favourites and tabs.
 *
 * @public
 */
export function PartnerEntityHeaderProvider(props: { children: ReactNode }) {
  const { entity, loading, error, refresh } = useAsyncEntity();
  const printable = useMemo(
    () => (entity ? withPrintableLifecycle(entity) : undefined),
    [entity],
  );
  return (
    <AsyncEntityProvider
      entity={printable}
      loading={loading}
      error={error}
      refresh={refresh}
    >
      {props.children}
    </AsyncEntityProvider>
  );
}
