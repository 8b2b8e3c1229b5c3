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
 * The partner register is kept as one value: the rows the last successful
 * read kept, in export order, in `partner_register_runs.snapshot`, one row
 * per line, each line a JSON list of the row's fields in the order of
 * FIELDS (null for what the row leaves empty). A read replaces the register
 * whole and the rules read it whole, so one value serves both better than a
 * table row per partner. The row each Partner matched when the rules last
 * ran is kept with its link (`partner_register_links.row`, a JSON object), so
 * that a partner's page reads one small row. `partner_register_rows` goes;
 * its rows move into the snapshot and the links, and back on the way down.
 */

/** A snapshot line's fields, and the column of `partner_register_rows` of each. */
const FIELDS = /** @type {const} */ ([
  ['nameKey', 'name_key'],
  ['row', 'row_number'],
  ['partnerName', 'partner_name'],
  ['crmAccount', 'crm_account'],
  ['contractStart', 'contract_start'],
  ['contractEnd', 'contract_end'],
  ['status', 'status'],
  ['contractStatus', 'contract_status'],
  ['renewalDate', 'renewal_date'],
  ['commercialOwner', 'commercial_owner'],
]);

/** @typedef {Record<string, any>} Row a row of `partner_register_rows` */

/**
 * A stored row as the register row a link holds.
 *
 * @param {Row} stored
 */
function registerRowOf(stored) {
  /** @type {Record<string, unknown>} */
  const row = {};
  for (const [field, column] of FIELDS) {
    if (stored[column] !== null && stored[column] !== undefined) {
      row[field] =
        column === 'row_number' ? Number(stored[column]) : stored[column];
    }
  }
  return row;
}

/**
 * A stored row as a snapshot's line.
 *
 * @param {Row} stored
 */
function lineOf(stored) {
  const row = registerRowOf(stored);
  return JSON.stringify(FIELDS.map(([field]) => row[field] ?? null));
}

/**
 * A snapshot's line as a row of `partner_register_rows`.
 *
 * @param {string} line
 */
function rowsRowOf(line) {
  const values = JSON.parse(line);
  /** @type {Row} */
  const stored = {};
  FIELDS.forEach(([, column], at) => {
    stored[column] = values[at];
  });
  stored.crm_key =
    typeof stored.crm_account === 'string'
      ? stored.crm_account.trim().toLowerCase()
      : null;
  return stored;
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('partner_register_runs', table => {
    table
      .text('snapshot', 'longtext')
      .nullable()
      .comment(
        'JSON list of the rows the last successful read kept, in export order',
      );
  });
  if (knex.client.dialect === 'postgresql') {
    // kept out of line and not compressed: compressing a large snapshot
    // costs more on each read of the register than the space it saves
    await knex.raw(
      'ALTER TABLE partner_register_runs ALTER COLUMN snapshot SET STORAGE EXTERNAL',
    );
  }
  await knex.schema.alterTable('partner_register_links', table => {
    table
      .text('row')
      .nullable()
      .comment('JSON: the register row the Partner matched');
  });
  const stored = await knex('partner_register_rows').orderBy([
    'row_number',
    'name_key',
  ]);
  // the hash of the rows changes with their form: the next read compares
  // them line by line
  await knex('partner_register_runs')
    .whereNotNull('last_success_at')
    .update({ snapshot: stored.map(lineOf).join('\n'), rows_hash: null });
  const byKey = new Map(stored.map(row => [row.name_key, row]));
  const links = await knex('partner_register_links').select(
    'partner_ref',
    'name_key',
  );
  for (const link of links) {
    const row = byKey.get(link.name_key);
    if (row) {
      await knex('partner_register_links')
        .where('partner_ref', link.partner_ref)
        .update({ row: JSON.stringify(registerRowOf(row)) });
    } else {
      await knex('partner_register_links')
        .where('partner_ref', link.partner_ref)
        .delete();
    }
  }
  await knex.schema.dropTable('partner_register_rows');
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.createTable('partner_register_rows', table => {
    table.comment('The partner register as its last successful read held it');
    table.string('name_key', 253).primary().notNullable();
    table
      .integer('row_number')
      .notNullable()
      .comment('Where the row is in the export: a CSV row, a JSON position');
    table.string('partner_name', 253).notNullable();
    table.string('crm_account', 100).nullable();
    table
      .string('crm_key', 100)
      .nullable()
      .comment('The CRM account in lower case');
    table.string('contract_start', 40).nullable();
    table.string('contract_end', 40).nullable();
    table
      .string('status', 40)
      .notNullable()
      .comment('The status as the export writes it');
    table
      .string('contract_status', 16)
      .notNullable()
      .comment('The status as the Partner kind names it');
    table.string('renewal_date', 40).nullable();
    table.string('commercial_owner', 253).nullable();
    table.index(['crm_key'], 'partner_register_rows_crm_idx');
  });
  const run = await knex('partner_register_runs')
    .whereNotNull('snapshot')
    .first('snapshot');
  const rows = run?.snapshot ? run.snapshot.split('\n').map(rowsRowOf) : [];
  for (let i = 0; i < rows.length; i += 100) {
    await knex('partner_register_rows').insert(rows.slice(i, i + 100));
  }
  await knex('partner_register_runs').update({ rows_hash: null });
  await knex.schema.alterTable('partner_register_links', table => {
    table.dropColumn('row');
  });
  await knex.schema.alterTable('partner_register_runs', table => {
    table.dropColumn('snapshot');
  });
};
