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

/*
 * The contract of the register row each Partner matched, in columns of its
 * link, so that the partner index can show and filter by the contract the
 * rules use (the register's where it lists the partner) in SQL. Filled from
 * the row each link already holds.
 */

/** Links updated per round of the fill. */
const SLICE = 500;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('partner_register_links', table => {
    table
      .string('contract_end', 40)
      .nullable()
      .comment("The matched row's contract end");
    table
      .string('contract_status', 16)
      .nullable()
      .comment(
        "The matched row's contract status, as the Partner kind names it",
      );
  });
  const links = await knex('partner_register_links')
    .whereNotNull('row')
    .select('partner_ref', 'row');
  for (let i = 0; i < links.length; i += SLICE) {
    await knex.transaction(async tx => {
      for (const link of links.slice(i, i + SLICE)) {
        const row = JSON.parse(link.row);
        await tx('partner_register_links')
          .where('partner_ref', link.partner_ref)
          .update({
            contract_end: row.contractEnd ?? null,
            contract_status: row.contractStatus ?? null,
          });
      }
    });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('partner_register_links', table => {
    table.dropColumn('contract_end');
    table.dropColumn('contract_status');
  });
};
