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

/*
 * JSON columns as the stores and read models read them: a value that is
 * missing or unreadable reads as absent, never as an error, so one bad row
 * cannot fail a whole page.
 */

/** A JSON column's value, or undefined when it is empty or unreadable. */
export function jsonOf<T>(text: string | null | undefined): T | undefined {
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** A JSON column holding a list, as strings; empty when it is not one. */
export function jsonArray(text: string | null | undefined): string[] {
  const value = jsonOf<unknown>(text);
  return Array.isArray(value) ? value.map(String) : [];
}
