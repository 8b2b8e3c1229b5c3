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

import {
  entityKindSchemaValidator,
  type Entity,
  type KindValidator,
} from '@backstage/catalog-model';
import { toDayNumber } from '../dates';

/** Fields that hold ISO-8601 dates in either kind. */
const DATE_FIELDS = new Set([
  'completed',
  'start',
  'end',
  'lastActivity',
  'date',
  'issued',
  'lastRotated',
  'expires',
  'lastUsed',
]);

/**
 * A {@link @backstage/catalog-model#KindValidator} that can also be called
 * synchronously, for the command line and the rules engine.
 *
 * @public
 */
export interface PartnersKindValidator extends KindValidator {
  /**
   * Returns false when the data is not of this kind and apiVersion, true when
   * it is and is valid, and throws a TypeError whose message starts with the
   * JSON pointer of the offending field when it is of this kind but invalid.
   */
  checkSync(data: unknown): boolean;
}

/**
 * Throws for a date field that does not hold a real calendar date. `path`
 * holds the keys down to `value`; the JSON pointer is built only to throw.
 */
function checkDates(value: unknown, path: Array<string | number>) {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      if (item && typeof item === 'object') {
        path.push(index);
        checkDates(item, path);
        path.pop();
      }
    }
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      if (
        DATE_FIELDS.has(key) &&
        typeof child === 'string' &&
        toDayNumber(child) === undefined
      ) {
        const pointer = [...path, key].map(segment => `/${segment}`).join('');
        throw new TypeError(
          `${pointer} must be a real calendar date - value: ${child}`,
        );
      }
      if (child && typeof child === 'object') {
        path.push(key);
        checkDates(child, path);
        path.pop();
      }
    }
  }
}

/** @internal */
export function createPartnersKindValidator(
  schema: unknown,
  extraCheck?: (entity: Entity) => void,
): PartnersKindValidator {
  const validate = entityKindSchemaValidator(schema);
  const checkSync = (data: unknown): boolean => {
    const entity = validate(data);
    if (entity !== data || !entity) {
      return false;
    }
    checkDates((entity as Entity).spec, ['spec']);
    extraCheck?.(entity as Entity);
    return true;
  };
  return {
    checkSync,
    async check(data) {
      return checkSync(data);
    },
  };
}
