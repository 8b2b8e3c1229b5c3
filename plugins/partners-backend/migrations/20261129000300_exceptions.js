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
 * Exceptions to rules: requested against a (rule, entity, identity), with a
 * justification and an expiry, approved or denied by someone other than the
 * requester, and expired by the scheduled job.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('exceptions', table => {
    table.comment('Exceptions to partner governance rules');
    table.bigIncrements('id').primary();
    table.string('rule_id', 64).notNullable();
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The partner or integration, lower case');
    table
      .text('identity')
      .notNullable()
      .defaultTo('')
      .comment('Identity name for identity-level findings, else empty');
    table.string('partner_ref', 255).notNullable();
    table.text('justification').notNullable();
    table.text('requested_by').notNullable().comment('User ref');
    table.string('requested_at', 32).notNullable();
    table.string('expires_at', 32).notNullable().comment('ISO-8601, UTC');
    table
      .string('status', 16)
      .notNullable()
      .comment('requested, approved, denied or expired');
    table
      .string('open_key', 64)
      .nullable()
      .comment(
        'Hash of (rule_id, entity_ref, identity) while requested or approved, NULL once denied or expired: at most one open exception per finding',
      );
    table.text('decided_by').nullable();
    table.string('decided_at', 32).nullable();
    table.text('decision_comment').nullable();
    table.string('expired_at', 32).nullable();
    table.unique(['open_key'], { indexName: 'exceptions_open_uq' });
    table.index(['status', 'expires_at'], 'exceptions_status_expires_idx');
    table.index(['partner_ref', 'id'], 'exceptions_partner_idx');
    table.index(['entity_ref', 'rule_id'], 'exceptions_entity_rule_idx');
    table.index(['rule_id', 'id'], 'exceptions_rule_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('exceptions');
};
