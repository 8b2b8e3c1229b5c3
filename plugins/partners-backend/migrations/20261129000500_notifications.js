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
 * The notifications the plugin sent: one row per (subject, stage,
 * recipient), claimed before sending, so that each is sent once however many
 * backend instances run the job and however often it runs.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('notification_sends', table => {
    table.comment(
      'Notifications sent through the notifications service, one per subject, stage and recipient',
    );
    table.bigIncrements('id').primary();
    table
      .string('send_key', 64)
      .notNullable()
      .comment(
        'SHA-256 of (subject_type, subject_id, stage, recipient_ref): the claim',
      );
    table
      .string('subject_type', 32)
      .notNullable()
      .comment('access-review or exception');
    table
      .string('subject_id', 32)
      .notNullable()
      .comment('The id of the review or exception');
    table
      .string('stage', 32)
      .notNullable()
      .comment('due, overdue, escalated or expiring');
    table.text('recipient_ref').notNullable().comment('Entity ref, lower case');
    table.string('claimed_at', 32).notNullable();
    table
      .string('sent_at', 32)
      .nullable()
      .comment('NULL while the claiming instance is sending');
    table.unique(['send_key'], { indexName: 'notification_sends_key_uq' });
    table.index(
      ['subject_type', 'subject_id'],
      'notification_sends_subject_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('notification_sends');
};
