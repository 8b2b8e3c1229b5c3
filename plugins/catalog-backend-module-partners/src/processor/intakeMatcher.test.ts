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

import path from 'node:path';
import fc from 'fast-check';
import {
  INTAKE_LIMITS,
  isCoveredBy,
  parseIntakeEntry,
  type IntakeEntry,
} from './intakeMatcher';

// The backend runs in packages/backend of the repository, as `yarn start`
// runs it.
const CWD = '/srv/portal/packages/backend';
const EXAMPLES = '/srv/portal/examples';

const entries = (...values: string[]): IntakeEntry[] =>
  values.map((value, index) => parseIntakeEntry(value, index, CWD));
const file = (target: string) => ({ type: 'file', target });
const url = (target: string) => ({ type: 'url', target });
const covered = (
  list: IntakeEntry[],
  location: { type: string; target: string },
) => isCoveredBy(list, location, CWD);

describe('parseIntakeEntry', () => {
  it('resolves file entries against the working directory', () => {
    expect(
      entries('../../examples/', '../../examples', 'file:../../examples'),
    ).toEqual([
      { type: 'file', path: EXAMPLES },
      { type: 'file', path: EXAMPLES },
      { type: 'file', path: EXAMPLES },
    ]);
    expect(
      entries('/abs/partners/../partners/./x.yaml', 'file:///abs/y'),
    ).toEqual([
      { type: 'file', path: '/abs/partners/x.yaml' },
      { type: 'file', path: '/abs/y' },
    ]);
  });

  it('reads URL entries by origin and path', () => {
    expect(
      entries(
        'https://GitHub.com:443/acme/partners/',
        'url:http://git.example.com:8080/partners',
      ),
    ).toEqual([
      {
        type: 'url',
        origin: 'https://github.com',
        pathname: '/acme/partners/',
      },
      {
        type: 'url',
        origin: 'http://git.example.com:8080',
        pathname: '/partners',
      },
    ]);
  });

  it.each([
    ['ftp://files.example.com/partners/', 'is a ftp: URL'],
    ['https://user:hunter2@github.com/acme/', 'holds credentials in its URL'],
    [
      'https://ghp_abcdefghijklmnopqrstuvwxyz0123456789@github.com/',
      'credentials',
    ],
    ['https://github.com/acme/?ref=main', 'has a query or a fragment'],
    ['https://github.com/acme/#x', 'has a query or a fragment'],
    ['https://github.com/acme/%2e%2e/', 'not a plain URL prefix'],
    ['https://github.com/acme/../evil/', 'not a plain URL prefix'],
    ['https://github.com/acme//', 'not a plain URL prefix'],
    ['https://github.com/acme\\partners/', 'not a plain URL prefix'],
    ['https://', 'is not a valid URL'],
    ['file://otherhost/partners/', 'is not a local file URL'],
    ['url:', 'names no location'],
    ['   ', 'names no location'],
    ['examples/\0', 'holds a NUL character'],
    ['x'.repeat(INTAKE_LIMITS.maxEntryLength + 1), 'is longer than 2048'],
  ])('refuses %j: %s', (entry, message) => {
    expect(() => parseIntakeEntry(entry, 3, CWD)).toThrow(
      `partners.intake.allowedLocations[3] `,
    );
    expect(() => parseIntakeEntry(entry, 3, CWD)).toThrow(message);
  });

  it('never quotes a refused entry', () => {
    const error = (() => {
      try {
        parseIntakeEntry('https://robot:s3cr3t-value@github.com/', 0, CWD);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/holds credentials/);
    expect(error?.message).not.toContain('s3cr3t');
    expect(error?.message).not.toContain('robot');
  });
});

describe('isCoveredBy, files', () => {
  const list = entries('../../examples', '/srv/other/one-file.yaml');

  it.each([
    `${EXAMPLES}/partners/acme.yaml`,
    `${EXAMPLES}/all.yaml`,
    EXAMPLES,
    '../../examples/partners/acme.yaml',
    `${EXAMPLES}/partners/../all.yaml`,
    `${EXAMPLES}//partners/acme.yaml`,
    '/srv/other/one-file.yaml',
  ])('covers %s', target => {
    expect(covered(list, file(target))).toBe(true);
  });

  it.each([
    '/srv/portal/examples-evil/acme.yaml',
    '/srv/portal/examples.yaml',
    '/srv/portal/example/acme.yaml',
    `${EXAMPLES}/../secrets/acme.yaml`,
    `${EXAMPLES}/partners/../../secrets/acme.yaml`,
    '../../examples-evil/acme.yaml',
    'examples/acme.yaml',
    '/srv/other/one-file.yaml.bak',
    '/srv/other/one-file.yaml/../../x.yaml',
    '/srv/portal/EXAMPLES/acme.yaml',
    `${EXAMPLES}/acme\0.yaml`,
  ])('does not cover %s', target => {
    expect(covered(list, file(target))).toBe(false);
  });

  it('does not cover a target longer than the limit', () => {
    const name = 'a'.repeat(INTAKE_LIMITS.maxLocationLength);
    expect(covered(list, file(`${EXAMPLES}/${name}`))).toBe(false);
    expect(covered(list, file(`${EXAMPLES}/${name.slice(30)}`))).toBe(true);
  });

  it('does not take a URL for a file, nor a file for a URL', () => {
    expect(covered(list, url(`file://${EXAMPLES}/acme.yaml`))).toBe(false);
    expect(
      covered(
        entries('https://github.com/acme/'),
        file('https://github.com/acme/x.yaml'),
      ),
    ).toBe(false);
  });

  it('covers nothing when the list is empty, and no other location type', () => {
    expect(covered([], file(`${EXAMPLES}/acme.yaml`))).toBe(false);
    expect(covered(entries('/'), file('/anything/at/all.yaml'))).toBe(true);
    expect(
      covered(entries('/'), { type: 'github-discovery', target: '/x.yaml' }),
    ).toBe(false);
  });
});

describe('isCoveredBy, URLs', () => {
  const list = entries(
    'https://github.com/acme/partners/',
    'https://git.example.com/team/register',
  );

  it.each([
    'https://github.com/acme/partners/blob/main/acme.yaml',
    'https://GITHUB.COM/acme/partners/blob/main/acme.yaml',
    'https://github.com:443/acme/partners/acme.yaml',
    'https://github.com/acme/partners/acme.yaml?ref=main',
    'https://git.example.com/team/register',
    'https://git.example.com/team/register/all.yaml',
  ])('covers %s', target => {
    expect(covered(list, url(target))).toBe(true);
  });

  it.each([
    'https://github.com/acme/partners-evil/acme.yaml',
    'https://github.com/acme/partnersx',
    'https://github.com/acme/partners',
    'https://github.com/ACME/partners/acme.yaml',
    'http://github.com/acme/partners/acme.yaml',
    'https://github.com:8443/acme/partners/acme.yaml',
    'https://github.com.evil.example/acme/partners/acme.yaml',
    'https://evil.example/https://github.com/acme/partners/acme.yaml',
    'https://github.com@evil.example/acme/partners/acme.yaml',
    'https://robot:s3cr3t@github.com/acme/partners/acme.yaml',
    'https://github.com/acme/partners/../evil/acme.yaml',
    'https://github.com/acme/partners/./acme.yaml',
    'https://github.com/acme/partners/%2e%2e/evil/acme.yaml',
    'https://github.com/acme/partners/%2E%2E%2Fevil/acme.yaml',
    'https://github.com/acme/partners/..%2fevil/acme.yaml',
    'https://github.com/acme/partners/..%5cevil/acme.yaml',
    'https://github.com/acme/partners\\..\\evil/acme.yaml',
    'https://github.com/acme/partners//acme.yaml',
    'https://github.com/acme/part\tners/acme.yaml',
    'https://github.com/acme/partners/ acme.yaml',
    'https://git.example.com/team/registered',
    'ftp://github.com/acme/partners/acme.yaml',
    'github.com/acme/partners/acme.yaml',
    'not a url',
  ])('does not cover %j', target => {
    expect(covered(list, url(target))).toBe(false);
  });
});

/**
 * The most a reader could make of a URL path: backslashes as slashes,
 * percent-encoded characters decoded, empty and `.` segments dropped and
 * `..` segments resolved. A covered location must stay under the prefix
 * under this reading too.
 */
function loosestReading(pathname: string): string[] {
  let decoded = pathname.replace(/\\/g, '/');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // left as it is
  }
  const segments: string[] = [];
  for (const segment of decoded.replace(/\\/g, '/').split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  return segments;
}

describe('isCoveredBy on hostile locations', () => {
  const SEGMENTS = [
    '..',
    '.',
    '',
    '%2e%2e',
    '%2E.',
    '.%2e',
    '..%2f',
    '%2f',
    '%5c',
    '..\\',
    '\\',
    'partners',
    'partners-evil',
    'acme',
    'acme.yaml',
    ' ',
    '\t',
    '?',
    '#',
    '@',
    ':',
  ];
  const segment = fc.oneof(
    fc.constantFrom(...SEGMENTS),
    fc.string({ maxLength: 6 }),
  );

  it('a covered URL stays under the prefix however its path is read', () => {
    const list = entries('https://github.com/acme/partners/');
    fc.assert(
      fc.property(
        fc.constantFrom(
          'https://github.com',
          'https://GitHub.com',
          'https://github.com:443',
          'https://github.com.evil.example',
          'https://github.com@evil.example',
          'http://github.com',
        ),
        fc.array(segment, { maxLength: 8 }),
        (origin, segments) => {
          const target = `${origin}/acme/partners/${segments.join('/')}`;
          if (!covered(list, url(target))) return;
          const parsed = new URL(target);
          expect(parsed.origin).toBe('https://github.com');
          expect(parsed.username).toBe('');
          const rawPath = target.slice(origin.length).split(/[?#]/)[0];
          for (const pathname of [parsed.pathname, rawPath]) {
            expect(loosestReading(pathname).slice(0, 2)).toEqual([
              'acme',
              'partners',
            ]);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a covered file lies in the folder, as path.relative sees it', () => {
    const list = entries('../../examples/');
    fc.assert(
      fc.property(
        fc.constantFrom(
          EXAMPLES,
          '../../examples',
          '/srv/portal/examples-evil',
          '/srv/portal',
        ),
        fc.array(segment, { maxLength: 8 }),
        (base, segments) => {
          const target = [base, ...segments].join('/');
          const relative = path.relative(EXAMPLES, path.resolve(CWD, target));
          const inside =
            !target.includes('\0') &&
            relative !== '..' &&
            !relative.startsWith(`..${path.sep}`) &&
            !path.isAbsolute(relative);
          expect(covered(list, file(target))).toBe(inside);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('covers plain paths under the prefix', () => {
    const list = entries('https://github.com/acme/partners/', '../../examples');
    const plain = fc
      .stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}$/)
      .filter(s => s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.array(plain, { minLength: 1, maxLength: 5 }), segments => {
        expect(
          covered(
            list,
            url(`https://github.com/acme/partners/${segments.join('/')}`),
          ),
        ).toBe(true);
        expect(covered(list, file(`${EXAMPLES}/${segments.join('/')}`))).toBe(
          true,
        );
      }),
    );
  });
});
