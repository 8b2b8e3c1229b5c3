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

import { useRouteRef } from '@backstage/core-plugin-api';
import { reviewsRouteRef } from '../../routes';

/**
 * A function that links to one access review on the "my reviews" page
 * (`/partners/reviews?review=<id>`), or undefined when the app does not mount
 * that page, so that cards still render without it.
 */
export function useReviewLink(): ((reviewId: number) => string) | undefined {
  let reviewsRoute: (() => string) | undefined;
  try {
    // useRouteRef runs all of its hooks before it throws for an unmounted
    // route, so catching keeps the hook order stable on every render.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    reviewsRoute = useRouteRef(reviewsRouteRef);
  } catch {
    reviewsRoute = undefined;
  }
  if (!reviewsRoute) {
    return undefined;
  }
  const base = reviewsRoute();
  return (reviewId: number) =>
    `${base}?review=${encodeURIComponent(String(reviewId))}`;
}
