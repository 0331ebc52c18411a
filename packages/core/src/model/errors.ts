/**
 * Operational failures (the repository folder is missing, a file cannot be read, git is absent). Content
 * problems are never thrown: they are findings. The CLI maps `code` to an exit status and a message.
 */
export type TrustopsErrorCode = 'REPO_NOT_FOUND' | 'READ_FAILED' | 'WRITE_FAILED' | 'INVALID_OPTION' | 'INTERNAL';

export class TrustopsError extends Error {
  readonly code: TrustopsErrorCode;

  constructor(code: TrustopsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TrustopsError';
    this.code = code;
  }
}
