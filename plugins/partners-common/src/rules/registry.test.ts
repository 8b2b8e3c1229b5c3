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
import { FILE_RULE_IDS, RULE_IDS, RULES } from './registry';

const RULES_DIR = __dirname;
const NOT_RULES = new Set([
  'contract',
  'engine',
  'finding',
  'registry',
  'types',
]);

describe('the rule registry', () => {
  const modules = fs
    .readdirSync(RULES_DIR)
    .filter(file => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map(file => file.slice(0, -'.ts'.length))
    .filter(name => !NOT_RULES.has(name));

  it('lists every rule module of the folder, each under its file name', () => {
    expect([...RULE_IDS].sort()).toEqual(modules.sort());
  });

  it('has ids that are unique and definitions under their own id', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    for (const id of RULE_IDS) {
      expect(RULES[id].id).toBe(id);
    }
  });

  it('gives every file rule its own test', () => {
    const missing = FILE_RULE_IDS.filter(
      id => !fs.existsSync(path.join(RULES_DIR, `${id}.test.ts`)),
    );
    expect(missing).toEqual([]);
  });

  it('describes each rule fully and maps it to at least one framework', () => {
    for (const id of RULE_IDS) {
      const rule = RULES[id];
      expect(rule.title.trim()).not.toBe('');
      expect(rule.description).toMatch(/\.$/);
      expect(rule.frameworks.length).toBeGreaterThan(0);
      expect(rule).not.toHaveProperty('evaluate');
    }
  });
});
