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
 * What the portal benchmark runs inside the page. Playwright sends these
 * functions to Chromium as source text: they use nothing but their
 * argument and the browser's globals.
 */

/** A pager click to time. */
export interface SwitchRequest {
  pager: string;
  direction: 'next' | 'previous';
  timeoutMs: number;
}

/** A timed switch, or why it could not be made. */
type SwitchResult =
  | { error: string }
  | {
      error?: undefined;
      commitMs: number;
      renderedMs: number;
      rows: number;
      tableRows: number;
      pageLabel: string;
      hasNext: boolean;
      hasPrevious: boolean;
      requests: Array<{ name: string; startMs: number; ms: number }>;
    };

/**
 * Runs in the page: clicks the pager's button and resolves when the new rows
 * are rendered. The rows are new when the first body row's text differs from
 * before the click and a pager button is enabled again (the pager disables
 * both while the page loads).
 */
export function switchInPage({
  pager,
  direction,
  timeoutMs,
}: SwitchRequest): Promise<SwitchResult> {
  const label = direction === 'next' ? 'Next page' : 'Previous page';
  const nav = () => document.querySelector(`nav[aria-label="${pager}"]`);
  const buttons = () => [...(nav()?.querySelectorAll('button') ?? [])];
  const firstRow = () =>
    nav()?.previousElementSibling?.querySelector('tbody tr')?.textContent;
  const button = buttons().find(b => b.textContent?.trim() === label);
  if (!button || button.disabled) {
    return Promise.resolve({ error: `no enabled "${label}" button` });
  }
  const before = firstRow();
  performance.clearResourceTimings();
  return new Promise(resolve => {
    let t0 = 0;
    let committed: number | undefined;
    const observer = new MutationObserver(() => check());
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve({ error: `no new rows after ${timeoutMs} ms` });
    }, timeoutMs);
    function check() {
      if (committed !== undefined) return;
      const text = firstRow();
      if (text === undefined || text === before) return;
      if (!buttons().some(b => !b.disabled)) return;
      const commit = performance.now();
      committed = commit;
      observer.disconnect();
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(timer);
          const rendered = performance.now();
          const table = nav()?.previousElementSibling;
          resolve({
            commitMs: commit - t0,
            renderedMs: rendered - t0,
            rows: document.querySelectorAll('tr').length,
            tableRows: table?.querySelectorAll('tbody tr').length ?? 0,
            pageLabel: nav()?.querySelector('p')?.textContent ?? '',
            hasNext: buttons().some(
              b => b.textContent?.trim() === 'Next page' && !b.disabled,
            ),
            hasPrevious: buttons().some(
              b => b.textContent?.trim() === 'Previous page' && !b.disabled,
            ),
            requests: (
              performance.getEntriesByType(
                'resource',
              ) as PerformanceResourceTiming[]
            )
              .filter(e => e.initiatorType === 'fetch')
              .map(e => ({
                name: e.name,
                startMs: e.startTime - t0,
                ms: e.responseEnd - e.startTime,
              })),
          });
        }, 0),
      );
    }
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['disabled'],
    });
    t0 = performance.now();
    button.click();
  });
}

/** The API call a switch made, to repeat on its own. */
export interface ApiRequest {
  url: string;
  authorization: string;
}

/** Runs in the page: the bare API call, timed to the parsed JSON. */
export async function fetchInPage({ url, authorization }: ApiRequest) {
  const t0 = performance.now();
  const response = await fetch(url, {
    headers: { authorization },
    cache: 'no-store',
  });
  const body = await response.json();
  return {
    ms: performance.now() - t0,
    status: response.status,
    items: (body.items?.length ?? 0) as number,
  };
}
