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

/** Rows per INSERT statement while recording the partners already indexed. */
const BATCH = 100;

/**
 * Partner stage history: one row per stage the index refresh saw a partner
 * enter, written in the refresh's transaction when the partner's stage
 * differs from the last one recorded (the first sighting has no previous
 * stage). `changed_by` is who the Partner file names in its
 * `partners.governance.dev/changed-by` annotation (a claim of the file, not
 * a verified identity); `recorded_by` is the actor of the sync run (the user
 * who asked for `POST /sync`, else `plugin:partners`).
 *
 * The partners already in the index when this migration runs get their first
 * sighting: their stage as the index holds it, seen when the index last
 * wrote them (`synced_at`), recorded by `plugin:partners`. Their stages
 * before that are not known, and nothing here pretends they are.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('partner_stage_history', table => {
    table.comment('The lifecycle stages each partner was seen entering');
    table.bigIncrements('id').primary();
    table
      .string('partner_ref', 255)
      .notNullable()
      .comment('partner:namespace/name, lower case');
    table.string('stage', 32).notNullable();
    table
      .string('previous_stage', 32)
      .nullable()
      .comment('The stage recorded before; NULL for the first sighting');
    table.string('seen_at', 32).notNullable();
    table
      .boolean('allowed')
      .notNullable()
      .comment('Whether the lifecycle allows the move from previous_stage');
    table
      .string('recorded_by', 255)
      .notNullable()
      .comment('The actor of the sync run that saw it');
    table
      .text('changed_by')
      .nullable()
      .comment(
        'Who the Partner file names as the requester of the change (its changed-by annotation), as an entity ref',
      );
    table
      .text('source_location')
      .nullable()
      .comment('The catalog location of the Partner file');
    table.index(['partner_ref', 'id'], 'partner_stage_history_partner_idx');
    table.index(['allowed'], 'partner_stage_history_allowed_idx');
  });

  const partners = await knex('partners')
    .select('entity_ref', 'stage', 'synced_at')
    .orderBy('entity_ref');
  for (let i = 0; i < partners.length; i += BATCH) {
    await knex('partner_stage_history').insert(
      partners.slice(i, i + BATCH).map(row => ({
        partner_ref: row.entity_ref,
        stage: row.stage,
        previous_stage: null,
        seen_at: row.synced_at,
        allowed: true,
        recorded_by: 'plugin:partners',
        changed_by: null,
        source_location: null,
      })),
    );
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('partner_stage_history');
};
