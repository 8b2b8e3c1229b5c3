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
 * Partner governance in the portal: partner and integration pages, the
 * partner access card for the entities partners touch, the owned
 * integrations card and the access reviews assigned to you.
 *
 * @packageDocumentation
 */

export { partnersPlugin, PartnersPage } from './plugin';
export { partnersApiRef } from './api';
export {
  PartnerAccessPackagePickerFieldExtension,
  PartnerScopePickerFieldExtension,
} from './scaffolderFields';
export type { ScopePickerUiOptions } from './components/ScaffolderFields/ScopePicker';
export {
  PartnersReviewsPage,
  EntityPartnerAccessCard,
  EntityOwnedPartnerIntegrationsCard,
} from './plugin';
export { isPartnerAccessAvailable } from './components/EntityPartnerAccessCard/isPartnerAccessAvailable';
export { isOwnedPartnerIntegrationsAvailable } from './components/EntityOwnedPartnerIntegrationsCard/isOwnedPartnerIntegrationsAvailable';
export {
  EntityPartnerOverviewCard,
  EntityPartnerScorecardCard,
  EntityPartnerFindingsCard,
  EntityPartnerIntegrationsContent,
  EntityPartnerIdentitiesContent,
  EntityPartnerExceptionsContent,
  EntityPartnerOffboardingContent,
  EntityPartnerOwnersContent,
  EntityPartnerReviewsContent,
  EntityPartnerAuditContent,
  EntityPartnerIntegrationOverviewCard,
  EntityPartnerIntegrationIdentitiesContent,
  EntityPartnerIntegrationFindingsContent,
  EntityPartnerIntegrationExceptionsContent,
  EntityPartnerIntegrationHistoryContent,
} from './plugin';
export {
  PartnerEntityHeaderProvider,
  withPrintableLifecycle,
} from './components/PartnerContent/PartnerEntityHeaderProvider';
export {
  ExceptionRequestDialog,
  type ExceptionRequestDialogProps,
  type ExceptionSubject,
} from './components/ExceptionRequestDialog';
export {
  FindingsByRule,
  type FindingsByRuleProps,
} from './components/FindingsByRule';
export { PartnerSearchResultListItem } from './searchResultListItem';
export type { PartnerSearchResultListItemProps } from './components/PartnerSearchResultListItem';
export {
  LifecycleStepper,
  type LifecycleStepperProps,
} from './components/LifecycleStepper';
