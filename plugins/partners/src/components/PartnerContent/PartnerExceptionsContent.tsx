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

import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ExceptionsTable } from '../ExceptionRequestDialog/ExceptionsTable';
import { FindingsTable } from '../FindingsByRule/FindingsTable';

/** The exceptions of the partner and its integrations. */
export function PartnerExceptionsContent() {
  const { entity } = useEntity();
  return <ExceptionsTable partner={stringifyEntityRef(entity)} />;
}

/**
 * Findings of the partner and its integrations, open by default, with a
 * "Request exception" action.
 */
export function PartnerFindingsCard() {
  const { entity } = useEntity();
  return (
    <InfoCard title="Findings" noPadding>
      <FindingsTable filter={{ partner: stringifyEntityRef(entity) }} />
    </InfoCard>
  );
}
