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

import { useState } from 'react';
import Button from '@material-ui/core/Button';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  partnersPartnerSuspendPermission,
  type SuspendPartnerResponse,
} from '@partner-governance/plugin-partners-common';
import { SuspendPartnerDialog } from './SuspendPartnerDialog';

/**
 * A "Suspend partner" button that opens the suspend dialog; rendered only
 * for holders of `partners.partner.suspend` on the partner.
 */
export function SuspendPartnerButton(props: {
  partnerRef: string;
  partnerTitle?: string;
  /** Called once the partner is suspended, to refresh what the page shows. */
  onSuspended?(response: SuspendPartnerResponse): void;
}) {
  const { partnerRef, partnerTitle, onSuspended } = props;
  const [open, setOpen] = useState(false);
  const { allowed } = usePermission({
    permission: partnersPartnerSuspendPermission,
    resourceRef: partnerRef,
  });
  if (!allowed) {
    return null;
  }
  return (
    <>
      <Button
        color="secondary"
        variant="outlined"
        onClick={() => setOpen(true)}
      >
        Suspend partner
      </Button>
      {open && (
        <SuspendPartnerDialog
          partnerRef={partnerRef}
          partnerTitle={partnerTitle}
          onClose={() => setOpen(false)}
          onSuspended={onSuspended}
        />
      )}
    </>
  );
}
