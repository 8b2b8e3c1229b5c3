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

// @ts-check

const {
  parseEntityRef,
  stringifyEntityRef,
} = require('@backstage/catalog-model');

/** The stages whose owners a partner names. */
const OWNED_STAGES = ['onboarding', 'enablement', 'measurement', 'offboarding'];

/**
 * @param {unknown} ref
 * @param {string} namespace
 * @returns {string | undefined}
 */
function groupKey(ref, namespace) {
  if (typeof ref !== 'string' || !ref) {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'Group',
        defaultNamespace: namespace,
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return ref.toLocaleLowerCase('en-US');
  }
}

/**
 * Who has a stake in each partner and integration, one row per stakeholder,
 * so that reads can be narrowed to a user's partners in SQL: a partner's
 * owner and stage owners (`entity_ref` = `partner_ref`), an integration's
 * owner and the custodians of its identities. Refs are lower case.
 * Filled here from what is indexed; the index refresh keeps it current.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('stakeholders', table => {
    table.comment('Who has a stake in each indexed partner and integration');
    table.string('entity_ref', 255).notNullable();
    table.text('partner_ref').notNullable();
    table.text('stakeholder_ref').notNullable();
    table
      .string('role', 16)
      .notNullable()
      .comment('owner, custodian or stage-owner');
    table.primary(['entity_ref', 'stakeholder_ref', 'role']);
    table.index(['stakeholder_ref'], 'stakeholders_stakeholder_idx');
    table.index(['partner_ref'], 'stakeholders_partner_idx');
  });
  await exports.backfill(knex);
};

/**
 * Fills `stakeholders` from the indexed partners, integrations and
 * identities.
 *
 * @param {import('knex').Knex} knex
 */
exports.backfill = async function backfill(knex) {
  /** @type {Array<Record<string, string>>} */
  const rows = [];
  const seen = new Set();
  const add = (
    /** @type {string} */ entityRef,
    /** @type {string} */ partnerRef,
    /** @type {string | undefined} */ stakeholderRef,
    /** @type {string} */ role,
  ) => {
    if (!stakeholderRef) return;
    const row = {
      entity_ref: entityRef,
      partner_ref: partnerRef,
      stakeholder_ref: stakeholderRef.toLocaleLowerCase('en-US'),
      role,
    };
    const key = `${row.entity_ref}\n${row.stakeholder_ref}\n${role}`;
    if (!seen.has(key)) {
      seen.add(key);
      rows.push(row);
    }
  };
  for (const partner of await knex('partners').select(
    'entity_ref',
    'owner_ref',
    'entity',
  )) {
    add(partner.entity_ref, partner.entity_ref, partner.owner_ref, 'owner');
    let entity;
    try {
      entity = JSON.parse(partner.entity);
    } catch {
      entity = {};
    }
    const namespace = entity?.metadata?.namespace ?? 'default';
    const stageOwners = entity?.spec?.lifecycle?.stageOwners ?? {};
    for (const stage of OWNED_STAGES) {
      add(
        partner.entity_ref,
        partner.entity_ref,
        groupKey(stageOwners[stage], namespace),
        'stage-owner',
      );
    }
  }
  const integrations = await knex('integrations').select(
    'entity_ref',
    'partner_ref',
    'owner_ref',
  );
  const partnerOf = new Map();
  for (const integration of integrations) {
    partnerOf.set(integration.entity_ref, integration.partner_ref);
    add(
      integration.entity_ref,
      integration.partner_ref,
      integration.owner_ref,
      'owner',
    );
  }
  for (const identity of await knex('identities')
    .distinct('integration_ref', 'custodian_ref')
    .whereNotNull('custodian_ref')) {
    const partnerRef = partnerOf.get(identity.integration_ref);
    if (partnerRef) {
      add(
        identity.integration_ref,
        partnerRef,
        identity.custodian_ref,
        'custodian',
      );
    }
  }
  for (let i = 0; i < rows.length; i += 100) {
    await knex('stakeholders').insert(rows.slice(i, i + 100));
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('stakeholders');
};
