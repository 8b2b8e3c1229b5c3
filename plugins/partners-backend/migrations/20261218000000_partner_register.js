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
 * The partner register: what the last successful read of the partner
 * relationship management export held, one row per partner
 * (`partner_register_rows`, keyed by the partner's name as a key: lower
 * case, runs of other characters as one `-`), and how its reads went
 * (`partner_register_runs`, one row): when the register was last read,
 * last read successfully and last failed (with why), how many rows the last
 * successful read kept and refused, and the first of its refusals.
 * `partner_register_links` holds which row each Partner matched when the
 * rules last ran, by the Partner's ref.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('partner_register_rows', table => {
    table.comment('The partner register as its last successful read held it');
    table.string('name_key', 253).primary().notNullable();
    table
      .integer('row_number')
      .notNullable()
      .comment('Where the row is in the export: a CSV row, a JSON position');
    table.string('partner_name', 253).notNullable();
    table.string('crm_account', 100).nullable();
    table
      .string('crm_key', 100)
      .nullable()
      .comment('The CRM account in lower case');
    table.string('contract_start', 40).nullable();
    table.string('contract_end', 40).nullable();
    table
      .string('status', 40)
      .notNullable()
      .comment('The status as the export writes it');
    table
      .string('contract_status', 16)
      .notNullable()
      .comment('The status as the Partner kind names it');
    table.string('renewal_date', 40).nullable();
    table.string('commercial_owner', 253).nullable();
    table.index(['crm_key'], 'partner_register_rows_crm_idx');
  });
  await knex.schema.createTable('partner_register_runs', table => {
    table.comment('How the reads of the partner register went');
    table.string('id', 32).primary().notNullable();
    table.string('format', 8).notNullable();
    table.string('last_started_at', 32).nullable();
    table.string('last_success_at', 32).nullable();
    table.string('last_error_at', 32).nullable();
    table.text('last_error').nullable();
    table.integer('rows').notNullable().defaultTo(0);
    table.integer('row_errors').notNullable().defaultTo(0);
    table
      .text('errors')
      .nullable()
      .comment('JSON list of the first refused rows: row, column, why');
    table
      .string('rows_hash', 64)
      .nullable()
      .comment('A hash of the rows the last successful read kept');
  });
  await knex.schema.createTable('partner_register_links', table => {
    table.comment('The register row each Partner matched when the rules ran');
    table.string('partner_ref', 255).primary().notNullable();
    table.string('name_key', 253).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('partner_register_links');
  await knex.schema.dropTable('partner_register_runs');
  await knex.schema.dropTable('partner_register_rows');
};
