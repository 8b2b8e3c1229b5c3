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
 * The message to show for a failed request: the backend's own message (a
 * `ResponseError` carries the server error as its `cause`), else the
 * error's message.
 */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const { cause, message } = error as { cause?: unknown; message?: unknown };
    const causeMessage =
      cause && typeof cause === 'object'
        ? (cause as { message?: unknown }).message
        : undefined;
    if (typeof causeMessage === 'string' && causeMessage) {
      return causeMessage;
    }
    if (typeof message === 'string' && message) {
      return message;
    }
  }
  return String(error);
}
