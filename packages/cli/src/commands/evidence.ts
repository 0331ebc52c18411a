import { resolve } from 'node:path';
import { addEvidence, GitRepo, loadRepo, parseWindow, readRepo, redactSecrets, refuseEvidence, type EvidenceRequest } from '@trustops/core';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { findSchemaDir, parseDateOption, parsePeriodOption, resolveRepoDir, resolveToday } from './shared.js';

export interface EvidenceAddOptions {
  repo?: string;
  control: string;
  item: string;
  covers?: string;
  window?: string;
  collectedOn?: string;
  collectedBy?: string;
  note?: string;
  dryRun?: boolean;
}

/** What the record covers and how the window is named in file names. */
function resolveWindow(options: EvidenceAddOptions): { covers: { start: string; end: string }; label: string } {
  if ((options.covers === undefined) === (options.window === undefined)) throw new UsageError('give the period the evidence shows: --window (2026-Q1, 2026-03, 2026-H1, 2026) or --covers START..END');
  if (options.window !== undefined) {
    const covers = parseWindow(options.window);
    if (!covers) throw new UsageError(`--window must be a year, half, quarter or month (2026, 2026-H1, 2026-Q1, 2026-03), got "${options.window}"`);
    return { covers, label: options.window };
  }
  const covers = parsePeriodOption(options.covers!, '--covers');
  return { covers, label: `${covers.start}_${covers.end}` };
}

/**
 * `trustops evidence add FILE...`: copies the files under evidence/<control>/, records their SHA-256 and
 * the period they show, and prints the record. Refuses (exit 2, nothing written) a file outside the
 * repository, an unknown control or evidence item, a window that ends after the collection date, and a
 * record or file name that exists.
 */
export async function runEvidenceAdd(files: readonly string[], options: EvidenceAddOptions, io: CliIo): Promise<number> {
  const dir = resolveRepoDir(options.repo, io);
  const today = resolveToday(undefined, io);
  const { covers, label } = resolveWindow(options);
  const collectedOn = options.collectedOn !== undefined ? parseDateOption(options.collectedOn, '--collected-on') : today;
  const collectedBy = options.collectedBy ?? (await new GitRepo(dir).config('user.name'));
  const request: EvidenceRequest = {
    control: options.control,
    item: options.item,
    covers,
    label,
    collectedOn,
    today,
    ...(collectedBy ? { collectedBy } : {}),
    ...(options.note ? { note: options.note } : {}),
  };
  const model = loadRepo((await readRepo(dir, { cache: false })).files);
  const refusal = refuseEvidence(model, request);
  if (refusal) throw new UsageError(refusal);

  // Credentials in a copied export are masked before it is stored (and hashed), so they never enter git.
  const redactions: string[] = [];
  const redact = (bytes: Uint8Array, name: string): Uint8Array => {
    const text = decodeText(bytes);
    if (text === undefined) return bytes;
    const { text: masked, redacted } = redactSecrets(text, { path: name });
    for (const m of redacted) redactions.push(`${name}:${m.line}:${m.column} ${m.ruleId}`);
    return redacted.length ? new TextEncoder().encode(masked) : bytes;
  };
  const added = await addEvidence(dir, {
    files: files.map((f) => resolve(io.cwd, f)),
    request,
    schemaDir: findSchemaDir(dir),
    redact,
    ...(options.dryRun ? { dryRun: true } : {}),
  });
  const verb = added.written ? 'wrote' : 'would write (--dry-run)';
  const lines = [`trustops evidence add: ${verb} ${added.record}`];
  for (const f of added.files) lines.push(f.copied ? `  ${added.written ? 'copied' : 'would copy'} ${f.from} -> ${f.path}` : `  recorded ${f.path} where it is`);
  lines.push('', added.text.trimEnd(), '');
  if (redactions.length) {
    lines.push(`${added.written ? 'Masked' : 'Would mask'} ${redactions.length} credential(s) before storing (the original keeps them): ${redactions.join(', ')}`, '');
  }
  const copied = added.files.filter((f) => f.copied);
  if (added.written && copied.length) lines.push(`The originals are still where they were (${copied.map((f) => f.from).join(', ')}): delete them, or keep them out of git.`, '');
  io.stdout(lines.join('\n'));
  return EXIT.ok;
}

/** The bytes as UTF-8 text, or undefined for binary files (NUL bytes or invalid UTF-8): those are stored as they are. */
function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
