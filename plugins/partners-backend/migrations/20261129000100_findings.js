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
 * Findings of the rules over the identity index, with when each was first
 * and last seen. A finding that stops firing is resolved, not deleted.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('findings', table => {
    table.comment('Rule findings over the identity index');
    table.bigIncrements('id').primary();
    table.string('rule_id', 64).notNullable();
    table.string('entity_ref', 255).notNullable();
    table
      .text('identity')
      .notNullable()
      .defaultTo('')
      .comment('Identity name for identity-level findings, else empty');
    table
      .string('partner_ref', 255)
      .nullable()
      .comment('The partner the finding belongs to');
    table.string('severity', 16).notNullable();
    table.text('message').notNullable();
    table.text('frameworks').notNullable().comment('JSON array of control ids');
    table.string('first_seen_at', 32).notNullable();
    table.string('last_seen_at', 32).notNullable();
    table.string('resolved_at', 32).nullable();
    table.unique(['rule_id', 'entity_ref', 'identity'], {
      indexName: 'findings_rule_entity_identity_uq',
    });
    table.index(['partner_ref', 'resolved_at'], 'findings_partner_idx');
    table.index(['resolved_at', 'severity'], 'findings_open_severity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('findings');
};
