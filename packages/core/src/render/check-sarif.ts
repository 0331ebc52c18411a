import type { Finding } from '../model/findings.js';
import { ruleUrl, type RuleMeta } from '../rules/define-rule.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export interface SarifOptions {
  toolVersion: string;
  rules: readonly RuleMeta[];
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: rules in tool.driver with their default level, results
 * with ruleId/ruleIndex, a message, and a physical location relative to %SRCROOT%.
 */
export function renderCheckSarif(findings: readonly Finding[], options: SarifOptions): string {
  const ruleIds = options.rules.map((r) => r.id);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trustops',
            semanticVersion: options.toolVersion,
            version: options.toolVersion,
            informationUri: 'https://github.com/trustops/trustops',
            rules: options.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_m, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              helpUri: ruleUrl(r.id),
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: ['compliance', r.id.split('/')[0]!] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The compliance repository root.' } } },
        columnKind: 'unicodeCodePoints',
        results: findings.map((f) => {
          const ruleIndex = ruleIds.indexOf(f.ruleId);
          return {
            ruleId: f.ruleId,
            ...(ruleIndex >= 0 ? { ruleIndex } : {}),
            level: LEVEL[f.severity],
            message: { text: `${f.message}. ${f.hint}` },
            locations: [location(f)],
            ...(f.related?.length
              ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, ...location(r), message: { text: r.message } })) }
              : {}),
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function location(at: { file: string; line: number; column: number }) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(at.file), uriBaseId: '%SRCROOT%' },
      region: { startLine: at.line, startColumn: at.column },
    },
  };
}
