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
 * What identity sources observe. `identity_source_runs` holds one row per
 * configured source: when it last ran, last succeeded and last failed (with
 * why), and how many identities its last successful run refused.
 * `observed_identities` holds what the last successful run of each source
 * observed, one row per identity; a run that changes nothing writes none.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('identity_source_runs', table => {
    table.string('source_id', 63).primary().notNullable();
    table.string('type', 100).notNullable();
    table.string('last_started_at', 32).nullable();
    table.string('last_success_at', 32).nullable();
    table.string('last_error_at', 32).nullable();
    table.text('last_error').nullable();
    table.integer('refused').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('observed_identities', table => {
    table.string('source_id', 63).notNullable();
    table.string('external_id', 1024).notNullable();
    table.string('type', 32).notNullable();
    table.string('name', 253).notNullable();
    table.string('partner', 253).nullable();
    table.text('scopes').notNullable().comment('JSON list');
    table.string('created', 40).nullable();
    table.string('last_used', 40).nullable();
    table.string('last_rotated', 40).nullable();
    table.string('expires', 40).nullable();
    table.string('status', 16).notNullable();
    table.text('attributes').nullable().comment('JSON object');
    table.string('first_seen_at', 32).notNullable();
    table.string('changed_at', 32).notNullable();
    table.primary(['source_id', 'external_id']);
    table.index(['partner'], 'observed_identities_partner_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('observed_identities');
  await knex.schema.dropTable('identity_source_runs');
};
