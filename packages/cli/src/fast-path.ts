import { reportError } from './errors.js';
import type { CliIo } from './io.js';

/**
 * `trustops rules` and `trustops catalog` print what they know in a few milliseconds; the argument parser
 * (commander) and the other commands' option tables took longer than that to load. So bin.ts answers them
 * here, without commander, when the command line is one this parser reads exactly as commander does:
 * each option at most once, as `--name value`, `--name=value` or `-f value`, with a value that is not an
 * option, one of the choices where there are some. Anything else (help, a mistake, an option this table
 * does not know) returns undefined and goes to the full program (main.ts), which then says what commander
 * says. fast-path.test.ts checks that this table is the program's and that both give the same bytes.
 */

export interface FastOption {
  /** The long flag, as commander names it (`--repo`). */
  long: string;
  short?: string;
  /** The property of the options object (commander's attribute name). */
  key: string;
  choices?: readonly string[];
  default?: string;
}

export interface FastCommand {
  name: string;
  /** Optional positional arguments, with their defaults. */
  args: readonly { name: string; default?: string }[];
  options: readonly FastOption[];
  run: (args: (string | undefined)[], options: Record<string, string>, io: CliIo) => Promise<number>;
}

const repo: FastOption = { long: '--repo', key: 'repo' };
const format = (...choices: string[]): FastOption => ({ long: '--format', short: '-f', key: 'format', choices, default: choices[0] });

export const FAST_COMMANDS: readonly FastCommand[] = [
  {
    name: 'rules',
    args: [],
    options: [repo, format('text', 'json')],
    run: async (_args, options, io) => (await import('./commands/rules.js')).runRulesList(options as { format: 'text' | 'json' }, io),
  },
  {
    name: 'catalog',
    args: [{ name: 'framework', default: 'ccm' }],
    options: [
      repo,
      format('text', 'json'),
      { long: '--output', short: '-o', key: 'output' },
      { long: '--search', key: 'search' },
      { long: '--domain', key: 'domain' },
      { long: '--version', key: 'version' },
    ],
    run: async (args, options, io) => {
      const { runCatalog } = await import('./commands/catalog.js');
      return runCatalog(args[0], options as unknown as import('./commands/catalog.js').CatalogCommandOptions, io);
    },
  },
];

/** The command's arguments and options, or undefined when commander should read this command line. */
export function parseFastCommand(command: FastCommand, rest: readonly string[]): { args: (string | undefined)[]; options: Record<string, string> } | undefined {
  const options: Record<string, string> = {};
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    if (!token.startsWith('-')) {
      if (args.length >= command.args.length) return undefined;
      args.push(token);
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const flag = eq > 0 ? token.slice(0, eq) : token;
    const option = command.options.find((o) => o.long === flag || (eq < 0 && o.short === flag));
    if (!option || Object.hasOwn(options, option.key)) return undefined;
    const value = eq > 0 ? token.slice(eq + 1) : rest[++i];
    if (value === undefined || value.startsWith('-')) return undefined;
    if (option.choices && !option.choices.includes(value)) return undefined;
    options[option.key] = value;
  }
  for (const option of command.options) if (option.default !== undefined && !Object.hasOwn(options, option.key)) options[option.key] = option.default;
  return { args: command.args.map((arg, i) => args[i] ?? arg.default), options };
}

/** Runs `rules` or `catalog` when the command line is one of theirs that needs no commander; else undefined. */
export async function runFastPath(argv: readonly string[], io: CliIo): Promise<number | undefined> {
  const command = FAST_COMMANDS.find((c) => c.name === argv[0]);
  if (!command) return undefined;
  const parsed = parseFastCommand(command, argv.slice(1));
  if (!parsed) return undefined;
  try {
    return await command.run(parsed.args, parsed.options, io);
  } catch (error) {
    return reportError(error, io);
  }
}
