/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours on). */
  isTty: boolean;
  /**
   * Asks the person at the terminal and returns the answer ('' for the default); absent when standard
   * input is not a terminal, so commands that would ask must be told everything (trustops init --yes).
   */
  prompt?: (question: string) => Promise<string>;
}

/** Exit statuses: the contract with CI. */
export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 3 } as const;

/** A failure the user can fix by changing the command line (exit 2). */
export class UsageError extends Error {}
