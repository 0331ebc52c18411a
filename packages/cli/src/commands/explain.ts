import { renderExplain, suggestClosest } from '@trustops/core';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { assessRepo } from './score.js';
import { emit } from './shared.js';

export interface ExplainCommandOptions {
  repo?: string;
  today?: string;
  type1?: boolean;
  type2?: boolean;
}

/** Why a requirement has its status, or what a control contributes, down to files and lines. */
export async function runExplain(id: string, options: ExplainCommandOptions, io: CliIo): Promise<number> {
  const { readiness } = await assessRepo(options, io);
  const text = renderExplain(readiness, id);
  if (text === undefined) {
    const candidates = [
      ...readiness.controls.keys(),
      ...Object.values(readiness.frameworks).flatMap((f) => [...(f?.requirements.map((r) => r.id) ?? []), ...(f?.groups.map((g) => g.id) ?? [])]),
    ];
    const guess = suggestClosest(id, candidates);
    throw new UsageError(`"${id}" is neither an in-scope requirement, domain or series nor a control${guess ? `; did you mean ${guess}?` : ''}`);
  }
  await emit(text, undefined, io);
  return EXIT.ok;
}
