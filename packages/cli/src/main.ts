import { Command, CommanderError, Option } from 'commander';
import { EXIT, UsageError, type CliIo } from './io.js';
import { toolVersion } from './version.js';

export { EXIT, UsageError, type CliIo } from './io.js';

/**
 * Parses arguments and runs one command. Returns the exit status instead of exiting so that tests run the
 * real CLI in-process. Each command's module is imported only when that command runs, to start fast.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let status: number = EXIT.ok;
  const program = new Command('trustops')
    .description('Compliance as code: check, score and publish a CSA STAR / SOC 2 / ISO 27001 program kept in git.')
    .version(toolVersion, '-V, --version', 'print the trustops version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const repoOption = () => new Option('--repo <dir>', 'the compliance repository').default('.', 'the current directory');

  program
    .command('check')
    .description('validate the repository and fail on findings that reach gate.fail_on')
    .addOption(repoOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif', 'github']).default('text'))
    .option('--output <file>', 'write the report to a file instead of standard output')
    .option('--today <date>', 'check as of this date (YYYY-MM-DD); default: today (UTC) or $TRUSTOPS_TODAY')
    .option('--base <rev>', 'also run the history rules against this revision (policy versions, weakened controls, rewritten evidence)')
    .option('--acknowledge <ids>', 'control ids whose weakening this change acknowledges (comma-separated; or $TRUSTOPS_ACKNOWLEDGE)')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .action(async (options: import('./commands/check.js').CheckCommandOptions) => {
      const { runCheck } = await import('./commands/check.js');
      status = await runCheck(options, io);
    });

  const typeOptions = (cmd: Command) =>
    cmd
      .option('--type1', 'Type I view: count controls that are designed and implemented')
      .option('--type2', 'Type II view: count controls that also operate, with evidence for every ended window')
      .option('--today <date>', 'score as of this date (YYYY-MM-DD); default: today (UTC) or $TRUSTOPS_TODAY');

  typeOptions(
    program
      .command('score')
      .description('readiness per framework and per domain, with maturity')
      .addOption(repoOption())
      .addOption(new Option('--framework <key>', 'one framework only').choices(['ccm', 'tsc', 'iso27001']))
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
      .option('--output <file>', 'write to a file instead of standard output'),
  )
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .action(async (options: import('./commands/score.js').ScoreCommandOptions) => {
      if (options.type1 && options.type2) throw new UsageError('use --type1 or --type2, not both');
      const { runScore } = await import('./commands/score.js');
      status = await runScore(options, io);
    });

  typeOptions(
    program
      .command('gaps')
      .description('what is not met, worst domain first, with what would close it; or CCM coverage of an existing ISO SoA / SOC 2 matrix')
      .addOption(repoOption())
      .option('--from-soa <file.csv>', 'an ISO 27001 Statement of Applicability: Annex A id, applicable, implemented, justification')
      .option('--from-tsc <file.csv>', 'a SOC 2 control matrix mapped to TSC: criterion id, implemented')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
      .option('--output <file>', 'write to a file instead of standard output'),
  )
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .action(async (options: import('./commands/gaps.js').GapsCommandOptions) => {
      const { runGaps } = await import('./commands/gaps.js');
      status = await runGaps(options, io);
    });

  typeOptions(
    program
      .command('explain')
      .description('why a requirement has its status, or what a control contributes, down to files and lines')
      .argument('<id>', 'a requirement id (IAM-14, CC6.1, 5.17) or a control id (IAM-MFA)')
      .addOption(repoOption()),
  )
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .action(async (id: string, options: import('./commands/explain.js').ExplainCommandOptions) => {
      const { runExplain } = await import('./commands/explain.js');
      status = await runExplain(id, options, io);
    });

  typeOptions(
    program
      .command('changelog')
      .description('what changed in the control environment between two revisions, and what it does to readiness')
      .argument('[base]', 'base revision; default: the latest release tag, else the merge base with the default branch')
      .argument('[head]', 'head revision; default: the work tree')
      .addOption(repoOption())
      .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
      .option('--output <file>', 'write to a file instead of standard output')
      .option('--link-base <url>', 'prefix for file links, e.g. https://github.com/org/repo/blob/<sha>/')
      .option('--tag-pattern <glob>', 'release tags to take BASE from', 'compliance-*'),
  )
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .action(async (base: string | undefined, head: string | undefined, options: import('./commands/changelog.js').ChangelogCommandOptions) => {
      const { runChangelog } = await import('./commands/changelog.js');
      status = await runChangelog(base, head, options, io);
    });

  program
    .command('packet')
    .description('build the audit packet: a self-contained site, CAIQ, matrices, OSCAL, evidence index, summary PDF, manifest')
    .addOption(repoOption())
    .option('--out <dir>', 'where audit-packet/ and the zip are written (default: the repository)')
    .option('--zip', 'also write audit-packet-<version>.zip (byte-reproducible)')
    .option('--allow-findings', 'build even with error findings; the packet says so on its first page')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .action(async (options: import('./commands/packet.js').PacketCommandOptions) => {
      const { runPacket } = await import('./commands/packet.js');
      status = await runPacket(options, io);
    });

  const github = program
    .command('github')
    .description('publish to GitHub from Actions: a sticky pull-request comment, a release with the audit packet')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .action(() => {
      // `trustops github` alone: which of the subcommands, like `trustops` alone.
      github.outputHelp({ error: true });
      status = EXIT.usage;
    });
  github
    .command('pr-comment')
    .description("post the pull request's compliance impact (changelog, check, readiness) as one comment, updated on every run")
    .addOption(repoOption())
    .option('--base <rev>', "compare with this revision; default: the pull request's base commit from the event payload")
    .option('--summary <file>', 'also write the Markdown to this file ($GITHUB_STEP_SUMMARY is appended to when set)')
    .option('--body-only', 'print the comment body and call no API (for a read-only token; upload it as an artifact)')
    .option('--body-file <file>', 'post a body made by --body-only without reading the repository (workflow_run job)')
    .option('--pr <number>', 'the pull request; default: from the event payload')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .action(async (options: import('./commands/github.js').GithubPrCommentOptions) => {
      const { runGithubPrComment } = await import('./commands/github.js');
      status = await runGithubPrComment(options, io);
    });
  github
    .command('release')
    .description('create or update the release of an audit packet: notes from its readiness and changelog, its zips and SHA256SUMS as assets')
    .requiredOption('--packet <dir>', 'the folder with the packet zip(s), and SHA256SUMS here or in audit-packet/')
    .addOption(repoOption())
    .option('--tag <tag>', 'release tag; default: compliance-<YYYY-MM-DD of the commit>-<short sha>')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .action(async (options: import('./commands/github.js').GithubReleaseOptions) => {
      const { runGithubRelease } = await import('./commands/github.js');
      status = await runGithubRelease(options, io);
    });

  program
    .command('rules')
    .description('list the rules with their ids, default severity and description')
    .addOption(repoOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .action(async (options: { format: 'text' | 'json' }) => {
      const { runRulesList } = await import('./commands/rules.js');
      status = runRulesList(options, io);
    });

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (error) {
    return handleError(error, io);
  }
}

function handleError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here too, successfully.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.stderr(`trustops: ${error.message}\n`);
    return EXIT.usage;
  }
  const code = (error as { code?: unknown }).code;
  const name = (error as { name?: unknown }).name;
  if (name === 'TrustopsError') {
    io.stderr(`trustops: ${(error as Error).message}\n`);
    return code === 'REPO_NOT_FOUND' || code === 'INVALID_OPTION' ? EXIT.usage : EXIT.internal;
  }
  io.stderr(`trustops: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (io.env.TRUSTOPS_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr('This is a bug in trustops; rerun with TRUSTOPS_DEBUG=1 for details and report it.\n');
  return EXIT.internal;
}
