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

/** The authority of a URL: what follows `://` up to the path, query or fragment. */
const AUTHORITY = /[^\s/?#]*/y;

/** A user name that reads like a token rather than an account name. */
function isTokenLike(user: string): boolean {
  return user.length >= 16 && /\d/.test(user) && /[A-Za-z]/.test(user);
}

/**
 * The shape of a credential carried in a URL's user information, if any:
 * `scheme://user:password@host`, `redis://:password@host`, or a token used as
 * the user name (`https://<token>@host`). A plain account name such as
 * `git@` is not a credential. Each authority is read once, so the cost is
 * linear in the length of the text.
 */
export function urlCredentialShape(text: string): string | undefined {
  for (
    let at = text.indexOf('://');
    at !== -1;
    at = text.indexOf('://', at + 3)
  ) {
    AUTHORITY.lastIndex = at + 3;
    const authority = AUTHORITY.exec(text)?.[0] ?? '';
    const end = authority.lastIndexOf('@');
    if (end <= 0) {
      continue;
    }
    const userInfo = authority.slice(0, end);
    const colon = userInfo.indexOf(':');
    if (colon !== -1 && colon < userInfo.length - 1) {
      return 'credentials embedded in a URL';
    }
    if (colon === -1 && isTokenLike(decodeURIComponentSafe(userInfo))) {
      return 'a token used as a URL user name';
    }
  }
  return undefined;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
