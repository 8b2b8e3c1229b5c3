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

import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig } from '@secretlint/types';

// secretlint's profiler is on unless switched off: every call marks the
// performance timeline about 60 times (each rule's setup and run) and its
// observer keeps every mark, so a process that scans in a loop, as the
// catalog does on each refresh, grows without bound, and each call costs two
// to three times as much. Nothing here reads its timings. The profiler package is
// pinned to the version @secretlint/core pins, so that this is the instance
// core marks with.
secretLintProfiler.setEnabled(false);

/**
 * secretlint's recommended preset, without the rules that read the text
 * rather than credentials in it: `filter-comments` obeys
 * `secretlint-disable` comments, which a hostile file would write in a value
 * to switch the scan off, and `no-k8s-kind-secret` looks for Kubernetes
 * manifests, which partner files are not.
 */
const CONFIG: SecretLintCoreConfig = {
  rules: [
    {
      id: '@secretlint/secretlint-rule-preset-recommend',
      rule: recommended,
      rules: [
        {
          id: '@secretlint/secretlint-rule-filter-comments',
          disabled: true,
        },
        {
          id: '@secretlint/secretlint-rule-no-k8s-kind-secret',
          disabled: true,
        },
      ],
    },
  ],
};

/** How secretlint's rules are named in findings. */
const SHAPE_OF_RULE: Record<string, string> = {
  aws: 'an AWS credential',
  gcp: 'a Google Cloud credential',
  github: 'a GitHub token',
  gitlab: 'a GitLab token',
  slack: 'a Slack token',
  npm: 'an npm token',
  openai: 'an OpenAI API key',
  anthropic: 'an Anthropic API key',
  sendgrid: 'a SendGrid API key',
  privatekey: 'a private key block',
  basicauth: 'credentials embedded in a URL',
  'database-connection-string': 'a database connection string with a password',
  'hashicorp-vault': 'a HashiCorp Vault token',
  '1password': 'a 1Password service account token',
  shopify: 'a Shopify token',
  azure: 'an Azure credential',
};

function shapeOfRule(ruleId: string): string {
  const name = ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
  return SHAPE_OF_RULE[name] ?? `a credential (secretlint rule ${name})`;
}

/** How much text one secretlint call reads at most. */
const CHUNK_CHARACTERS = 4 * 1024 * 1024;

/**
 * Runs secretlint over texts, each on a line of its own, in as few calls as
 * the chunk size allows, and returns for each text that holds a credential
 * the index of the text and its shape. The secret itself is masked in
 * secretlint's messages and never read here.
 */
export async function scanWithSecretlint(
  texts: readonly string[],
): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (let first = 0; first < texts.length; ) {
    const starts: number[] = [];
    let offset = 0;
    let next = first;
    while (
      next < texts.length &&
      (next === first || offset + texts[next].length < CHUNK_CHARACTERS)
    ) {
      starts.push(offset);
      offset += texts[next].length + 1;
      next++;
    }
    const result = await lintSource({
      source: {
        content: texts.slice(first, next).join('\n'),
        filePath: 'values.txt',
        ext: '.txt',
        contentType: 'text',
      },
      options: { config: CONFIG, maskSecrets: true },
    });
    for (const message of result.messages) {
      const index = first + indexAt(starts, message.range[0]);
      if (!found.has(index)) {
        found.set(index, shapeOfRule(message.ruleId));
      }
    }
    first = next;
  }
  return found;
}

/** The index of the text whose span holds the offset (binary search). */
function indexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}
