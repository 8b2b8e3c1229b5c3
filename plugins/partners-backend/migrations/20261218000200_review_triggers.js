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
 * Review triggers (joiner-mover-leaver): each review-relevant change the
 * index refresh saw on an integration or its partner (owner, tier, an
 * identity's scopes, custodian or environment, the accesses, a new identity
 * after a decision). An unconsumed trigger makes the integration's next
 * access review due at once; the decision of that review consumes it
 * (`review_id`, `consumed_at`). Values are entity refs, tiers, scopes and
 * identity names, bounded in number and length; never a secret or a secret
 * location.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('review_triggers', table => {
    table.comment(
      'Changes that make an integration access review due now, until a decision consumes them',
    );
    table.bigIncrements('id').primary();
    table.string('integration_ref', 255).notNullable();
    table.string('partner_ref', 255).notNullable();
    table
      .string('kind', 32)
      .notNullable()
      .comment(
        'integration-owner, partner-owner, partner-tier, identity-scopes, identity-custodian, identity-environment, integration-accesses or identity-added',
      );
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The entity that changed: the partner or the integration');
    table
      .string('field', 320)
      .notNullable()
      .comment('The changed field, e.g. spec.identities[orders-key].scopes');
    table.string('identity', 255).nullable();
    table
      .text('before')
      .notNullable()
      .comment('JSON array of strings, bounded in number and length');
    table.text('after').notNullable().comment('JSON array of strings, bounded');
    table.string('seen_at', 32).notNullable();
    table
      .bigInteger('review_id')
      .nullable()
      .comment('The review whose decision consumed it; NULL until then');
    table.string('consumed_at', 32).nullable();
    table.index(
      ['integration_ref', 'review_id', 'id'],
      'review_triggers_integration_idx',
    );
    table.index(['review_id', 'id'], 'review_triggers_review_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('review_triggers');
};
