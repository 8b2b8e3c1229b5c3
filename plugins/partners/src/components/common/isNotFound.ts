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

/** Whether a failed request was the server's `name` error, with `status`. */
function isServerError(error: unknown, name: string, status: number): boolean {
  if (!error || typeof error !== 'object') {
    return false;
  }
  const {
    name: errorName,
    cause,
    response,
  } = error as {
    name?: unknown;
    cause?: { name?: unknown };
    response?: { status?: unknown };
  };
  return (
    errorName === name || cause?.name === name || response?.status === status
  );
}

/**
 * Whether a failed request was a 404: a `ResponseError` from the partners
 * client (named `ResponseError`, with the server's `NotFoundError` as its
 * cause) or a `NotFoundError` itself.
 */
export function isNotFound(error: unknown): boolean {
  return isServerError(error, 'NotFoundError', 404);
}

/**
 * Whether a failed request was a 403: the caller may not see what it asked
 * for (for details, those without a stake in the partner).
 */
export function isNotAllowed(error: unknown): boolean {
  return isServerError(error, 'NotAllowedError', 403);
}
