import { rules } from '@trustops/core/rule-list';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';

export function runRulesList(options: { format: 'text' | 'json' }, io: CliIo): number {
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify(rules.map((r) => ({ id: r.id, severity: r.severity, description: r.description })), null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  for (const r of rules) io.stdout(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.description}\n`);
  return EXIT.ok;
}
