import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_FILES, patch, writeTempRepo } from '@trustops/core/testing';
import { FAST_COMMANDS, runFastPath } from './fast-path.js';
import { createProgram, runCli, type CliIo } from './main.js';

interface Outcome {
  status: number | undefined;
  stdout: string;
  stderr: string;
  /** What --output wrote, if anything. */
  written?: string;
}

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

function repo(compliance: string | undefined): string {
  const files: Record<string, string> = { ...BASE_FILES };
  if (compliance === undefined) delete files['compliance.yaml'];
  else files['compliance.yaml'] = compliance;
  const { dir, cleanup } = writeTempRepo(files);
  cleanups.push(cleanup);
  return dir;
}

const base = BASE_FILES['compliance.yaml']!;
const repos = {
  ccm4013: repo(base),
  ccm41: repo(patch(base, 'version: "4.0.13"', 'version: "4.1"')),
  invalid: repo(`${base}colour: blue\n`),
  versionNumber: repo(patch(base, 'version: "4.0.13"', 'version: 4.1')),
  none: repo(undefined),
};
const outside = mkdtempSync(join(tmpdir(), 'trustops-fast-'));
cleanups.push(() => rmSync(outside, { recursive: true, force: true }));

/** One run, through the fast path (undefined: it declined) or the whole program, in `cwd`. */
async function runOnce(way: 'fast' | 'full', argv: string[], cwd: string): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {}, isTty: false };
  const flag = argv.findIndex((a) => a === '--output' || a === '-o');
  const target = flag >= 0 && argv[flag + 1] !== undefined ? join(cwd, argv[flag + 1]!) : undefined;
  if (target) rmSync(target, { force: true });
  const status = way === 'fast' ? await runFastPath(argv, io) : await runCli(argv, io);
  return { status, stdout, stderr, ...(target && existsSync(target) ? { written: readFileSync(target, 'utf8') } : {}) };
}

// Every option of both commands, in every spelling the fast path reads, alone and together, inside and
// outside a program: the fast path must print what commander's program prints, byte for byte.
const answered: [string, string[], string][] = [
  ['rules', ['rules'], outside],
  ['rules json', ['rules', '--format', 'json'], outside],
  ['rules -f json', ['rules', '-f', 'json'], outside],
  ['rules --format=text', ['rules', '--format=text'], outside],
  ['rules --repo', ['rules', '--repo', repos.ccm4013], outside],
  ['rules --repo= -f json', ['rules', `--repo=${repos.none}`, '-f', 'json'], outside],
  ['catalog outside a program', ['catalog'], outside],
  ['catalog in a CCM 4.0.13 program (found from the working directory)', ['catalog'], repos.ccm4013],
  ['catalog --repo 4.1', ['catalog', '--repo', repos.ccm41], outside],
  ['catalog --repo with an invalid compliance.yaml', ['catalog', '--repo', repos.invalid], outside],
  ['catalog --repo with a numeric version', ['catalog', '--repo', repos.versionNumber], outside],
  ['catalog --repo without compliance.yaml', ['catalog', '--repo', repos.none], outside],
  ['catalog --repo missing', ['catalog', '--repo', join(outside, 'nowhere')], outside],
  ['catalog tsc', ['catalog', 'tsc', '--repo', repos.ccm4013], outside],
  ['catalog iso27001 json', ['catalog', 'iso27001', '--format', 'json'], outside],
  ['catalog ccm -f json --version 4.0.13', ['catalog', 'ccm', '-f', 'json', '--version', '4.0.13'], outside],
  ['catalog --version=4.1 --search', ['catalog', '--version=4.1', '--search', 'key management'], outside],
  ['catalog --search that finds nothing (exit 1)', ['catalog', '--search', 'zzzz-nothing'], outside],
  ['catalog --domain', ['catalog', '--domain', 'IAM'], repos.ccm41],
  ['catalog --domain lower case, framework after the options', ['catalog', '--domain', 'cc6', 'tsc'], outside],
  ['catalog --domain unknown (usage error)', ['catalog', '--domain', 'XYZ'], outside],
  ['catalog unknown framework (usage error)', ['catalog', 'nist'], outside],
  ['catalog --version unknown (usage error)', ['catalog', '--version', '3.0'], outside],
  ['catalog --output', ['catalog', 'tsc', '--output', 'out/listing.txt'], outside],
  ['catalog -o json', ['catalog', '-o', 'listing.json', '-f', 'json', '--search', 'encryption'], outside],
  ['catalog --search= (empty)', ['catalog', '--search='], outside],
];

// Command lines the fast path leaves to commander: help, mistakes, spellings it does not read.
const declined: string[][] = [
  [],
  ['--help'],
  ['rules', '--help'],
  ['rules', '-h'],
  ['rules', '--format', 'xml'],
  ['rules', '--format'],
  ['rules', '--format', 'json', '--format', 'text'],
  ['rules', 'extra'],
  ['rules', '--quiet'],
  ['rules', '-fjson'],
  ['rules', '--repo', '--format'],
  ['catalog', 'ccm', 'tsc'],
  ['catalog', '--help'],
  ['catalog', '--', 'ccm'],
  ['catalog', '--search'],
  ['catalog', '-o'],
  ['check'],
  ['score', '--format', 'json'],
];

describe('the fast path of rules and catalog', () => {
  it.each(answered)('prints what the program prints: %s', async (_name, argv, cwd) => {
    const fast = await runOnce('fast', argv, cwd);
    expect(fast.status, 'the fast path answered').not.toBeUndefined();
    const full = await runOnce('full', argv, cwd);
    expect(fast).toEqual(full);
    expect(fast.stdout.length + fast.stderr.length + (fast.written?.length ?? 0)).toBeGreaterThan(0);
  });

  it.each(declined.map((argv) => [argv.join(' ') || '(nothing)', argv] as const))('leaves %s to commander', async (_name, argv) => {
    expect((await runOnce('fast', [...argv], outside)).status).toBeUndefined();
  });

  it("knows each command's options as the program defines them (flags, choices, defaults, arguments)", () => {
    const program = createProgram({ stdout: () => undefined, stderr: () => undefined, cwd: outside, env: {}, isTty: false }, async () => undefined);
    for (const fast of FAST_COMMANDS) {
      const command = program.commands.find((c) => c.name() === fast.name)!;
      const options = command.options.map((o) => ({
        long: o.long,
        ...(o.short ? { short: o.short } : {}),
        key: o.attributeName(),
        ...(o.argChoices ? { choices: o.argChoices } : {}),
        ...(o.defaultValue !== undefined ? { default: o.defaultValue as string } : {}),
        takesValue: o.required,
      }));
      expect(options, fast.name).toEqual(fast.options.map((o) => ({ ...o, takesValue: true })));
      expect(
        command.registeredArguments.map((a) => ({ name: a.name(), required: a.required, variadic: a.variadic, default: a.defaultValue as unknown })),
        fast.name,
      ).toEqual(fast.args.map((a) => ({ name: a.name, required: false, variadic: false, default: a.default })));
    }
  });
});
