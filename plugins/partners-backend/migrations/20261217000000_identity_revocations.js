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
 * Revocations through identity sources ("revoke now" on an offboarding
 * item, or suspending a partner): one row per item, with who asked and
 * when, until a later successful run of the source observes the identity
 * disabled or gone (`verified_at`), which completes the item.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('identity_revocations', table => {
    table
      .bigInteger('item_id')
      .primary()
      .notNullable()
      .references('id')
      .inTable('offboarding_items');
    table.string('source_id', 63).notNullable();
    table.string('external_id', 1024).notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('requested_at', 32).notNullable();
    table.string('state', 16).notNullable().comment('requested or verified');
    table.string('verified_at', 32).nullable();
    table.index(['source_id', 'state'], 'identity_revocations_source_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('identity_revocations');
};
