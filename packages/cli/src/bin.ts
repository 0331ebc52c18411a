import { toolVersion } from './version.js';

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
    process.stdout.write(`${toolVersion}\n`);
    return;
  }
  const { runCli } = await import('./main.js');
  process.exitCode = await runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTty: Boolean(process.stdout.isTTY),
    ...(process.stdin.isTTY ? { prompt: ask } : {}),
  });
}
