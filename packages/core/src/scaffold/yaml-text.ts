import { posix } from 'node:path';
import { stringify } from 'yaml';
import type { FileKind } from '../schemas/file-kinds.js';

/** One YAML scalar as it would be written by hand: plain where YAML reads it back unchanged, else quoted. */
export function yamlScalar(value: string | number | boolean): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** A flow sequence of scalars: [a, b, "5.17"]. */
export function yamlList(values: readonly string[]): string {
  return `[${values.map((v) => yamlScalar(v)).join(', ')}]`;
}

/**
 * The first line of a file of the format: the yaml-language-server modeline that selects its JSON Schema,
 * as a path relative to the file (editors resolve it from the file's folder).
 */
export function schemaModeline(file: string, schemaDir: string, kind: FileKind): string {
  const target = posix.join(schemaDir, `${kind}.schema.json`);
  const relative = posix.relative(posix.dirname(posix.join('/', file)), posix.join('/', target));
  return `# yaml-language-server: $schema=${relative}`;
}

/** Pads `text` to `width` and adds a comment after it, so that a column of comments lines up. */
export function withComment(text: string, comment: string, width = 34): string {
  return `${text.padEnd(width)} # ${comment}`;
}
