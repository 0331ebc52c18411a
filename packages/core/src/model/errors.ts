/**
 * Operational failures (the repository folder is missing, a file cannot be read, git is absent). Content
 * problems are never thrown: they are findings. The CLI maps `code` to an exit status and a message.
 */
export type TrustopsErrorCode = 'REPO_NOT_FOUND' | 'CONFIG_MISSING' | 'READ_FAILED' | 'WRITE_FAILED' | 'INVALID_OPTION' | 'INTERNAL';

export class TrustopsError extends Error {
  readonly code: TrustopsErrorCode;

  constructor(code: TrustopsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TrustopsError';
    this.code = code;
  }
}

/** What a file-system error code means and what to do about it, in the words of a message. */
const FS_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device: free some space or choose another place',
  EDQUOT: 'the disk quota is used up: free some space or choose another place',
  EROFS: 'the file system is read-only: choose a writable place',
  EACCES: 'permission denied: choose a place you may write to, or fix its permissions',
  EPERM: 'the operation is not permitted there: choose another place, or fix its permissions',
  EEXIST: 'a file is in the way where a folder should be: remove it or choose another place',
  ENOTDIR: 'a part of the path is a file, not a folder: choose another place',
  EISDIR: 'a folder is in the way where a file should be: remove it or choose another place',
  ENOENT: 'a folder on the way does not exist or was removed meanwhile',
  EMFILE: 'too many files are open: raise the limit (ulimit -n) or retry',
  EIO: 'the device reported an input/output error: check the disk',
};

/** A file-system error (ENOSPC, EROFS, ...) as an operational error naming the path, or undefined for others. */
export function fileSystemError(cause: unknown, verb: 'write' | 'read', fallbackPath?: string): TrustopsError | undefined {
  const error = cause as NodeJS.ErrnoException | undefined;
  const what = error?.code ? FS_ERRORS[error.code] : undefined;
  if (!what) return undefined;
  const path = error?.path ?? (error as { dest?: string } | undefined)?.dest ?? fallbackPath;
  return new TrustopsError(verb === 'write' ? 'WRITE_FAILED' : 'READ_FAILED', `cannot ${verb} ${path ?? 'a file'}: ${what} (${error!.code})`, { cause });
}
