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
import { FRAMEWORK_CONTROLS, frameworkOf } from '../frameworks';
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

  it('maps every rule to controls of the catalog: NIST CSF, CIS and ISO 27001, and OWASP NHI for identities', () => {
    for (const id of RULE_IDS) {
      const { frameworks, scope } = RULES[id];
      const unknown = frameworks.filter(control => !frameworkOf(control));
      expect({ id, unknown }).toEqual({ id, unknown: [] });
      const named = new Set(frameworks.map(frameworkOf));
      const expected = [
        'NIST CSF 2.0',
        'CIS Controls v8',
        'ISO/IEC 27001:2022',
      ];
      if (scope === 'identity') {
        expected.push('OWASP NHI Top 10 2025');
      }
      expect({ id, frameworks: [...named].sort() }).toEqual({
        id,
        frameworks: expect.arrayContaining(expected),
      });
    }
  });

  it('covers the supplier controls of ISO 27001 A.5.19 to A.5.23 and NHI2 for secrets in files', () => {
    const mapped = new Set(RULE_IDS.flatMap(id => RULES[id].frameworks));
    for (const control of [
      'ISO 5.19',
      'ISO 5.20',
      'ISO 5.21',
      'ISO 5.22',
      'ISO 5.23',
      'NHI2',
    ]) {
      expect(mapped).toContain(control);
    }
    expect(FRAMEWORK_CONTROLS.get('NHI2')?.title).toBe('Secret leakage');
  });
});
