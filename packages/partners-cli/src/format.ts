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

import {
  SEVERITIES,
  compareSeverity,
  type Finding,
} from '@partner-governance/plugin-partners-common';
import type { FileError, Report } from './types';

/** The report as the JSON document the CLI prints. */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const ANSI: Record<string, string> = {
  critical: '\u001b[1;31m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  error: '\u001b[1;31m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
};
const RESET = '\u001b[0m';

/**
 * Control characters (C0, DEL, C1), which a file name or a value may carry to
 * move the cursor, colour the terminal or forge a line of the report.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Text with every control character shown as its escape, e.g. `\u001b`. */
function printable(text: string): string {
  return text.replace(
    CONTROL,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

type Line = { rank: number; text: string };

/**
 * The report for people: grouped by file, then entity, each entity's lines
 * worst first, then the paths left out. Colour only when asked (on a TTY);
 * control characters from the files never reach the terminal.
 */
export function formatText(
  report: Report,
  options: {
    color: boolean;
    fileOf: (entityRef: string) => string | undefined;
  },
): string {
  const paint = (style: string, text: string) =>
    options.color ? `${ANSI[style]}${text}${RESET}` : text;
  const files = new Map<string, Map<string, Line[]>>();

  const push = (file: string, entity: string, line: Line) => {
    const entities = files.get(file) ?? new Map<string, Line[]>();
    files.set(file, entities);
    const lines = entities.get(entity) ?? [];
    entities.set(entity, lines);
    lines.push(line);
  };

  const errorLine = (error: FileError): Line => ({
    rank: SEVERITIES.length,
    text: `${paint('error', 'ERROR'.padEnd(9))}${
      error.path ? `${printable(error.path)}: ` : ''
    }${printable(error.message)}`,
  });
  const findingLine = (finding: Finding): Line => ({
    rank: SEVERITIES.indexOf(finding.severity),
    text: `${paint(
      finding.severity,
      finding.severity.toUpperCase().padEnd(9),
    )}${finding.ruleId}  ${printable(finding.message)} ${paint(
      'dim',
      `[${finding.frameworks.join(', ')}]`,
    )}`,
  });

  for (const error of report.errors) {
    push(error.file, error.entityRef ?? '(file)', errorLine(error));
  }
  for (const finding of report.findings) {
    push(
      options.fileOf(finding.entityRef) ?? '(unknown file)',
      finding.entityRef,
      findingLine(finding),
    );
  }

  const out: string[] = [];
  for (const [file, entities] of files) {
    out.push(paint('bold', printable(file)));
    for (const [entity, lines] of entities) {
      out.push(`  ${printable(entity)}`);
      for (const line of lines.sort((a, b) => b.rank - a.rank)) {
        out.push(`    ${line.text}`);
      }
    }
    out.push('');
  }

  if (report.skipped.length > 0) {
    out.push(paint('bold', 'Not read'));
    for (const { path, reason } of report.skipped) {
      out.push(`  ${printable(path)}: ${printable(reason)}`);
    }
    out.push('');
  }

  const bySeverity = [...SEVERITIES]
    .sort((a, b) => compareSeverity(b, a))
    .map(s => `${report.findings.filter(f => f.severity === s).length} ${s}`)
    .join(', ');
  out.push(
    `${report.entities} entities, ${report.errors.length} errors, ${
      report.findings.length
    } findings (${bySeverity})${
      report.skipped.length ? `, ${report.skipped.length} paths not read` : ''
    }`,
  );
  return `${out.join('\n')}\n`;
}
