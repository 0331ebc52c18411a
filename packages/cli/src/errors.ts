import { EXIT, UsageError, type CliIo } from './io.js';

/**
 * What a failed command tells the user, and its exit status: a usage error or an operational failure in
 * one line, anything else as a bug to report. Apart from main.ts so that the commands answered without the
 * argument parser (fast-path.ts) end the same way.
 */
export async function reportError(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof UsageError) {
    io.stderr(`trustops: ${error.message}\n`);
    return EXIT.usage;
  }
  const code = (error as { code?: unknown }).code;
  const name = (error as { name?: unknown }).name;
  if (name === 'TrustopsError') {
    io.stderr(`trustops: ${(error as Error).message}\n`);
    return code === 'REPO_NOT_FOUND' || code === 'INVALID_OPTION' || code === 'CONFIG_MISSING' ? EXIT.usage : EXIT.internal;
  }
  // A disk that is full or read-only is the machine's state, not a bug: say which path and what to do.
  // (Core is imported here, not at the top: the CLI starts without it for commands that do not need it.)
  const { fileSystemError } = await import('@trustops/core');
  const operational = fileSystemError(error, /^(read|stat|lstat|scandir|readlink)$/.test((error as { syscall?: string }).syscall ?? '') ? 'read' : 'write');
  if (operational) {
    io.stderr(`trustops: ${operational.message}\n`);
    return EXIT.internal;
  }
  io.stderr(`trustops: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (io.env.TRUSTOPS_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr('This is a bug in trustops; rerun with TRUSTOPS_DEBUG=1 for details and report it.\n');
  return EXIT.internal;
}
