import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import {
  CLOUD_VENDORS,
  CLOUDS,
  GitRepo,
  inScopeCcmControls,
  proposeAssignment,
  scaffoldProgram,
  SERVICE_MODEL_LABEL,
  SERVICE_MODELS,
  STARTER_CONTROL_FILE,
  STARTER_EVIDENCE_ITEM,
  TrustopsError,
  TSC_CATEGORIES,
  updateGitignore,
  type CloudKey,
  type InitChoices,
  type PackageManager,
  type ServiceModel,
} from '@trustops/core';
import { resolveCcmVersion } from '@trustops/frameworks';
import { EXIT, UsageError, type CliIo } from '../io.js';
import { findSchemaDir, parseDateOption, parsePeriodOption, resolveToday } from './shared.js';

export interface InitCommandOptions {
  repo?: string;
  org?: string;
  system?: string;
  serviceModel?: string;
  cloud?: string;
  ccm?: string;
  lite?: boolean;
  tsc?: string;
  type1?: boolean;
  type2?: boolean;
  asOf?: string;
  period?: string;
  iso27001?: boolean;
  yes?: boolean;
  today?: string;
}

type Ask = (question: string, fallback: string) => Promise<string>;

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

type Categories = NonNullable<InitChoices['tsc']>['categories'];

/** --tsc security,availability (security is always in: the common criteria), or none. */
function parseCategories(value: string): Categories | 'none' {
  if (value.trim() === 'none') return 'none';
  const list = value.split(',').map((c) => oneOf(c.trim(), TSC_CATEGORIES, '--tsc'));
  return TSC_CATEGORIES.filter((c) => c === 'security' || list.includes(c));
}

/** The choices from the options, asking at the terminal for what they leave out (unless --yes). */
async function resolveChoices(options: InitCommandOptions, io: CliIo, base: Pick<InitChoices, 'today' | 'schemaDir' | 'packageManager' | 'gitPrefix'>): Promise<InitChoices> {
  if (options.type1 && options.type2) throw new UsageError('use --type1 or --type2, not both');
  if (options.asOf !== undefined && options.type2) throw new UsageError('--as-of is the date of a Type I report; a Type II report has a --period');
  if (options.period !== undefined && options.type1) throw new UsageError('--period is the observation period of a Type II report; a Type I report has an --as-of date');
  if (!options.yes && !io.prompt) {
    throw new UsageError('trustops init asks its questions on a terminal: run it in one, or pass --yes to take the defaults for what the options leave out');
  }
  const ask: Ask = async (question, fallback) => {
    if (options.yes || !io.prompt) return fallback;
    const answer = (await io.prompt(`${question} [${fallback === '' ? 'Enter: a TODO to fill in later' : fallback}] `)).trim();
    return answer === '' ? fallback : answer;
  };
  const organization = options.org ?? (await ask('Organization (legal name)', ''));
  const system = options.system ?? (await ask('System (the service in scope)', ''));
  const serviceModel = oneOf(options.serviceModel ?? (await ask('Service model: saas, paas or iaas', 'saas')), SERVICE_MODELS, '--service-model');
  const cloud = oneOf(options.cloud ?? (await ask('Cloud it runs on: aws, gcp, azure or none', 'none')), CLOUDS, '--cloud');
  const ccmVersion = options.ccm ?? (await ask('CCM version: 4.0.13 or 4.1', '4.1'));
  if (!['4.0.13', '4.1'].includes(ccmVersion) || !resolveCcmVersion(ccmVersion)) throw new UsageError(`--ccm must be 4.0.13 or 4.1, got "${ccmVersion}"`);
  const lite = options.lite ?? false;
  const categories = parseCategories(options.tsc ?? (options.type1 || options.type2 ? 'security' : await ask('SOC 2 categories (comma-separated; none for no SOC 2)', 'security')));
  let tsc: InitChoices['tsc'];
  if (categories !== 'none') {
    const report = options.type2 || options.period !== undefined ? 'type2' : options.type1 || options.asOf !== undefined ? 'type1' : oneOf(await ask('SOC 2 report: type1 or type2', 'type1'), ['type1', 'type2'] as const, 'the report');
    tsc = { categories, report };
    if (report === 'type1' && options.asOf !== undefined) tsc.asOf = parseDateOption(options.asOf, '--as-of');
    if (report === 'type2') {
      const period = options.period ?? (options.yes ? undefined : await ask('Type II observation period (START..END)', ''));
      if (!period) throw new UsageError('--type2 needs the observation period: --period START..END');
      tsc.period = parsePeriodOption(period, '--period');
    }
  } else if (options.type1 || options.type2) {
    throw new UsageError('--type1 and --type2 are SOC 2 reports: they need TSC categories (--tsc security,...), not --tsc none');
  }
  const iso27001 = options.iso27001 ?? ['y', 'yes'].includes((await ask('ISO 27001:2022 too? (y/n)', 'n')).toLowerCase());
  return {
    ...base,
    ...(organization ? { organization } : {}),
    ...(system ? { system } : {}),
    serviceModel: serviceModel as ServiceModel,
    cloud: cloud as CloudKey | 'none',
    ccmVersion,
    lite,
    ...(tsc ? { tsc } : {}),
    iso27001,
  };
}

/** The package manager whose lockfile is in the folder or above it (the workflows install with it). */
function detectPackageManager(dir: string): PackageManager {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'pnpm-lock.yaml'))) return 'pnpm';
    if (existsSync(join(d, 'yarn.lock'))) return 'yarn';
    if (existsSync(join(d, 'package-lock.json')) || existsSync(join(d, 'package.json'))) return 'npm';
    if (dirname(d) === d) return 'npm';
  }
}

/** Creates a file that does not exist; false when it does (it is kept as it is). */
async function createFile(path: string, text: string): Promise<boolean> {
  if (existsSync(path)) return false;
  await mkdir(dirname(path), { recursive: true });
  try {
    await writeFile(path, text, { encoding: 'utf8', flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function describeScope(c: InitChoices): string {
  const parts = [`CCM ${c.ccmVersion}${c.lite ? ' (CCM-Lite)' : ''}`];
  if (c.tsc) parts.push(`SOC 2 ${c.tsc.report === 'type1' ? 'Type I' : 'Type II'} (${c.tsc.categories.join(', ')})`);
  if (c.iso27001) parts.push('ISO 27001:2022');
  const where = c.cloud === 'none' ? '' : ` on ${CLOUD_VENDORS[c.cloud].name}`;
  return `${parts.join(', ')} for a ${SERVICE_MODEL_LABEL[c.serviceModel]}${where}`;
}

function describeSsrm(c: InitChoices): string {
  const cloud = c.cloud === 'none' ? undefined : CLOUD_VENDORS[c.cloud];
  const counts = new Map<string, number>();
  const controls = inScopeCcmControls(c.ccmVersion, c.lite);
  for (const control of controls) {
    const o = proposeAssignment(control, c.serviceModel, cloud).ownership;
    counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  const order = ['csp-owned', 'shared-csp-csc', 'csc-owned', 'third-party-outsourced', 'shared-csp-third-party'];
  return `${controls.length} CCM controls: ${order.filter((o) => counts.has(o)).map((o) => `${counts.get(o)} ${o}`).join(', ')}`;
}

/** `trustops init`: a program to start from, in an empty (or not yet compliant) repository. */
export async function runInit(options: InitCommandOptions, io: CliIo): Promise<number> {
  const dir = resolve(io.cwd, options.repo ?? '.');
  const git = new GitRepo(dir);
  const gitPrefix = existsSync(dir) ? await git.prefix().catch(() => '') : '';
  const gitRoot = gitPrefix ? resolve(dir, ...gitPrefix.split('/').filter(Boolean).map(() => '..')) : dir;
  const choices = await resolveChoices(options, io, {
    today: resolveToday(options.today, io),
    schemaDir: findSchemaDir(dir),
    packageManager: detectPackageManager(dir),
    gitPrefix,
  });

  const lines = [`trustops init: ${describeScope(choices)}, in ${relative(io.cwd, dir) || '.'}`];
  try {
    for (const file of scaffoldProgram(choices)) {
      const target = join(file.root === 'git' ? gitRoot : dir, file.path);
      const shown = relative(io.cwd, target).split('\\').join('/');
      const written = await createFile(target, file.text);
      const note = file.path.endsWith('responsibility/ccm.yaml') ? ` (${describeSsrm(choices)})` : '';
      lines.push(written ? `  wrote  ${shown}${note}` : `  kept   ${shown} (it exists; not overwritten)`);
    }
    const gitignore = join(dir, '.gitignore');
    const before = existsSync(gitignore) ? await readFile(gitignore, 'utf8') : undefined;
    const after = updateGitignore(before);
    if (after !== undefined) {
      await writeFile(gitignore, after, 'utf8');
      lines.push(`  ${before === undefined ? 'wrote ' : 'added '} ${relative(io.cwd, gitignore) || '.gitignore'} (the audit packet is not committed)`);
    }
  } catch (cause) {
    if (cause instanceof TrustopsError || cause instanceof UsageError) throw cause;
    throw new TrustopsError('WRITE_FAILED', `cannot write the program in ${dir}: ${(cause as Error).message}`, { cause });
  }
  const window = nextQuarterLabel(choices.today);
  lines.push(
    '',
    'Next:',
    '  trustops check                 # lists every TODO to replace (content/placeholder) and what else is missing',
    '  trustops score                 # readiness: near zero until controls are written and operating',
    '  trustops catalog --search "strong authentication"   # requirement ids for your controls (maps:)',
    `  trustops evidence add FILE --control IAM-MFA --item ${STARTER_EVIDENCE_ITEM} --window ${window}`,
    `                                 # records evidence for ${STARTER_CONTROL_FILE} once it is in place`,
    '',
  );
  io.stdout(lines.join('\n'));
  return EXIT.ok;
}

/** The quarter that ended last before `today`, as evidence add names windows (2026-Q3). */
function nextQuarterLabel(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const q = Math.floor((m - 1) / 3);
  return q === 0 ? `${y - 1}-Q4` : `${y}-Q${q}`;
}
