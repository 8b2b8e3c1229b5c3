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
 * The partner each audit event concerns, so a partner's evidence pack and
 * audit tab read its events by index. Events recorded before this migration
 * get it from the integration or partner they name.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table
      .string('partner_ref', 255)
      .nullable()
      .comment('The partner the event concerns, lower case; NULL for none');
    table.index(['partner_ref', 'id'], 'audit_events_partner_idx');
  });
  await knex('audit_events')
    .update({
      partner_ref: knex('integrations')
        .select('partner_ref')
        .where('integrations.entity_ref', knex.ref('audit_events.subject_ref')),
    })
    .whereNull('partner_ref');
  await knex('audit_events')
    .update({ partner_ref: knex.ref('subject_ref') })
    .whereNull('partner_ref')
    .whereIn('subject_ref', knex('partners').select('entity_ref'));
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('audit_events', table => {
    table.dropIndex(['partner_ref', 'id'], 'audit_events_partner_idx');
    table.dropColumn('partner_ref');
  });
};
