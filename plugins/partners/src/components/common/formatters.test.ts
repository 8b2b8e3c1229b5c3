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

import { relativeTime } from './formatters';

describe('relativeTime', () => {
  const now = new Date('2026-12-05T12:00:00Z');

  it('says how long ago a timestamp is, in minutes, hours, then days', () => {
    expect(relativeTime('2026-12-05T11:59:40Z', now)).toBe('just now');
    expect(relativeTime('2026-12-05T11:59:00Z', now)).toBe('1 minute ago');
    expect(relativeTime('2026-12-05T11:15:00Z', now)).toBe('45 minutes ago');
    expect(relativeTime('2026-12-05T09:00:00Z', now)).toBe('3 hours ago');
    expect(relativeTime('2026-12-04T11:00:00Z', now)).toBe('1 day ago');
    expect(relativeTime('2026-11-25T12:00:00Z', now)).toBe('10 days ago');
  });

  it('says how far ahead a future timestamp is', () => {
    expect(relativeTime('2026-12-05T14:00:00Z', now)).toBe('in 2 hours');
    expect(relativeTime('2026-12-08T12:00:00Z', now)).toBe('in 3 days');
  });

  it('is empty without a valid timestamp', () => {
    expect(relativeTime(undefined, now)).toBe('');
    expect(relativeTime('soon', now)).toBe('');
  });
});
