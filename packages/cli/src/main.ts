import { Command, CommanderError, Option } from 'commander';
import { reportError } from './errors.js';
import { EXIT, type CliIo } from './io.js';
import { subcommand, withOptions } from './program.js';
import { registerCollect } from './register-collect.js';
import { toolVersion } from './version.js';

export { EXIT, UsageError, type CliIo } from './io.js';

/** Runs a command and keeps its exit status. */
export type Run = (command: () => Promise<number> | number) => Promise<void>;

/**
 * Parses arguments and runs one command. Returns the exit status instead of exiting so that tests run the
 * real CLI in-process. Each command's module is imported only when that command runs, to start fast.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let status: number = EXIT.ok;
  const program = createProgram(io, async (command) => {
    status = await command();
  });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    return await handleError(error, io);
  }
}

/** What `trustops --help` prints when commander formats for `width` columns (80 off a terminal). */
export function renderProgramHelp(width: number | undefined): string {
  let text = '';
  const program = createProgram({ stdout: (t) => (text += t), stderr: () => undefined, cwd: '.', env: {}, isTty: false }, async () => undefined);
  program.configureOutput({ getOutHelpWidth: () => width ?? 80, getOutHasColors: () => false });
  program.outputHelp();
  return text;
}

/** The whole command line: every command with its options; `run` runs the one parsed. */
export function createProgram(io: CliIo, run: Run): Command {
  const program = new Command('trustops')
    .description('Compliance as code: check, score and publish a CSA STAR / SOC 2 / ISO 27001 program kept in git.')
    .version(toolVersion, '-V, --version', 'print the trustops version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    // `trustops --version` is the tool's; after a command name, `--version` is that command's (catalog's CCM version).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerStart(program, io, run);
  registerCheck(program, io, run);
  registerCatalog(program, io, run);
  registerEvidence(program, io, run);
  registerCollect(program, io, run);
  registerReadiness(program, io, run);
  registerHistory(program, io, run);
  registerGithub(program, io, run);
  registerProgramChanges(program, io, run);
  return program;
}

function registerStart(program: Command, io: CliIo, run: Run): void {
  subcommand(program, 'init', 'start a program here: compliance.yaml, the SSRM, the cloud vendor, policy templates, a starter control, workflows')
    .addOption(new Option('--repo <dir>', 'where to write it').default('.', 'the current directory'))
    .option('--org <name>', 'the organization (legal name)')
    .option('--system <name>', 'the service in scope')
    .addOption(new Option('--service-model <model>', "picks CSA's typical ownership for the SSRM").choices(['saas', 'paas', 'iaas']))
    .addOption(new Option('--cloud <cloud>', "the cloud it runs on: its vendor carries the physical layer").choices(['aws', 'gcp', 'azure', 'none']))
    .addOption(new Option('--ccm <version>', 'CCM version').choices(['4.0.13', '4.1']))
    .option('--lite', 'only the CCM-Lite controls')
    .option('--tsc <categories>', 'SOC 2 categories, comma-separated (security is always in), or none')
    .option('--type1', 'SOC 2 Type I')
    .option('--as-of <date>', 'Type I: the date assessed as of')
    .option('--type2', 'SOC 2 Type II (needs --period)')
    .option('--period <start..end>', 'Type II: the observation period')
    .option('--iso27001', 'ISO/IEC 27001:2022 Annex A too')
    .option('-y, --yes', 'ask nothing: the defaults for what the options leave out (placeholders for names)')
    .option('--today <date>', 'the policies\' effective date (YYYY-MM-DD); default: today (UTC) or $TRUSTOPS_TODAY')
    .action((options: import('./commands/init.js').InitCommandOptions) => run(async () => (await import('./commands/init.js')).runInit(options, io)));
}

function registerCatalog(program: Command, io: CliIo, run: Run): void {
  withOptions(subcommand(program, 'catalog', "look up requirement ids: titles, domains, CCM-Lite, CSA's typical ownership and mappings"), {
    repo: true,
    formats: ['text', 'json'],
    output: true,
  })
    .argument('[framework]', 'ccm, tsc or iso27001', 'ccm')
    .option('--search <text>', 'only requirements whose id, title or domain has every word of this (any case)')
    .option('--domain <id>', 'one CCM domain (IAM), TSC series (CC6) or ISO theme (5)')
    .option('--version <version>', 'the CCM version (4.0.13 or 4.1; for tsc and iso27001, of the CSA mappings shown); default: compliance.yaml\'s, else 4.1')
    .action((framework: string | undefined, options: import('./commands/catalog.js').CatalogCommandOptions) =>
      run(async () => (await import('./commands/catalog.js')).runCatalog(framework, options, io)),
    );
}

function registerEvidence(program: Command, io: CliIo, run: Run): void {
  const evidence = subcommand(program, 'evidence', 'record evidence: copy the files, hash them, write the record').action(() =>
    run(() => {
      evidence.outputHelp({ error: true });
      return EXIT.usage;
    }),
  );
  withOptions(subcommand(evidence, 'add', 'copy files under evidence/<control>/, record their SHA-256 and the period they show'), { repo: true })
    .argument('<file...>', 'the exported files (inside the repository)')
    .requiredOption('--control <id>', 'the control the evidence is for (IAM-MFA)')
    .requiredOption('--item <id>', "one of the control's evidence items (mfa-policy-export)")
    .option('--window <label>', 'the period shown: 2026-Q1, 2026-03, 2026-H1 or 2026')
    .option('--covers <start..end>', 'the period shown, as dates')
    .option('--collected-on <date>', 'when it was collected (default: today, UTC)')
    .option('--collected-by <who>', 'who or what collected it (default: git config user.name)')
    .option('--note <text>', 'what the files show, how they were produced')
    .option('--dry-run', 'show the record and the copies, write nothing')
    .action((files: string[], options: import('./commands/evidence.js').EvidenceAddOptions) =>
      run(async () => (await import('./commands/evidence.js')).runEvidenceAdd(files, options, io)),
    );
}

function registerCheck(program: Command, io: CliIo, run: Run): void {
  withOptions(subcommand(program, 'check', 'validate the repository and fail on findings that reach gate.fail_on'), {
    repo: true,
    formats: ['text', 'json', 'sarif', 'github'],
    output: true,
    today: 'check',
  })
    .option('--base <rev>', 'also run the history rules against this revision (policy versions, weakened controls, rewritten evidence)')
    .option('--acknowledge <ids>', 'control ids whose weakening this change acknowledges (comma-separated; or $TRUSTOPS_ACKNOWLEDGE)')
    .option('--path-prefix <dir>', "github and sarif formats: the repository's folder in the git repository GitHub knows (default: from git)")
    .option('--more-at <where>', 'github format: where else all findings can be read, named when there are more than GitHub annotates')
    .option('--quiet', 'report errors only (the summary still counts every finding)')
    .option('--max-warnings <n>', 'also fail when there are more than this many warnings')
    .action((options: import('./commands/check.js').CheckCommandOptions) => run(async () => (await import('./commands/check.js')).runCheck(options, io)));

  withOptions(subcommand(program, 'rules', 'list the rules with their ids, default severity and description'), { repo: true, formats: ['text', 'json'] }).action(
    (options: { format: 'text' | 'json' }) => run(async () => (await import('./commands/rules.js')).runRulesList(options, io)),
  );
}

function registerReadiness(program: Command, io: CliIo, run: Run): void {
  withOptions(subcommand(program, 'score', 'readiness per framework and per domain, with maturity'), {
    repo: true,
    formats: ['text', 'json', 'markdown'],
    output: true,
    reportType: true,
    today: 'score',
  })
    .addOption(new Option('--framework <key>', 'one framework only').choices(['ccm', 'tsc', 'iso27001']))
    .action((options: import('./commands/score.js').ScoreCommandOptions) => run(async () => (await import('./commands/score.js')).runScore(options, io)));

  withOptions(
    subcommand(program, 'gaps', 'what is not met, worst domain first, with what would close it; or CCM coverage of an existing ISO SoA / SOC 2 matrix'),
    { repo: true, formats: ['text', 'json', 'markdown'], output: true, reportType: true, today: 'score' },
  )
    .option('--from-soa <file>', 'an ISO 27001 Statement of Applicability (CSV or XLSX; 2013 or 2022 Annex A ids): Annex A control, applicable, implemented, justification')
    .option('--from-tsc <file>', 'a SOC 2 control matrix (CSV or XLSX): criteria (several per cell), implemented')
    .option('--sheet <name>', 'with --from-*: the XLSX sheet to read (default: the first with a recognisable header)')
    .option('--columns <field=COL,...>', 'with --from-*: where columns are, by header or letter (requirements=C,status="Implemented?")')
    .action((options: import('./commands/gaps.js').GapsCommandOptions) => run(async () => (await import('./commands/gaps.js')).runGaps(options, io)));

  withOptions(subcommand(program, 'soa', 'the ISO 27001 Statement of Applicability: every Annex A control, applicable or excluded, with its justification and implementation'), {
    repo: true,
    formats: ['text', 'csv', 'json', 'markdown'],
    output: true,
    reportType: true,
    today: 'score',
  }).action((options: import('./commands/soa.js').SoaCommandOptions) => run(async () => (await import('./commands/soa.js')).runSoa(options, io)));

  withOptions(subcommand(program, 'due', 'the PBC list: evidence windows, reviews and renewals due, from whom and by when, and what is overdue'), {
    repo: true,
    formats: ['text', 'json', 'markdown'],
    output: true,
    reportType: true,
    today: 'list what is due',
  })
    .option('--within <span>', 'how far ahead: days, weeks or months (30d, 6w, 3m)', '30d')
    .action((options: import('./commands/due.js').DueCommandOptions) => run(async () => (await import('./commands/due.js')).runDue(options, io)));

  withOptions(subcommand(program, 'explain', 'why a requirement has its status, or what a control contributes, down to files and lines'), {
    repo: true,
    reportType: true,
    today: 'score',
  })
    .argument('<id>', 'a requirement id (IAM-14, CC6.1, 5.17), a domain, series or theme (IAM, CC6, 5), or a control id (IAM-MFA)')
    .action((id: string, options: import('./commands/explain.js').ExplainCommandOptions) =>
      run(async () => (await import('./commands/explain.js')).runExplain(id, options, io)),
    );
}

function registerHistory(program: Command, io: CliIo, run: Run): void {
  withOptions(subcommand(program, 'changelog', 'what changed in the control environment between two revisions, and what it does to readiness'), {
    repo: true,
    formats: ['markdown', 'json'],
    output: true,
    reportType: true,
    today: 'score',
  })
    .argument('[base]', 'base revision; default: the latest release tag, else the merge base with the default branch')
    .argument('[head]', 'head revision; default: the work tree')
    .option('--link-base <url>', 'prefix for file links, e.g. https://github.com/org/repo/blob/<sha>/')
    .option('--tag-pattern <glob>', 'release tags to take BASE from', 'compliance-*')
    .action((base: string | undefined, head: string | undefined, options: import('./commands/changelog.js').ChangelogCommandOptions) =>
      run(async () => (await import('./commands/changelog.js')).runChangelog(base, head, options, io)),
    );

  withOptions(subcommand(program, 'packet', 'build the audit packet: a self-contained site, CAIQ, matrices, OSCAL, evidence index, summary PDF, manifest'), {
    repo: true,
  })
    .option('--out <dir>', 'where audit-packet/ and the zip are written (default: the repository)')
    .option('--zip', 'also write audit-packet-<version>.zip (byte-reproducible)')
    .option('--allow-findings', 'build even with error findings; the packet says so on its first page')
    .action((options: import('./commands/packet.js').PacketCommandOptions) => run(async () => (await import('./commands/packet.js')).runPacket(options, io)));
}

function registerGithub(program: Command, io: CliIo, run: Run): void {
  const github = subcommand(program, 'github', 'publish to GitHub from Actions: a sticky pull-request comment, a release with the audit packet').action(() =>
    run(() => {
      // `trustops github` alone: which of the subcommands, like `trustops` alone.
      github.outputHelp({ error: true });
      return EXIT.usage;
    }),
  );
  withOptions(subcommand(github, 'pr-comment', "post the pull request's compliance impact (changelog, check, readiness) as one comment, updated on every run"), {
    repo: true,
  })
    .option('--base <rev>', "compare with this revision; default: the pull request's base commit from the event payload")
    .option('--summary <file>', 'also write the Markdown to this file ($GITHUB_STEP_SUMMARY is appended to when set)')
    .option('--body-only', 'print the comment body and call no API (for a read-only token; upload it as an artifact)')
    .option('--body-file <file>', 'post a body made by --body-only without reading the repository (workflow_run job)')
    .option('--pr <number>', 'the pull request; default: from the event payload')
    .action((options: import('./commands/github.js').GithubPrCommentOptions) =>
      run(async () => (await import('./commands/github.js')).runGithubPrComment(options, io)),
    );
  subcommand(github, 'release', 'create or update the release of an audit packet: notes from its readiness and changelog, its zips and SHA256SUMS as assets')
    .requiredOption('--packet <dir>', 'the folder with the packet zip(s), and SHA256SUMS here or in audit-packet/')
    .addOption(new Option('--repo <dir>', 'the compliance repository').default('.', 'the current directory'))
    .option('--tag <tag>', 'release tag; default: compliance-<YYYY-MM-DD of the commit>-<short sha>')
    .action((options: import('./commands/github.js').GithubReleaseOptions) =>
      run(async () => (await import('./commands/github.js')).runGithubRelease(options, io)),
    );
}

function registerProgramChanges(program: Command, io: CliIo, run: Run): void {
  withOptions(subcommand(program, 'migrate', "move the program to another CCM version: renumber its ids through CSA's crosswalk, in place, and report what to decide"), {
    repo: true,
    output: true,
  })
    .requiredOption('--ccm <version>', 'the CCM version to move to (4.1)')
    .option('--from <version>', 'the version the ids are in now, when the files do not say (compliance.yaml edited by hand)')
    .option('--dry-run', 'print the report, write nothing')
    .action((options: import('./commands/migrate.js').MigrateCommandOptions) => run(async () => (await import('./commands/migrate.js')).runMigrate(options, io)));

  withOptions(subcommand(program, 'import', "bring an existing program in: an ISO 27001 SoA, a SOC 2 control matrix or a CCM matrix (CSV or XLSX) becomes controls, SSRM entries and exclusions"), {
    repo: true,
    formats: ['text', 'json'],
  })
    .argument('<kind>', 'soa | tsc-matrix | ccm-matrix')
    .argument('<file>', 'the spreadsheet: CSV (",", ";" or tab; UTF-8 or Windows-1252) or XLSX')
    .option('--sheet <name>', 'the XLSX sheet to read (default: the first with a recognisable header)')
    .option('--columns <field=COL,...>', 'where columns are, by header or letter: requirements, id, title, description, owner, status, applicable, justification, frequency, ownership, csp, csc, vendor')
    .option('--ccm-version <version>', 'ccm-matrix: the CCM version of the file\'s ids (default: the program\'s)')
    .option('--dry-run', 'say what would be written, write nothing')
    .action((kind: string, file: string, options: import('./commands/import.js').ImportCommandOptions) =>
      run(async () => (await import('./commands/import.js')).runImport(kind, file, options, io)),
    );
}

async function handleError(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof CommanderError) {
    // --help and --version end through here too, successfully.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  return reportError(error, io);
}
