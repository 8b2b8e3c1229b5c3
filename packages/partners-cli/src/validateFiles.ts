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

/*
 * Each document checked on its own: parsed by the shared reader, secret
 * values refused, the catalog's envelope policies and the kinds' validators
 * applied. What needs every file (duplicates, references, rules) is
 * checkPaths'.
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
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  type Entity,
  type KindValidator,
} from '@backstage/catalog-model';
import {
  PARTNERS_API_VERSION,
  entityRefKey,
  partnerEntityV1alpha1Validator,
  partnerIntegrationEntityV1alpha1Validator,
} from '@partner-governance/plugin-partners-common';
import { describeSecretFinding } from '@partner-governance/plugin-partners-node';
import { readDocuments, type ParsedDocument } from './files';
import type { FileError } from './types';

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

/** A document of the files, checked on its own: its entity, or why not. */
export interface CheckedDocument {
  file: string;
  entity?: Entity;
  error?: FileError;
}

/** What {@link validateFiles} found. */
export interface CheckedFiles {
  /** Every document read, in the order of the files. */
  documents: CheckedDocument[];
  /** Files and documents that could not be read as YAML at all. */
  readErrors: FileError[];
}

/**
 * Reads files and checks each of their documents on its own. Throws
 * UnreadablePathError for a file that cannot be read.
 */
export async function validateFiles(
  files: readonly string[],
): Promise<CheckedFiles> {
  const readErrors: FileError[] = [];
  const parsed = await readDocuments(files, {
    error: error => readErrors.push(error),
  });
  const documents: CheckedDocument[] = [];
  for (const document of parsed) {
    const { entity, error } = await validateDocument(document);
    documents.push({
      file: document.file,
      ...(entity ? { entity } : { error }),
    });
  }
  return { documents, readErrors };
}
