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

import { isPartnerSearchDocument, partnerSearchDocumentFields } from './search';

describe('isPartnerSearchDocument', () => {
  it.each([
    ['Partner', true],
    ['PartnerIntegration', true],
    ['partner', false],
    ['Component', false],
    [undefined, false],
  ])('tells a document of kind %s: %s', (kind, expected) => {
    expect(
      isPartnerSearchDocument({ title: 't', text: '', location: '/', kind }),
    ).toBe(expected);
  });
});

describe('partnerSearchDocumentFields', () => {
  it('keeps the values the kinds allow', () => {
    expect(
      partnerSearchDocumentFields({
        stage: 'offboarded',
        tier: 'critical',
        partnerType: 'strategic-alliance',
        integrationType: 'delegated-admin',
        environment: 'sandbox',
      }),
    ).toEqual({
      stage: 'offboarded',
      tier: 'critical',
      partnerType: 'strategic-alliance',
      integrationType: 'delegated-admin',
      environment: 'sandbox',
    });
  });

  it('leaves out anything else', () => {
    expect(
      partnerSearchDocumentFields({
        stage: 'Offboarded',
        tier: ['high'],
        partnerType: { type: 'reseller' },
        integrationType: 'api ',
        environment: 42,
      }),
    ).toEqual({
      stage: undefined,
      tier: undefined,
      partnerType: undefined,
      integrationType: undefined,
      environment: undefined,
    });
  });
});
