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

import type {
  Finding,
  Severity,
} from '@partner-governance/plugin-partners-common';

/** A problem with a file or an entity in it. */
export interface FileError {
  file: string;
  /** The entity, as stringifyEntityRef prints it, when it is known. */
  entityRef?: string;
  /** Dotted path of the offending field, e.g. `spec.identities[0].type`. */
  path?: string;
  message: string;
}

/** A path the walk left out, and why: it is never followed or read. */
export interface SkippedPath {
  path: string;
  reason: string;
}

/** What `partners validate` and `partners report` produce. */
export interface Report {
  entities: number;
  errors: FileError[];
  findings: Finding[];
  /** Paths not read: symbolic links, hidden entries, devices, node_modules. */
  skipped: SkippedPath[];
}

/** Collects errors while files are read. */
export interface ProblemReport {
  error(error: FileError): void;
}

/** The severity threshold for a failing exit code, or none. */
export type FailOn = Severity | 'none';
