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

import { urlCredentialShape } from './urls';

/**
 * A credential shape that the project recognises itself, next to the rules of
 * secretlint. `hints` are literal substrings one of which every match holds
 * (compared without case when `pattern` ignores case): the pattern only runs
 * on a value that holds one. Every pattern is checked for super-linear
 * backtracking by a test (recheck).
 */
export interface ValueShape {
  shape: string;
  pattern: RegExp;
  hints: string[];
}

/**
 * Shapes secretlint's recommended preset does not cover, or covers only in a
 * stricter form than credentials take in partner files.
 */
export const VALUE_SHAPES: ReadonlyArray<ValueShape> = [
  {
    shape: 'a private key block',
    pattern:
      /-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP|SSH2 ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----/,
    hints: ['-----BEGIN '],
  },
  {
    // ssh.com (SSH2) keys carry a header of four dashes, not PEM's five.
    shape: 'an SSH2 private key',
    pattern: /---- BEGIN SSH2 (?:ENCRYPTED )?PRIVATE KEY ----/,
    hints: ['---- BEGIN SSH2'],
  },
  {
    // The body of an OpenSSH key without its header: "openssh-key-v1" in base64.
    shape: 'an OpenSSH private key',
    pattern: /b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/]{20}/,
    hints: ['b3BlbnNzaC1rZXktdjE'],
  },
  {
    // The body of an SSH2 key without its header: its magic number in base64.
    shape: 'an SSH2 private key',
    pattern: /P2\/56w[A-Za-z0-9+/]{40}/,
    hints: ['P2/56w'],
  },
  {
    shape: 'a PuTTY private key',
    pattern: /PuTTY-User-Key-File-\d+:/,
    hints: ['PuTTY-User-Key-File-'],
  },
  {
    shape: 'an AWS access key',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/,
    hints: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  },
  {
    // The key may end in `-`, after which `\b` would not match.
    shape: 'a Google API key',
    pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/,
    hints: ['AIza'],
  },
  {
    shape: 'a Google OAuth token',
    pattern: /\b(?:ya29\.[0-9A-Za-z_-]{20}|1\/\/0[0-9A-Za-z_-]{30})/,
    hints: ['ya29.', '1//0'],
  },
  {
    shape: 'a Google OAuth client secret',
    pattern: /\bGOCSPX-[0-9A-Za-z_-]{24}/,
    hints: ['GOCSPX-'],
  },
  {
    shape: 'a GitHub token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22})/,
    hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  },
  {
    shape: 'a GitLab token',
    pattern: /\bglpat-[A-Za-z0-9_-]{20}/,
    hints: ['glpat-'],
  },
  {
    shape: 'a Slack token',
    pattern: /\b(?:xox[abposre]-[A-Za-z0-9-]{10}|xapp-\d-[A-Za-z0-9-]{10})/,
    hints: ['xox', 'xapp-'],
  },
  {
    shape: 'a Slack webhook URL',
    pattern: /hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/\w/,
    hints: ['hooks.slack.com/'],
  },
  {
    shape: 'an OpenAI API key',
    pattern:
      /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20}|[A-Za-z0-9]{32})/,
    hints: ['sk-'],
  },
  {
    shape: 'an npm token',
    pattern: /\bnpm_[A-Za-z0-9]{36}/,
    hints: ['npm_'],
  },
  {
    shape: 'a HashiCorp Vault token',
    pattern: /\bhv[sbr]\.[A-Za-z0-9_-]{20}/,
    hints: ['hvs.', 'hvb.', 'hvr.'],
  },
  {
    shape: 'a SendGrid API key',
    pattern: /\bSG\.[\w-]{16}\.[\w-]{16}/,
    hints: ['SG.'],
  },
  {
    shape: 'a JSON Web Token',
    // The lookbehind starts a match only where a run starts: linear.
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8}/,
    hints: ['eyJ'],
  },
  {
    shape: 'a Stripe secret key',
    pattern: /\b[sr]k_live_[0-9A-Za-z]{16}/,
    hints: ['k_live_'],
  },
  {
    // Azure Storage and Service Bus connection strings, SAS connection strings.
    shape: 'an Azure connection string key',
    pattern:
      /(?:AccountKey|SharedAccessKey|SharedAccessSignature)\s*=\s*[^\s;]{8}/i,
    hints: ['accountkey', 'sharedaccesskey', 'sharedaccesssignature'],
  },
  {
    shape: 'a shared access signature',
    pattern: /[?&;]sig=[A-Za-z0-9%+/=]{16}/i,
    hints: ['sig='],
  },
  {
    // JDBC, ODBC and ADO.NET connection strings, URL query parameters.
    shape: 'a password in a connection string',
    pattern: /(?:^|[\s;?&])(?:password|passwd|pwd)\s*=\s*[^\s;&]/i,
    hints: ['password', 'passwd', 'pwd'],
  },
];

const hintPattern = (shapes: readonly ValueShape[], flags: string) =>
  new RegExp(
    shapes
      .flatMap(s => s.hints)
      .map(hint => hint.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
      .join('|'),
    flags,
  );

/**
 * Matches any string holding a hint of a shape: one scan rules most strings
 * out. The shapes that ignore case are `key=value` pairs of connection
 * strings, so only a string with a `=` is scanned for theirs (a scan that
 * ignores case costs several times one that does not).
 */
const EXACT_HINTS = hintPattern(
  VALUE_SHAPES.filter(s => !s.pattern.ignoreCase),
  '',
);
const FOLDED_HINTS = hintPattern(
  VALUE_SHAPES.filter(s => s.pattern.ignoreCase),
  'i',
);

/** The shape of a string that looks like a credential to the project's own rules. */
export function ownShape(value: string): string | undefined {
  const exact = EXACT_HINTS.test(value);
  const folded = value.includes('=') && FOLDED_HINTS.test(value);
  if (exact || folded) {
    const lower = folded ? value.toLowerCase() : value;
    for (const { shape, pattern, hints } of VALUE_SHAPES) {
      const found = pattern.ignoreCase
        ? folded && hints.some(hint => lower.includes(hint.toLowerCase()))
        : exact && hints.some(hint => value.includes(hint));
      if (found && pattern.test(value)) {
        return shape;
      }
    }
  }
  return value.includes('://') ? urlCredentialShape(value) : undefined;
}
