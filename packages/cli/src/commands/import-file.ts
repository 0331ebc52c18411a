import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseColumnsOption, readImportRows, readTable, TrustopsError, type ImportField, type ImportKind, type ImportRead, type Table } from '@trustops/core';
import { UsageError, type CliIo } from '../io.js';

/** A spreadsheet read for `import` and `gaps --from-*`: the table and its rows, or what stops reading it. */
export type ReadSpreadsheet = { ok: true; table: Table; read: ImportRead } | { ok: false; message: string };

/** Reads FILE (CSV or XLSX) and its rows as `kind`; an unreadable file is a message, a missing one a usage error. */
export async function readSpreadsheet(
  file: string,
  kind: ImportKind,
  options: { sheet?: string; columns?: string; ccmVersion: string },
  io: CliIo,
): Promise<ReadSpreadsheet> {
  const columns = parseColumnsOption(options.columns);
  if ('error' in columns) throw new UsageError(columns.error);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(io.cwd, file));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : 'it is a folder'}`);
    throw new TrustopsError('READ_FAILED', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
  const table = await readTable(bytes);
  if ('message' in table) return { ok: false, message: `${file}: ${table.message}\n  hint: ${table.hint}\n` };
  const read = readImportRows(table, kind, {
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    columns: columns as Map<ImportField, string>,
    ccmVersion: options.ccmVersion,
  });
  return { ok: true, table, read };
}
