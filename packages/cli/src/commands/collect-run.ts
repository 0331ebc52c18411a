import { spawn } from 'node:child_process';
import { parseWindow, writeCollectedEvidence } from '@trustops/core';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { collectedAt, loadModel, outcomeLines, redactText, refuseTarget, runUrl, TOOL } from './collect-shared.js';
import { findSchemaDir, parsePeriodOption, resolveRepoDir, resolveToday } from './shared.js';

export interface CollectRunOptions {
  repo?: string;
  control: string;
  item: string;
  window?: string;
  covers?: string;
  ext?: string;
  toolVersion?: string;
  dryRun?: boolean;
}

/** Output larger than this is refused: evidence files are parsed and hashed whole. */
const MAX_OUTPUT = 64 * 1024 * 1024;
const STDERR_TAIL = 2000;

interface Ran {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
  error?: NodeJS.ErrnoException;
}

/** Runs the command without a shell (its arguments are passed as they are), keeping stdout whole and stderr's tail. */
function runCommand(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...(timeoutMs ? { timeout: timeoutMs } : {}) });
    const out: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let error: NodeJS.ErrnoException | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) child.kill();
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    child.on('error', (e) => (error = e));
    child.on('close', (status, signal) => resolve({ status: size > MAX_OUTPUT ? null : status, signal, stdout: Buffer.concat(out), stderr, ...(error ? { error } : {}) }));
  });
}

/** The first line `COMMAND --version` prints, or undefined when it prints nothing or fails. */
async function versionOf(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const ran = await runCommand([command, '--version'], cwd, env, 10_000);
  if (ran.error || ran.status !== 0) return undefined;
  return ran.stdout.toString('utf8').split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 200);
}

/**
 * `trustops collect run --control ID --item ID --window W -- COMMAND ARGS...`: any export or scan becomes
 * a record. Its standard output is the file; the command line, exit status, time and the tool's version go
 * into the record's provenance. A command that fails (or cannot start) writes nothing and exits 1 with the
 * tail of its standard error.
 */
export async function runCollectRun(command: readonly string[], options: CollectRunOptions, io: CliIo): Promise<number> {
  if (command.length === 0) throw new UsageError('give the command after --: trustops collect run --control ID --item ID --window W -- COMMAND ARGS...');
  const dir = resolveRepoDir(options.repo, io);
  const today = resolveToday(undefined, io);
  if ((options.window === undefined) === (options.covers === undefined)) throw new UsageError('give the period the output shows: --window (2026-Q1, 2026-03, 2026-H1, 2026) or --covers START..END');
  const covers = options.window !== undefined ? parseWindow(options.window) : parsePeriodOption(options.covers!, '--covers');
  if (!covers) throw new UsageError(`--window must be a year, half, quarter or month (2026, 2026-H1, 2026-Q1, 2026-03), got "${options.window}"`);
  const label = options.window ?? `${covers.start}_${covers.end}`;
  const ext = options.ext ?? 'txt';
  if (!/^[a-z0-9]{1,10}$/i.test(ext)) throw new UsageError(`--ext must be a file extension such as json, csv or txt, got "${ext}"`);
  const model = await loadModel(dir);
  const target = { control: options.control, item: options.item, covers, label, collectedOn: today };
  refuseTarget(model, target, today, 'collect run');

  const env = { ...process.env, ...io.env };
  const at = collectedAt(io);
  const ran = await runCommand(command, io.cwd, env);
  if (ran.error || ran.status !== 0) {
    const why = ran.error ? `could not start (${ran.error.code ?? ran.error.message})` : ran.status === null ? (ran.signal ? `was killed (${ran.signal})` : `printed more than ${MAX_OUTPUT} bytes`) : `exited with status ${ran.status}`;
    const tail = ran.stderr.trimEnd();
    io.stderr(`trustops: ${command[0]} ${why}; nothing was written${tail ? `. The end of its standard error:\n${tail}` : ''}\n`);
    return EXIT.failed;
  }
  const version = options.toolVersion ?? (await versionOf(command[0]!, io.cwd, env));
  const name = `${label}-${options.item}.${ext}`;
  const text = ran.stdout.toString('utf8');
  const masked = text.includes('\u0000') ? { text, redacted: [] } : redactText(text, name);
  const bytes = masked.redacted.length ? new TextEncoder().encode(masked.text) : new Uint8Array(ran.stdout);
  const outcomes = await writeCollectedEvidence(
    dir,
    model,
    [
      {
        ...target,
        collectedBy: `automation:${command[0]!.split('/').pop()}`,
        note: `The standard output of \`${redactText(command.join(' '), 'command').text.slice(0, 300)}\`, recorded by \`trustops collect run\`.`,
        files: [{ suffix: `.${ext}`, bytes }],
        // A token given on the command line is masked in the record as in the output.
        provenance: { tool: TOOL, collector: 'command', collected_at: at, ...(runUrl(io) ? { run_url: runUrl(io)! } : {}), command: command.map((arg) => redactText(arg, 'command').text), exit_status: 0, ...(version ? { tool_version: version } : {}) },
        writtenBy: 'trustops collect run',
      },
    ],
    { schemaDir: findSchemaDir(dir), ...(options.dryRun ? { dryRun: true } : {}) },
  );
  const lines = ['trustops collect run:', ...outcomeLines(outcomes, () => `${bytes.length} bytes of output`)];
  if (masked.redacted.length) lines.push(`Masked ${masked.redacted.length} credential(s) before storing: ${masked.redacted.join(', ')}`);
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
