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

import type { PartnerEntityV1alpha1 } from '../kinds/PartnerEntityV1alpha1';
import type { RuleContext } from './types';

/**
 * Where a partner's contract stands on the evaluation day: whole days since
 * its end date (negative before it), and whether it has ended, by date or
 * by status.
 */
export function contractEnd(
  partner: PartnerEntityV1alpha1,
  context: RuleContext,
): { daysAgo?: number; ended: boolean } {
  const contract = partner.spec.contract;
  const daysAgo = context.daysAgo(contract?.end);
  const ended =
    (daysAgo !== undefined && daysAgo > 0) ||
    contract?.status === 'terminated' ||
    contract?.status === 'expired';
  return { daysAgo, ended };
}
