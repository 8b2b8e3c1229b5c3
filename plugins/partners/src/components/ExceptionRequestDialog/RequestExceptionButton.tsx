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
  partnersExceptionRequestPermission,
  type ExceptionRecord,
} from '@partner-governance/plugin-partners-common';
import {
  ExceptionRequestDialog,
  type ExceptionSubject,
} from './ExceptionRequestDialog';

/**
 * A "Request exception" button that opens the dialog; rendered only for
 * holders of `partners.exception.request`.
 */
export function RequestExceptionButton(props: {
  subject: ExceptionSubject;
  onRequested?(exception: ExceptionRecord): void;
}) {
  const { subject, onRequested } = props;
  const [open, setOpen] = useState(false);
  const { allowed } = usePermission({
    permission: partnersExceptionRequestPermission,
  });
  if (!allowed) {
    return null;
  }
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        onClick={() => setOpen(true)}
        aria-label={`Request exception for ${subject.ruleId}${
          subject.identity ? ` on ${subject.identity}` : ''
        }`}
      >
        Request exception
      </Button>
      {open && (
        <ExceptionRequestDialog
          open
          subject={subject}
          onClose={() => setOpen(false)}
          onRequested={onRequested}
        />
      )}
    </>
  );
}
