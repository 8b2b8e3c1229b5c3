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
 * Offboarding checklists: one per partner that leaves (or whose access a
 * review revoked), with an item per identity to revoke, shared secret to
 * rotate and integration to close. Each item is ticked with evidence; a
 * second person verifies the list.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('offboarding_checklists', table => {
    table.comment('Offboarding checklists of partners');
    table.bigIncrements('id').primary();
    table.string('partner_ref', 255).notNullable();
    table
      .text('reasons')
      .notNullable()
      .comment(
        'JSON array: stage-offboarding, contract-ended and/or review-revoke',
      );
    table.string('status', 16).notNullable().comment('open or verified');
    table
      .string('open_key', 255)
      .nullable()
      .comment(
        'partner_ref while open, NULL once verified: at most one open checklist per partner',
      );
    table.string('opened_at', 32).notNullable();
    table.text('verified_by').nullable();
    table.string('verified_at', 32).nullable();
    table.text('comment').nullable().comment("The verifier's comment");
    table.unique(['open_key'], { indexName: 'offboarding_checklists_open_uq' });
    table.index(['partner_ref', 'id'], 'offboarding_checklists_partner_idx');
  });

  await knex.schema.createTable('offboarding_items', table => {
    table.comment('Items of offboarding checklists');
    table.bigIncrements('id').primary();
    table
      .bigInteger('checklist_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('offboarding_checklists')
      .onDelete('CASCADE');
    table.string('partner_ref', 255).notNullable();
    table.string('integration_ref', 255).notNullable();
    table.string('kind', 16).notNullable().comment('revoke, rotate or close');
    table
      .text('identity')
      .nullable()
      .comment('The identity name, for revoke and rotate items');
    table
      .string('item_key', 64)
      .notNullable()
      .comment(
        'SHA-256 of what the item is about: one item per identity, shared secret or integration in a checklist',
      );
    table.text('description').notNullable();
    table
      .string('source', 32)
      .notNullable()
      .comment('offboarding or review-revoke');
    table
      .bigInteger('review_id')
      .nullable()
      .comment('The access review whose revoke decision opened the item');
    table.string('status', 16).notNullable().comment('pending or done');
    table.text('completed_by').nullable();
    table.string('completed_at', 32).nullable();
    table.text('evidence').nullable().comment('Never a secret value');
    table.unique(['checklist_id', 'item_key'], {
      indexName: 'offboarding_items_checklist_key_uq',
    });
    table.index(['checklist_id', 'status'], 'offboarding_items_status_idx');
    table.index(['partner_ref'], 'offboarding_items_partner_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('offboarding_items');
  await knex.schema.dropTable('offboarding_checklists');
};
