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
 * Partner and PartnerIntegration kinds, lifecycle, policy, secret detector,
 * rules engine and permissions shared by the partner governance plugins.
 *
 * @packageDocumentation
 */

export * from './kinds/PartnerEntityV1alpha1';
export * from './kinds/PartnerIntegrationEntityV1alpha1';
export type { PartnersKindValidator } from './kinds/validation';
export * from './dates';
export * from './refs';
export * from './lifecycle';
export * from './stageHistory';
export * from './frameworks';
export * from './ownership';
export * from './scorecard';
export * from './policy';
export * from './relations';
export * from './search';
export * from './permissions';
export * from './rules/types';
export * from './rules/finding';
export * from './rules/registry';
export * from './rules/engine';
export * from './api';
