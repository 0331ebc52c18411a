import { Command, Option } from 'commander';

/** What every subcommand shares: a name, one line of description, -h/--help, errors as exceptions. */
export function subcommand(parent: Command, name: string, description: string): Command {
  return parent.command(name).description(description).helpOption('-h, --help', 'show help').exitOverride();
}

export interface SharedOptions {
  /** --repo DIR (default: the current directory). */
  repo?: boolean;
  /** --format with these choices, the first being the default. */
  formats?: readonly string[];
  /** --output FILE. */
  output?: boolean;
  /** --today DATE, and what the date is used for. */
  today?: string;
  /** --type1 / --type2. */
  reportType?: boolean;
}

/** Adds the options commands share, in the same words everywhere. */
export function withOptions(cmd: Command, shared: SharedOptions): Command {
  if (shared.repo) cmd.addOption(new Option('--repo <dir>', 'the compliance repository (default: the nearest folder with compliance.yaml, from the current folder up)'));
  if (shared.formats) cmd.addOption(new Option('-f, --format <format>', 'output format').choices([...shared.formats]).default(shared.formats[0]));
  if (shared.output) cmd.option('-o, --output <file>', 'write to a file instead of standard output (missing folders are created)');
  if (shared.reportType) {
    cmd
      .option('--type1', 'Type I view: count controls that are designed and implemented')
      .option('--type2', 'Type II view: count controls that also operate, with evidence for every ended window');
  }
  if (shared.today) cmd.option('--today <date>', `${shared.today} as of this date (YYYY-MM-DD); default: today (UTC) or $TRUSTOPS_TODAY`);
  return cmd;
}
