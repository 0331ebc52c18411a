import type { GapGroup } from '../score/gaps.js';
import { FRAMEWORK_SHORT as FRAMEWORK_LABEL } from './labels.js';
import { escapeCell, renderPercent } from './score.js';

export function renderGapsText(groups: readonly GapGroup[]): string {
  if (groups.length === 0) return 'No gaps: every in-scope requirement is met, inherited or excluded.\n';
  const lines: string[] = [];
  for (const g of groups) {
    lines.push(`${FRAMEWORK_LABEL[g.framework]} ${g.id} ${g.name}  ${renderPercent(g.readiness)}`);
    for (const item of g.items) {
      lines.push(`  ${item.status.padEnd(7)} ${item.id} ${item.title}`);
      for (const action of item.actions) lines.push(`          → ${action}`);
      for (const s of item.suggestions) lines.push(`          ? ${s.text}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function renderGapsMarkdown(groups: readonly GapGroup[]): string {
  if (groups.length === 0) return '## Gaps\n\nNo gaps: every in-scope requirement is met, inherited or excluded.\n';
  const lines = ['## Gaps', '', 'Worst group first. → what would close it; ? a control that already covers an equivalent requirement per CSA’s mappings.', ''];
  for (const g of groups) {
    lines.push(`### ${FRAMEWORK_LABEL[g.framework]} ${g.id} ${escapeCell(g.name)} (${renderPercent(g.readiness)})`, '');
    for (const item of g.items) {
      lines.push(`- **${item.id}** ${item.title}: ${item.status}`);
      for (const action of item.actions) lines.push(`  - → ${action}`);
      for (const s of item.suggestions) lines.push(`  - ? ${s.text}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

