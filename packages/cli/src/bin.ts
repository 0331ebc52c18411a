import type { CliIo } from './io.js';

/** One question at the terminal (trustops init); the line typed, without its newline. */
async function ask(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/**
 * Entry point of the `trustops` binary. A reader that stops early (`trustops rules | head -1`) closes the
 * pipe: the next write fails with EPIPE, asynchronously, on the stream. That is the reader's choice, not
 * an error of ours: end quietly with status 0 instead of an uncaught exception's stack trace.
 */
export async function main(): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  const argv = process.argv.slice(2);
  // `trustops --version` answers before the argument parser and the commands are even loaded.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${(await import('./version.js')).toolVersion}\n`);
    return;
  }
  // `trustops --help`, and `trustops` alone (which exits 2), from the text the build wrote: see help-cache.ts.
  if (argv.length === 0 || (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h'))) {
    const { readCachedHelp } = await import('./help-cache.js');
    const help = readCachedHelp(new URL('.', import.meta.url), process.stdout.isTTY ? process.stdout.columns : undefined);
    if (help !== undefined) {
      process.stdout.write(help);
      process.exitCode = argv.length === 0 ? 2 : 0;
      return;
    }
  }
  const io: CliIo = {
    stdout: (text: string) => process.stdout.write(text),
    stderr: (text: string) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTty: Boolean(process.stdout.isTTY),
    ...(process.stdin.isTTY ? { prompt: ask } : {}),
  };
  // `trustops rules` and `trustops catalog` too, when commander would read their options as fast-path.ts does.
  const fast = await (await import('./fast-path.js')).runFastPath(argv, io);
  if (fast !== undefined) {
    process.exitCode = fast;
    return;
  }
  const { runCli } = await import('./main.js');
  process.exitCode = await runCli(argv, io);
}
