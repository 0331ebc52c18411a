import type { RuleMeta } from '../rules/define-rule.js';

/** The README's rule table, one row per rule, from each rule's own meta (so descriptions cannot drift). */
export function renderRuleTable(rules: readonly RuleMeta[]): string {
  const rows = rules.map((r) => `| [\`${r.id}\`](docs/rules.md#${r.id.replace('/', '')}) | ${r.severity} | ${escapeCell(r.description)} |`);
  return ['| rule | default | checks |', '|---|---|---|', ...rows].join('\n');
}

/** docs/rules.md: a section per rule, the anchor every finding's `url` and SARIF's `helpUri` point at. */
export function renderRuleDocs(rules: readonly RuleMeta[]): string {
  const lines = [
    '# trustops rules',
    '',
    '<!-- Generated from each rule\'s meta by `pnpm rule-docs`; a test fails when this file is stale. -->',
    '',
    'Every finding of `trustops check` names one of these rules. Change a severity or turn a rule off under',
    '`rules:` in `compliance.yaml` (`error | warning | info | off`); `gate.fail_on` decides which severities',
    'fail the gate.',
    '',
  ];
  for (const r of rules) {
    lines.push(`## ${r.id}`, '', `Default severity: **${r.severity}**.`, '', r.description, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
