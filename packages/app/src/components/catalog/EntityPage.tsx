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

import { EntitySwitch, isKind } from '@backstage/plugin-catalog';
import { apiPage } from './pages/apiPage';
import { componentPage } from './pages/componentPage';
import { defaultEntityPage } from './pages/defaultPage';
import { domainPage } from './pages/domainPage';
import { groupPage } from './pages/groupPage';
import { partnerIntegrationPage } from './pages/partnerIntegrationPage';
import { partnerPage } from './pages/partnerPage';
import { systemPage } from './pages/systemPage';
import { userPage } from './pages/userPage';

// One page per entity kind; each lives in ./pages. Partner and
// PartnerIntegration are the kinds of partners.governance.dev/v1alpha1.
export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('component')} children={componentPage} />
    <EntitySwitch.Case if={isKind('api')} children={apiPage} />
    <EntitySwitch.Case if={isKind('group')} children={groupPage} />
    <EntitySwitch.Case if={isKind('user')} children={userPage} />
    <EntitySwitch.Case if={isKind('system')} children={systemPage} />
    <EntitySwitch.Case if={isKind('domain')} children={domainPage} />
    <EntitySwitch.Case if={isKind('partner')} children={partnerPage} />
    <EntitySwitch.Case
      if={isKind('partnerintegration')}
      children={partnerIntegrationPage}
    />

    <EntitySwitch.Case>{defaultEntityPage}</EntitySwitch.Case>
  </EntitySwitch>
);
