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
 * One page of `GET /entities/{ref}/access`:
 * - the integrations that access an entity, in ref order, straight from one
 *   index (no sort of every integration that accesses a busy entity);
 * - the open findings of the integrations on the page: without an index on
 *   the entity, PostgreSQL scans every finding for them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('integration_accesses', table => {
    table.dropIndex(['target_ref'], 'integration_accesses_target_idx');
    table.index(
      ['target_ref', 'integration_ref'],
      'integration_accesses_target_integration_idx',
    );
  });
  await knex.schema.alterTable('findings', table => {
    table.index(['entity_ref', 'resolved_at'], 'findings_entity_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('findings', table => {
    table.dropIndex(['entity_ref', 'resolved_at'], 'findings_entity_idx');
  });
  await knex.schema.alterTable('integration_accesses', table => {
    table.dropIndex(
      ['target_ref', 'integration_ref'],
      'integration_accesses_target_integration_idx',
    );
    table.index(['target_ref'], 'integration_accesses_target_idx');
  });
};
