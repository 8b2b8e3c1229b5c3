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

import {
  DEFAULT_NAMESPACE,
  parseEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  entityRefKey,
  evaluatePartnerRules,
  isPartnerIntegrationEntityV1alpha1,
  type PartnersConfig,
} from '@partner-governance/plugin-partners-common';
import { collectFiles } from './files';
import { defaultThreads, validateFilesInParallel } from './parallel';
import { redactFileError } from './redact';
import type { FileError, Report } from './types';

const nameOf = (entity: Entity) => ({
  namespace: entity.metadata.namespace,
  name: entity.metadata.name,
});

/** Options of {@link checkPaths}. */
export interface CheckOptions {
  paths: string[];
  config: PartnersConfig;
  now: Date;
  /** Evaluate the rules too (report) or only validate. */
  findings: boolean;
  /**
   * Threads that read and check the files, this one included. By default
   * one, and for 5,000 files or more up to four on a machine with as many
   * CPUs.
   */
  threads?: number;
}

/**
 * Reads, validates and (optionally) evaluates partner files: schema errors,
 * secret values, duplicate entities and integrations whose partner is not
 * among the given files, then the findings of every files-only rule.
 * Also returns the file each valid entity came from.
 */
export async function checkPaths(
  options: CheckOptions,
): Promise<{ report: Report; sources: Map<string, string> }> {
  const { files, skipped } = await collectFiles(options.paths);
  const { documents, readErrors } = await validateFilesInParallel(files, {
    threads: options.threads ?? defaultThreads(files.length),
  });
  const errors: FileError[] = readErrors;

  let count = 0;
  const valid: Array<{ entity: Entity; file: string; ref: string }> = [];
  const seen = new Map<string, string>();
  /** Entities that are in the files but failed validation. */
  const invalid = new Set<string>();
  for (const { file, entity, error } of documents) {
    count += 1;
    if (error) {
      errors.push(error);
      if (error.entityRef) {
        invalid.add(error.entityRef);
      }
      continue;
    }
    const ref = entityRefKey({ kind: entity!.kind, ...nameOf(entity!) });
    const first = seen.get(ref);
    if (first !== undefined) {
      errors.push({
        file,
        entityRef: ref,
        path: 'metadata.name',
        message: `Duplicate entity ${ref}: already defined in ${first}`,
      });
      continue;
    }
    seen.set(ref, file);
    valid.push({ entity: entity!, file, ref });
  }
  // Read errors came first: put every error back in the order of the files.
  const order = new Map(files.map((file, index) => [file, index]));
  errors.sort((a, b) => order.get(a.file)! - order.get(b.file)!);

  // References between the given files that do not resolve.
  const resolved: Entity[] = [];
  for (const { entity, file, ref } of valid) {
    if (isPartnerIntegrationEntityV1alpha1(entity)) {
      let message: string | undefined;
      try {
        const partnerRef = entityRefKey(
          parseEntityRef(entity.spec.partner, {
            defaultKind: 'Partner',
            defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
          }),
        );
        if (!seen.has(partnerRef)) {
          message = invalid.has(partnerRef)
            ? `Partner ${partnerRef} is not valid (see its own error)`
            : `Partner ${partnerRef} is not defined in the given files`;
        }
      } catch (error) {
        message = `Invalid partner reference: ${(error as Error).message}`;
      }
      if (message) {
        errors.push({ file, entityRef: ref, path: 'spec.partner', message });
        continue;
      }
    }
    resolved.push(entity);
  }

  const sources = new Map(valid.map(({ ref, file }) => [ref, file]));
  // Validator and parser messages may echo the input: withhold anything in
  // them that looks like a secret value.
  const safeErrors = await Promise.all(errors.map(redactFileError));
  if (!options.findings) {
    return {
      report: { entities: count, errors: safeErrors, findings: [], skipped },
      sources,
    };
  }

  const owners = resolved.filter(e => e.kind === 'Group' || e.kind === 'User');
  const knownOwners = owners.length
    ? new Set(owners.map(e => entityRefKey({ kind: e.kind, ...nameOf(e) })))
    : undefined;
  const findings = evaluatePartnerRules({
    entities: resolved,
    config: options.config,
    now: options.now,
    knownOwners,
  });
  return {
    report: { entities: count, errors: safeErrors, findings, skipped },
    sources,
  };
}
