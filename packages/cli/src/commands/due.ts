import { addDays, addMonths, computeDue, renderDueJson, renderDueMarkdown, renderDueText } from '@trustops/core';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { assessRepo } from './score.js';
import { emit, resolveToday } from './shared.js';

export interface DueCommandOptions {
  repo: string;
  within: string;
  format: 'text' | 'json' | 'markdown';
  output?: string;
  today?: string;
  type1?: boolean;
  type2?: boolean;
}

/** "30d", "6w", "3m": the horizon after today. */
export function parseWithin(value: string, today: string): string {
  const match = /^(\d{1,4})([dwm])$/.exec(value.trim());
  if (!match) throw new UsageError(`--within must be a number of days, weeks or months such as 30d, 6w or 3m, got "${value}"`);
  const n = Number(match[1]);
  return match[2] === 'm' ? addMonths(today, n) : addDays(today, match[2] === 'w' ? n * 7 : n);
}

/** `trustops due`: the PBC list, what is due from whom by when, and everything overdue. */
export async function runDue(options: DueCommandOptions, io: CliIo): Promise<number> {
  const today = resolveToday(options.today, io);
  const until = parseWithin(options.within, today);
  const { model, readiness } = await assessRepo({ ...options, today }, io);
  const list = computeDue(model, readiness, { today, until });
  const render = { text: renderDueText, json: renderDueJson, markdown: (l: typeof list) => renderDueMarkdown(l) }[options.format];
  await emit(render(list), options.output, io);
  return EXIT.ok;
}
