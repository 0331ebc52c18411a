import { createHash } from 'node:crypto';
import type { Finding } from '../model/findings.js';
import { ruleUrl, type RuleMeta } from '../rules/define-rule.js';
import { joinPathPrefix } from './path-prefix.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** The partialFingerprints key of trustops' own fingerprint (versioned: a new scheme gets a new key). */
export const SARIF_FINGERPRINT_KEY = 'trustopsFinding/v1';

export interface SarifOptions {
  toolVersion: string;
  rules: readonly RuleMeta[];
  /**
   * The compliance repository's folder inside the repository GitHub knows ("compliance/"; "" at its root):
   * code scanning reads every URI relative to the root of the checkout.
   */
  pathPrefix?: string;
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: rules in tool.driver with their default level, help text and
 * documentation link; results with ruleId/ruleIndex, a message, a physical location relative to %SRCROOT%
 * (the repository root), and a fingerprint that follows the finding when lines move.
 */
export function renderCheckSarif(findings: readonly Finding[], options: SarifOptions): string {
  const ruleIds = options.rules.map((r) => r.id);
  const prefix = options.pathPrefix ?? '';
  const fingerprints = fingerprintFindings(findings, prefix);
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
              help: ruleHelp(r),
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: ['compliance', r.id.split('/')[0]!] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository that holds the compliance program.' } } },
        columnKind: 'unicodeCodePoints',
        results: findings.map((f, i) => {
          const ruleIndex = ruleIds.indexOf(f.ruleId);
          return {
            ruleId: f.ruleId,
            ...(ruleIndex >= 0 ? { ruleIndex } : {}),
            level: LEVEL[f.severity],
            message: { text: `${f.message}. ${f.hint}` },
            locations: [location(f, prefix)],
            partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprints[i]! },
            ...(f.related?.length
              ? { relatedLocations: f.related.map((r, n) => ({ id: n + 1, ...location(r, prefix), message: { text: r.message } })) }
              : {}),
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** What code scanning shows under "Show more" for a rule: what it checks, how to configure it, its docs. */
function ruleHelp(rule: RuleMeta): { text: string; markdown: string } {
  const configure = `Default severity: ${rule.severity}. Change it or turn the rule off in compliance.yaml: \`rules: { ${rule.id}: error | warning | info | off }\`.`;
  return {
    text: `${rule.description}\n\n${configure}\n\nDocumentation: ${ruleUrl(rule.id)}`,
    markdown: `${rule.description}\n\n${configure}\n\n[Documentation of ${rule.id}](${ruleUrl(rule.id)})`,
  };
}

/**
 * One fingerprint per finding, from the rule, the file and what the finding is about (its key or id by name,
 * else its message), never its line: code scanning then keeps an alert open, not closed and reopened, when
 * lines above it move. Findings that would share one are told apart by their order in the file.
 */
export function fingerprintFindings(findings: readonly Finding[], pathPrefix = ''): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const identity = [f.ruleId, joinPathPrefix(pathPrefix, f.file), f.key ?? f.message].join('\0');
    const n = seen.get(identity) ?? 0;
    seen.set(identity, n + 1);
    return createHash('sha256')
      .update(n === 0 ? identity : `${identity}\0${n}`)
      .digest('hex');
  });
}

function location(at: { file: string; line: number; column: number }, prefix: string) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(joinPathPrefix(prefix, at.file)), uriBaseId: '%SRCROOT%' },
      region: { startLine: at.line, startColumn: at.column },
    },
  };
}
