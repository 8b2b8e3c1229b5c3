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
 * `GET /reviews?partner=` and `?integration=` keep the due-date keyset
 * order: one index per filter, in that order.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('access_reviews', table => {
    table.index(
      ['partner_ref', 'due_at', 'id'],
      'access_reviews_partner_due_idx',
    );
    table.index(
      ['integration_ref', 'due_at', 'id'],
      'access_reviews_integration_due_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('access_reviews', table => {
    table.dropIndex(
      ['integration_ref', 'due_at', 'id'],
      'access_reviews_integration_due_idx',
    );
    table.dropIndex(
      ['partner_ref', 'due_at', 'id'],
      'access_reviews_partner_due_idx',
    );
  });
};
