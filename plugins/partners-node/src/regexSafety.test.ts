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

import fs from 'node:fs';
import path from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { VALUE_SHAPES } from './secrets/shapes';

// Every regular expression that reads partner files, request bodies or
// queries, checked for super-linear backtracking: the literals in the source
// of the packages that read them, the patterns of the kinds' JSON schemas and
// the guard's credential shapes.

const ROOT = path.resolve(__dirname, '../../..');
const SOURCES = [
  'plugins/partners-node/src',
  'plugins/partners-common/src',
  'plugins/catalog-backend-module-partners/src',
  'plugins/partners-backend/src',
  'plugins/partners-backend-module-postgres/src',
  'plugins/partners-backend-module-aws-iam-credential-report/src',
  'plugins/partners-backend-module-ldap/src',
  'packages/partners-cli/src',
  'plugins/scaffolder-backend-module-partners/src',
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['__testUtils__', 'generated'].includes(entry.name)
        ? []
        : sourceFiles(file);
    }
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [file]
      : [];
  });
}

function literals(file: string): Array<{ where: string; regex: RegExp }> {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const found: Array<{ where: string; regex: RegExp }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isRegularExpressionLiteral(node)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      const text = node.text;
      const slash = text.lastIndexOf('/');
      found.push({
        where: `${path.relative(ROOT, file)}:${line + 1}`,
        regex: new RegExp(text.slice(1, slash), text.slice(slash + 1)),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function schemaPatterns(): Array<{ where: string; regex: RegExp }> {
  const dir = path.join(ROOT, 'plugins/partners-common/src/kinds');
  return fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.schema.json'))
    .flatMap(name => {
      const found: Array<{ where: string; regex: RegExp }> = [];
      const visit = (node: unknown) => {
        if (node && typeof node === 'object') {
          for (const [key, value] of Object.entries(node)) {
            if (key === 'pattern' && typeof value === 'string') {
              found.push({ where: name, regex: new RegExp(value, 'u') });
            } else {
              visit(value);
            }
          }
        }
      };
      visit(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
      return found;
    });
}

const PATTERNS = [
  ...SOURCES.flatMap(dir => sourceFiles(path.join(ROOT, dir))).flatMap(
    literals,
  ),
  ...schemaPatterns(),
  ...VALUE_SHAPES.map(({ shape, pattern }) => ({
    where: `the shape "${shape}"`,
    regex: pattern,
  })),
];

describe('regular expressions', () => {
  it('are found in every place they are looked for', () => {
    expect(PATTERNS.length).toBeGreaterThan(60);
    expect(PATTERNS.some(p => p.where.endsWith('.schema.json'))).toBe(true);
  });

  it('the check fails on a pattern that backtracks', () => {
    // The credentials-in-a-URL pattern this guard once used.
    const vulnerable = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@[^\s/]+/i;
    expect(checkSync(vulnerable.source, vulnerable.flags).status).toBe(
      'vulnerable',
    );
  });

  it.each(PATTERNS.map(p => [p.where, p.regex] as const))(
    '%s: %s is linear',
    (_, regex) => {
      // a fixed seed: the fuzzing half of recheck answers the same on
      // every run, whatever the machine's load
      const diagnostics = checkSync(regex.source, regex.flags, {
        timeout: 10_000,
        randomSeed: 1,
      });
      expect({ regex: String(regex), status: diagnostics.status }).toEqual({
        regex: String(regex),
        status: 'safe',
      });
    },
  );
});
