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

import { InputError } from '@backstage/errors';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { PartnersRouter } from './route';

const UNSTORABLE_MESSAGE = 'must not hold a NUL character nor a lone surrogate';

/** The largest request body. */
const MAX_BODY_BYTES = 100 * 1024;

/** The largest id of the spec. */
const MAX_ID = 999999999999999;

/** A NUL character, or half of a surrogate pair (ill-formed UTF-16). */
const UNSTORABLE = /\0|\p{Cs}/u;

/**
 * Whether `value` or a string within it holds a character no database
 * stores as sent: NUL, which PostgreSQL refuses, or a lone surrogate,
 * which both databases replace.
 */
function unstorable(value: unknown): boolean {
  if (typeof value === 'string') {
    return UNSTORABLE.test(value);
  }
  if (Array.isArray(value)) {
    return value.some(unstorable);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).some(unstorable);
  }
  return false;
}

/**
 * JSON bodies parsed before the OpenAPI validator reads them, up to
 * MAX_BODY_BYTES. A body that is not JSON is refused with a message of our
 * own: the parser's quotes the start of the body, which may be a secret.
 *
 * @internal
 */
export function parseJsonBodies(): RequestHandler {
  const json = express.json({ limit: MAX_BODY_BYTES });
  const reasons: Record<string, string> = {
    'entity.parse.failed': 'is not valid JSON',
    'entity.too.large': `is larger than ${MAX_BODY_BYTES} bytes`,
  };
  return (req, res, next) =>
    json(req, res, error => {
      const reason = reasons[error?.type];
      next(reason ? new InputError(`request/body ${reason}`) : error);
    });
}

/**
 * Refuses (400) what the OpenAPI validator lets through but no route can
 * take, before any route runs:
 *
 * - a number that is not finite: ajv, under the validator, coerces
 *   `Infinity` or `1e400` to a number and then skips the spec's bounds;
 * - a path's id other than an integer from 1 to 999999999999999: the
 *   validator checks a coerced copy, but the route gets the text as sent
 *   (`1e3`, ` 1`, `Infinity`), which PostgreSQL cannot compare with an id.
 *   The route gets the id in plain digits instead (`1e3` is `1000`);
 * - a NUL character in a parameter or in the body, which PostgreSQL cannot
 *   store nor compare, or a lone surrogate (`"\ud800"` in JSON), which
 *   both databases store as another text.
 *
 * @internal
 */
export function guardRequests(router: PartnersRouter): void {
  router.use((req: Request, _res: Response, next: NextFunction) => {
    for (const [name, value] of Object.entries(req.query)) {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new InputError(`request/query/${name} must be a finite number`);
      }
      if (unstorable(value)) {
        throw new InputError(`request/query/${name} ${UNSTORABLE_MESSAGE}`);
      }
    }
    if (unstorable(req.body)) {
      throw new InputError(`request/body ${UNSTORABLE_MESSAGE}`);
    }
    next();
  });
  router.param('id', (req, _res, next, value: string) => {
    // the validator's coercion, with the bounds it skips
    const id = value.trim() ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
      throw new InputError(
        `request/params/id must be an integer from 1 to ${MAX_ID}`,
      );
    }
    req.params.id = String(id);
    next();
  });
  router.param('ref', (_req, _res, next, value: string) => {
    if (unstorable(value)) {
      throw new InputError(`request/params/ref ${UNSTORABLE_MESSAGE}`);
    }
    next();
  });
}
