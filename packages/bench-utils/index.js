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

/*
 * Shared pieces of the benchmark scripts (packages/partners-cli/bench,
 * plugins/partners-backend/bench, packages/e2e-tests/bench): argument
 * parsing, the building blocks of the seeded estate (PRNG, org size, access
 * packages), and timing and output helpers.
 */

const os = require('node:os');
const v8 = require('node:v8');
const vm = require('node:vm');

/** The day every estate is generated relative to, unless --now says otherwise. */
const NOW = '2026-11-28';
const DAY = 24 * 60 * 60 * 1000;

// --- arguments ---------------------------------------------------------------

/**
 * `--key value` and `--key=value` over `defaults`: numbers where the default
 * is a number (whole, at least 0), `flags` as booleans, `--help` prints
 * `usage` when given. Anything else is an error naming the option.
 */
function parseArgs(argv, defaults, { flags = [], usage } = {}) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) {
      throw new Error(`Unexpected argument ${argv[i]}`);
    }
    const key = match[1];
    if (key === 'help' && usage) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    if (flags.includes(key)) {
      options[key] = true;
      continue;
    }
    if (!(key in options)) {
      throw new Error(`Unknown option --${key}`);
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) {
      throw new Error(`--${key} needs a value`);
    }
    if (typeof defaults[key] === 'number') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) {
        throw new Error(`--${key} must be a whole number, got ${value}`);
      }
      options[key] = n;
    } else {
      options[key] = value;
    }
  }
  return options;
}

// --- estate building blocks -----------------------------------------------------

/** mulberry32: a small, seeded, deterministic PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GROUPS = 40;
const USERS = 200;

const ACCESS_PACKAGES = {
  'orders-read': {
    scopes: ['orders:read', 'order-events:subscribe'],
    environments: ['production', 'staging'],
    privileged: false,
  },
  'orders-fulfilment': {
    scopes: ['orders:read', 'orders:update-status', 'shipments:write'],
    environments: ['production', 'staging'],
    privileged: false,
  },
  'catalog-sync': {
    scopes: ['catalog:read', 'catalog:write-listings', 'pricing:read'],
    environments: ['production', 'staging'],
    privileged: false,
  },
  'partner-feeds-read': {
    scopes: ['feeds:read', 'exports:read', 'referrals:read'],
    environments: ['production', 'sandbox'],
    privileged: false,
  },
  'support-agent': {
    scopes: ['tickets:read', 'tickets:write', 'kb:read'],
    environments: ['production'],
    privileged: false,
  },
  'sandbox-full': {
    scopes: ['sandbox:admin', 'orders:read', 'orders:write', 'catalog:read'],
    environments: ['sandbox'],
    privileged: false,
  },
  'billing-admin': {
    scopes: [
      'billing:read',
      'billing:write',
      'invoices:read',
      'payments:refund',
    ],
    environments: ['production'],
    privileged: true,
  },
  'managed-ops-admin': {
    scopes: ['tenant:admin', 'infra:operate', 'logs:read', 'metrics:read'],
    environments: ['production', 'staging'],
    privileged: true,
  },
};
const PACKAGE_NAMES = Object.keys(ACCESS_PACKAGES);

// --- timing and output -------------------------------------------------------------

/** The garbage collector, exposed without --expose-gc on the command line. */
const gc = (() => {
  if (typeof global.gc === 'function') return global.gc;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc');
})();

/** Runs `fn` after a full GC: its wall time in ms and its result. */
async function time(fn) {
  gc();
  const start = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, result };
}

const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The q-quantile (0..1) of values, nearest rank. */
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  ];
};

function fmt(n, digits = 0) {
  return Number(n).toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** Rows of cells as aligned columns: the first left-aligned, the rest right. */
function table(rows) {
  const widths = rows[0].map((_, c) =>
    Math.max(...rows.map(r => String(r[c]).length)),
  );
  return rows
    .map(r =>
      r
        .map((cell, c) =>
          c === 0
            ? String(cell).padEnd(widths[c])
            : String(cell).padStart(widths[c]),
        )
        .join('  '),
    )
    .join('\n');
}

/** What a result was measured on. */
function machine() {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverage: os.loadavg().map(n => Number(n.toFixed(2))),
  };
}

const log = text => process.stderr.write(`${text}\n`);

module.exports = {
  NOW,
  DAY,
  parseArgs,
  prng,
  GROUPS,
  USERS,
  ACCESS_PACKAGES,
  PACKAGE_NAMES,
  gc,
  time,
  median,
  quantile,
  fmt,
  table,
  machine,
  log,
};
