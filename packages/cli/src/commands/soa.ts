import { buildSoa, renderSoaCsv, renderSoaJson, renderSoaMarkdown, renderSoaText, TrustopsError } from '@trustops/core';
import { EXIT, type CliIo } from '../io.js';
import { assessRepo } from './score.js';
import { emit } from './shared.js';

export interface SoaCommandOptions {
  repo: string;
  format: 'text' | 'csv' | 'json' | 'markdown';
  output?: string;
  today?: string;
  type1?: boolean;
  type2?: boolean;
}

/** `trustops soa`: the ISO 27001 Statement of Applicability, 93 Annex A rows, from the same readiness as score. */
export async function runSoa(options: SoaCommandOptions, io: CliIo): Promise<number> {
  const { model, scope, readiness } = await assessRepo(options, io);
  const soa = buildSoa(model, scope, readiness);
  if (!soa) throw new TrustopsError('INVALID_OPTION', 'ISO 27001 is not in scope: add iso27001 under frameworks: in compliance.yaml to get a Statement of Applicability');
  const render = { text: renderSoaText, csv: renderSoaCsv, json: renderSoaJson, markdown: renderSoaMarkdown }[options.format];
  await emit(render(soa), options.output, io);
  return EXIT.ok;
}
