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
 * Lists of reviews by status (`GET /reviews?status=pending`) read them in
 * due-date order: with this index the database walks the pending reviews in
 * that order and stops after a page, instead of sorting every pending review
 * on each request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('access_reviews', table => {
    table.index(['status', 'due_at', 'id'], 'access_reviews_status_due_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('access_reviews', table => {
    table.dropIndex(
      ['status', 'due_at', 'id'],
      'access_reviews_status_due_idx',
    );
  });
};
