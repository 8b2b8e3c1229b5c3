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
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
  type KindValidator,
} from '@backstage/catalog-model';
import {
  PARTNERS_API_VERSION,
  entityRefKey,
  evaluatePartnerRules,
  isPartnerIntegrationEntityV1alpha1,
  partnerEntityV1alpha1Validator,
  partnerIntegrationEntityV1alpha1Validator,
  type PartnersConfig,
} from '@partner-governance/plugin-partners-common';
import { describeSecretFinding } from '@partner-governance/plugin-partners-node';
import { collectFiles, readDocuments, type ParsedDocument } from './files';
import { redactFileError } from './redact';
import type { FileError, Report } from './types';

/** The envelope checks the catalog applies to every entity. */
const envelopePolicy = EntityPolicies.allOf([
  // An unknown root field first, since the schema check would not name it;
  // then the schema check, so that a document without metadata gets a clear
  // error rather than a TypeError from the namespace default.
  new NoForeignRootFieldsEntityPolicy(),
  new SchemaValidEntityPolicy(),
  // What DefaultNamespaceEntityPolicy does, without its deep copy (lodash
  // merge) of every entity: the parsed documents are ours.
  {
    async enforce(entity: Entity) {
      return entity.metadata.namespace
        ? entity
        : {
            ...entity,
            metadata: { ...entity.metadata, namespace: DEFAULT_NAMESPACE },
          };
    },
  },
  new FieldFormatEntityPolicy(),
]);

const BUILTIN_VALIDATORS: Record<string, KindValidator> = {
  api: apiEntityV1alpha1Validator,
  component: componentEntityV1alpha1Validator,
  domain: domainEntityV1alpha1Validator,
  group: groupEntityV1alpha1Validator,
  location: locationEntityV1alpha1Validator,
  resource: resourceEntityV1alpha1Validator,
  system: systemEntityV1alpha1Validator,
  user: userEntityV1alpha1Validator,
};

/** Turns `/spec/identities/0/name` into `spec.identities[0].name`. */
function pointerToPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').filter(Boolean)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(segment)) {
      path += `[${segment}]`;
    } else {
      path += path ? `.${segment}` : segment;
    }
  }
  return path;
}

/** Appends a key to a dotted field path, quoting keys that need it. */
function childPath(parent: string, key: string): string {
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  if (!parent) {
    return safe;
  }
  return safe.startsWith('"') ? `${parent}[${safe}]` : `${parent}.${safe}`;
}

/** The property a validator message ends by naming, if it does. */
function namedProperty(message: string): string | undefined {
  for (const marker of [' - missingProperty: ', ' - additionalProperty: ']) {
    const at = message.lastIndexOf(marker);
    const name = at === -1 ? '' : message.slice(at + marker.length);
    if (name && !name.includes(',')) {
      return name;
    }
  }
  return undefined;
}

/**
 * Splits a validator message into the field path and the rest. Ajv messages
 * start with a JSON pointer (or `<root>`); a missing or unexpected property
 * is named in the message's parameters and becomes the last path segment.
 */
function splitValidationMessage(message: string): {
  path?: string;
  message: string;
} {
  const text = message.replace(/^Malformed envelope, /, '');
  const ajv = /^(<root>|\/\S*) (.*)$/s.exec(text);
  if (ajv) {
    let path = ajv[1] === '<root>' ? '' : pointerToPath(ajv[1]);
    const property =
      namedProperty(ajv[2]) ??
      /^must have required property '([^']+)'$/.exec(ajv[2])?.[1];
    if (property) {
      path = childPath(path, property);
    }
    return { ...(path && { path }), message: ajv[2] };
  }
  const unknownRoot = /^Unknown field (.+)$/s.exec(text);
  if (unknownRoot) {
    return {
      path: childPath('', unknownRoot[1]),
      message: `Unknown root field; expected only apiVersion, kind, metadata and spec`,
    };
  }
  const quoted = /^"([^"]+)" (.*)$/s.exec(text);
  if (quoted) {
    return { path: quoted[1], message: text };
  }
  return { message: text };
}

const REF_FIELDS = new Set(['kind', 'metadata.name', 'metadata.namespace']);

const nameOf = (entity: Entity) => ({
  namespace: entity.metadata.namespace,
  name: entity.metadata.name,
});

function refOf(data: Record<string, any>): string | undefined {
  const name = data.metadata?.name;
  if (typeof data.kind !== 'string' || typeof name !== 'string') {
    return undefined;
  }
  const namespace =
    typeof data.metadata?.namespace === 'string'
      ? data.metadata.namespace
      : DEFAULT_NAMESPACE;
  return entityRefKey({ kind: data.kind, namespace, name });
}

async function validateDocument(
  document: ParsedDocument,
): Promise<{ entity?: Entity; error?: FileError }> {
  const { file, data } = document;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return {
      error: {
        file,
        message: `The document starting at line ${document.line} is not a mapping`,
      },
    };
  }
  const { secrets } = document;
  const fail = (path: string | undefined, message: string) => {
    // A secret in the kind, name or namespace would show in the entity ref.
    const entityRef = secrets.some(s => REF_FIELDS.has(s.path))
      ? undefined
      : refOf(data as Record<string, any>);
    return {
      error: {
        file,
        ...(entityRef && { entityRef }),
        ...(path && { path }),
        message,
      },
    };
  };

  if (secrets.length > 0) {
    return fail(secrets[0].path, secrets.map(describeSecretFinding).join('; '));
  }

  let entity: Entity;
  try {
    entity = (await envelopePolicy.enforce(data as Entity)) as Entity;
  } catch (error) {
    const { path, message } = splitValidationMessage((error as Error).message);
    return fail(path, message);
  }

  try {
    if (
      entity.apiVersion === PARTNERS_API_VERSION ||
      entity.kind === 'Partner' ||
      entity.kind === 'PartnerIntegration'
    ) {
      const validator =
        entity.kind === 'Partner'
          ? partnerEntityV1alpha1Validator
          : partnerIntegrationEntityV1alpha1Validator;
      if (!validator.checkSync(entity)) {
        return fail(
          'apiVersion',
          `Unsupported apiVersion or kind: ${entity.apiVersion} ${entity.kind}; expected ${PARTNERS_API_VERSION} with kind Partner or PartnerIntegration`,
        );
      }
    } else {
      const validator =
        BUILTIN_VALIDATORS[entity.kind.toLocaleLowerCase('en-US')];
      if (validator && !(await validator.check(entity))) {
        return fail(
          'apiVersion',
          `Unsupported apiVersion for kind ${entity.kind}: ${entity.apiVersion}`,
        );
      }
    }
  } catch (error) {
    const { path, message } = splitValidationMessage((error as Error).message);
    return fail(path, message);
  }
  return { entity };
}

/** Options of {@link checkPaths}. */
export interface CheckOptions {
  paths: string[];
  config: PartnersConfig;
  now: Date;
  /** Evaluate the rules too (report) or only validate. */
  findings: boolean;
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
  const errors: FileError[] = [];
  const problems = { error: (error: FileError) => errors.push(error) };
  const { files, skipped } = await collectFiles(options.paths);

  let count = 0;
  const valid: Array<{ entity: Entity; file: string; ref: string }> = [];
  const seen = new Map<string, string>();
  /** Entities that are in the files but failed validation. */
  const invalid = new Set<string>();
  for (const document of await readDocuments(files, problems)) {
    const { file } = document;
    count += 1;
    const { entity, error } = await validateDocument(document);
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
