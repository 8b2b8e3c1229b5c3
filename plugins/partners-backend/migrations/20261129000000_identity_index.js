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

/**
 * The identity index: partners, integrations, the identities granted for
 * them and what they access, keyed by entity ref and synced from the catalog.
 * Rows are never deleted when an entity leaves the catalog: `gone_at` marks
 * them, so that their history stays for audit.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Columns that hold values written in the partner files (titles, refs,
  // names, dates, secret locations) are text: the kinds bound none of their
  // lengths (dates may carry any number of fraction digits), and on
  // PostgreSQL one value too long for a varchar would fail the whole sync.
  await knex.schema.createTable('partners', table => {
    table.comment('Partner entities, as last seen in the catalog');
    table
      .string('entity_ref', 255)
      .primary()
      .comment('partner:namespace/name, lower case');
    table.text('title').nullable();
    table.string('type', 64).notNullable();
    table.string('stage', 32).notNullable();
    table.string('tier', 16).notNullable();
    table.text('owner_ref').notNullable();
    table.text('contract_end').nullable();
    table.string('contract_status', 16).nullable();
    table
      .text('entity')
      .notNullable()
      .comment('The entity JSON the rules read');
    table
      .string('hash', 64)
      .notNullable()
      .comment('Content hash: unchanged entities write nothing');
    table.string('synced_at', 32).notNullable();
    table
      .string('gone_at', 32)
      .nullable()
      .comment('When the entity left the catalog');
    table.index(['stage'], 'partners_stage_idx');
    table.index(['owner_ref'], 'partners_owner_idx');
  });

  await knex.schema.createTable('integrations', table => {
    table.comment('PartnerIntegration entities, as last seen in the catalog');
    table.string('entity_ref', 255).primary();
    table.text('partner_ref').notNullable();
    table.text('title').nullable();
    table.string('type', 64).notNullable();
    table.text('owner_ref').notNullable();
    table.string('environment', 16).nullable();
    table.text('access_package').nullable();
    table.text('entity').notNullable();
    table.string('hash', 64).notNullable();
    table.string('synced_at', 32).notNullable();
    table.string('gone_at', 32).nullable();
    table.index(['partner_ref'], 'integrations_partner_idx');
    table.index(['owner_ref'], 'integrations_owner_idx');
  });

  await knex.schema.createTable('identities', table => {
    table.comment(
      'Non-human identities granted for an integration; never secrets',
    );
    table.bigIncrements('id').primary();
    table.string('integration_ref', 255).notNullable();
    table.text('name').notNullable();
    table.string('type', 32).notNullable();
    table.string('status', 16).notNullable();
    table.text('custodian_ref').nullable();
    table.text('scopes').notNullable().comment('JSON array');
    table.boolean('privileged').notNullable().defaultTo(false);
    table.string('environment', 16).nullable();
    table
      .text('secret_ref')
      .nullable()
      .comment('Where the secret lives, never the secret');
    table.text('issued').nullable();
    table.text('last_rotated').nullable();
    table.integer('rotation_days').nullable();
    table.text('expires').nullable();
    table.text('last_used').nullable();
    table
      .text('shared_with')
      .notNullable()
      .comment('JSON array of entity refs');
    table.string('gone_at', 32).nullable();
    table.unique(['integration_ref', 'name'], {
      indexName: 'identities_integration_name_uq',
    });
    table.index(['secret_ref'], 'identities_secret_ref_idx');
  });

  await knex.schema.createTable('integration_accesses', table => {
    table.comment('Which catalog entities each integration accesses');
    table.string('integration_ref', 255).notNullable();
    table.text('target_ref').notNullable();
    table.primary(['integration_ref', 'target_ref'], 'integration_accesses_pk');
    table.index(['target_ref'], 'integration_accesses_target_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('integration_accesses');
  await knex.schema.dropTable('identities');
  await knex.schema.dropTable('integrations');
  await knex.schema.dropTable('partners');
};
