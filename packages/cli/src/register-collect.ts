import type { Command } from 'commander';
import { EXIT, type CliIo } from './io.js';
import { subcommand, withOptions } from './program.js';

type Run = (command: () => Promise<number> | number) => Promise<void>;

/** `trustops collect github|run` and `trustops sample`: evidence that collects itself, and samples an auditor can draw again. */
export function registerCollect(program: Command, io: CliIo, run: Run): void {
  const collect = subcommand(program, 'collect', 'collect evidence: from GitHub, or from any command, as append-only records').action(() =>
    run(() => {
      collect.outputHelp({ error: true });
      return EXIT.usage;
    }),
  );
  withOptions(subcommand(collect, 'github', "run the collectors compliance.yaml's collect.github configures: changes, branch protection, access, vulnerability alerts"), { repo: true })
    .option('--window <label>', 'the window: previous (the last ended one of each item\'s frequency), 2026-Q1, 2026-03, 2026-H1 or 2026')
    .option('--since <date>', 'the window\'s first day (with --until)')
    .option('--until <date>', 'the window\'s last day (with --since)')
    .option('--dry-run', 'collect and say what would be written, write nothing')
    .option('--if-configured', 'without collect.github in compliance.yaml, say so and exit 0 (for a scheduled workflow)')
    .action((options: import('./commands/collect.js').CollectGithubOptions) => run(async () => (await import('./commands/collect.js')).runCollectGithub(options, io)));
  withOptions(subcommand(collect, 'run', "run a command and record its standard output as evidence (an export, a scan); a failing command writes nothing"), { repo: true })
    .argument('<command...>', 'the command and its arguments, after --')
    .requiredOption('--control <id>', 'the control the evidence is for')
    .requiredOption('--item <id>', "one of the control's evidence items")
    .option('--window <label>', 'the period shown: 2026-Q1, 2026-03, 2026-H1 or 2026')
    .option('--covers <start..end>', 'the period shown, as dates')
    .option('--ext <ext>', 'the extension of the stored output (default: txt)')
    .option('--tool-version <text>', "the tool's version for the record (default: the first line of COMMAND --version)")
    .option('--dry-run', 'run the command, say what would be written, write nothing')
    .action((command: string[], options: import('./commands/collect-run.js').CollectRunOptions) =>
      run(async () => (await import('./commands/collect-run.js')).runCollectRun(command, options, io)),
    );
  withOptions(subcommand(program, 'sample', "draw a reproducible sample from a record's population and record it beside it"), { repo: true })
    .argument('<record>', 'the evidence record with the population (evidence/<control>/<name>.yaml)')
    .requiredOption('--size <n>', 'how many items, or auto (by the control\'s frequency; see README)')
    .option('--seed <text>', "the seed (default: the population file's SHA-256)")
    .option('--item <id>', "the evidence item the sample is recorded for (default: the population record's)")
    .option('--dry-run', 'draw and show the sample, write nothing')
    .action((record: string, options: import('./commands/sample.js').SampleOptions) => run(async () => (await import('./commands/sample.js')).runSample(record, options, io)));
}
