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
 * Access reviews, the baseline their cadence starts from, and the
 * append-only audit trail.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('review_baselines', table => {
    table.comment(
      'When the review job first saw each integration: the first review falls due one cadence later',
    );
    table.string('integration_ref', 255).primary();
    table.string('first_seen_at', 32).notNullable();
  });

  await knex.schema.createTable('access_reviews', table => {
    table.comment('Periodic access reviews of partner integrations');
    table.bigIncrements('id').primary();
    table.string('integration_ref', 255).notNullable();
    table.string('partner_ref', 255).notNullable();
    table
      .string('assignee_ref', 255)
      .notNullable()
      .comment('The integration owner when the review opened, lower case');
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, attested or revoked');
    table
      .string('pending_key', 255)
      .nullable()
      .comment(
        'integration_ref while pending, NULL once decided: at most one pending review per integration',
      );
    table.string('opened_at', 32).notNullable();
    table.string('due_at', 32).notNullable();
    table.string('decided_at', 32).nullable();
    table.text('decided_by').nullable();
    table.text('comment').nullable();
    table
      .text('revoked_identities')
      .nullable()
      .comment('JSON array of identity names a revoke decision named');
    table
      .text('snapshot')
      .nullable()
      .comment('JSON: the identities as the reviewer saw them at decision');
    table.unique(['pending_key'], { indexName: 'access_reviews_pending_uq' });
    table.index(['due_at', 'id'], 'access_reviews_due_idx');
    table.index(
      ['integration_ref', 'decided_at'],
      'access_reviews_integration_idx',
    );
    table.index(['assignee_ref', 'status'], 'access_reviews_assignee_idx');
  });

  await knex.schema.createTable('audit_events', table => {
    table.comment('Append-only audit trail of governance decisions');
    table.bigIncrements('id').primary();
    table.string('at', 32).notNullable();
    table.text('actor').notNullable().comment('User or service ref');
    table.string('action', 64).notNullable();
    table.string('subject_type', 64).notNullable();
    table.string('subject_ref', 255).notNullable();
    table.text('before').nullable().comment('JSON');
    table.text('after').nullable().comment('JSON');
    table.index(['subject_ref', 'id'], 'audit_events_subject_idx');
    table.index(['action', 'id'], 'audit_events_action_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('access_reviews');
  await knex.schema.dropTable('review_baselines');
};
