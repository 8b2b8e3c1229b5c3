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

import { useCallback, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { Page } from '@partner-governance/plugin-partners-common';

/** The state of a keyset-paged list, one page at a time. */
export interface PagedList<T> {
  /** The items of the current page (at most the page size). */
  items: T[];
  loading: boolean;
  error?: Error;
  /** 1 for the first page. */
  pageNumber: number;
  hasNext: boolean;
  hasPrevious: boolean;
  next(): void;
  previous(): void;
  /** Loads the current page again (after a change, or to retry). */
  retry(): void;
}

/**
 * Fetches one page of a cursor-paged endpoint at a time. `key` names the
 * query (its filters): when it changes, paging starts again from the first
 * page. Only the current page is held, so a table never holds more rows than
 * the page size.
 */
export function usePagedList<T>(
  key: string,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): PagedList<T> {
  const [paging, setPaging] = useState<{
    key: string;
    cursors: Array<string | undefined>;
  }>({ key, cursors: [undefined] });
  const cursors = useMemo(
    () => (paging.key === key ? paging.cursors : [undefined]),
    [paging, key],
  );
  const cursor = cursors[cursors.length - 1];

  // fetchPage is re-created on every render; the key and cursor say when to
  // fetch again.
  const state = useAsyncRetry(
    () => fetchPage(cursor),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, cursor],
  );
  const nextCursor = state.value?.nextCursor;

  const next = useCallback(() => {
    if (nextCursor) {
      setPaging({ key, cursors: [...cursors, nextCursor] });
    }
  }, [key, cursors, nextCursor]);
  const previous = useCallback(() => {
    if (cursors.length > 1) {
      setPaging({ key, cursors: cursors.slice(0, -1) });
    }
  }, [key, cursors]);

  return {
    items: state.value?.items ?? [],
    loading: state.loading,
    error: state.error,
    pageNumber: cursors.length,
    hasNext: !state.loading && Boolean(nextCursor),
    hasPrevious: !state.loading && cursors.length > 1,
    next,
    previous,
    retry: state.retry,
  };
}
