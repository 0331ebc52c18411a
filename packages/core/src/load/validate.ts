import type { ErrorObject, ValidateFunction } from 'ajv';
import { suggestClosest } from '@trustops/frameworks';
import { shorten } from '../model/findings.js';
import type { FileKind } from '../schemas/file-kinds.js';
import * as validators from '../schemas/validators.generated.js';
import { NO_PROBLEMS, type LocateTarget, type PathSegment } from './yaml-source.js';

/** A schema violation, translated from ajv into words a person acts on. */
export interface SchemaProblem {
  kind: 'unknown-field' | 'invalid';
  /** Path of the offending value in the document. */
  path: PathSegment[];
  target: LocateTarget;
  message: string;
  hint: string;
}

/**
 * The validators are ajv's standalone code, generated when the package is built
 * (scripts/build-validators.ts): compiling the schemas at start-up cost every command ~150 ms.
 */
function getValidator(kind: FileKind): ValidateFunction {
  return (validators as unknown as Record<FileKind, ValidateFunction>)[kind];
}

export interface ValidationResult {
  problems: SchemaProblem[];
  /**
   * The value with every invalid part removed, so that cross-file rules see only well-typed data and one
   * mistake does not cascade into findings elsewhere; undefined when the file as a whole is unusable.
   */
  pruned: unknown;
}

const KIND_NAMES: Record<FileKind, string> = {
  compliance: 'the scope (organization, system, frameworks)',
  control: 'a control',
  responsibility: 'a shared-responsibility file (framework, assignments)',
  vendor: 'a vendor',
  policy: 'policy front matter',
  evidence: 'an evidence record',
  risk: 'a risk of the risk register',
};

export function validateFileKind(kind: FileKind, value: unknown, sourceTextAt: (path: PathSegment[]) => string | undefined): ValidationResult {
  if (value === null || value === undefined) {
    return {
      problems: [
        {
          kind: 'invalid',
          path: [],
          target: 'value',
          message: `the file is empty; expected ${KIND_NAMES[kind]}`,
          hint: `Write ${KIND_NAMES[kind]} as described in the repository format, or delete the file.`,
        },
      ],
      pruned: undefined,
    };
  }
  const validate = getValidator(kind);
  if (validate(value)) return { problems: NO_PROBLEMS, pruned: value };
  const errors = dropRedundant(validate.errors ?? []);
  const problems = errors.map((e) => describe(e, sourceTextAt));
  // Removing an invalid value can leave its parent without a required field (a file entry without its
  // path): validate again and remove the parent, until what is left is valid. Depth bounds the rounds.
  let pruned: unknown = value;
  let pending = errors;
  for (let round = 0; round < 8 && pruned !== undefined; round++) {
    pruned = prune(kind, pruned, pending);
    if (pruned === undefined || validate(pruned)) break;
    pending = (validate.errors ?? []).filter((e) => !(e.keyword === 'required' && e.instancePath === ''));
    if (pending.length === 0) break;
  }
  return { problems, pruned };
}

/** ajv reports an enum failure plus the type failure of the same value; one finding per place is enough. */
function dropRedundant(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  for (const e of errors) {
    const place =
      e.keyword === 'additionalProperties'
        ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`
        : e.keyword === 'required'
          ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`
          : e.instancePath;
    if (seen.has(place)) continue;
    seen.add(place);
    out.push(e);
  }
  return out;
}

function toPath(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function fieldName(path: PathSegment[]): string {
  if (path.length === 0) return 'the file';
  return shorten(path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join(''), 120);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${shorten(value)}"`;
  return `the ${typeof value} ${shorten(String(value))}`;
}

/** One ajv error with what every message needs: where it is and how that place reads. */
interface ErrorPlace {
  e: ErrorObject;
  path: PathSegment[];
  /** The path as a person reads it: `frameworks.ccm`, `evidence[0].every`. */
  name: string;
  /** The description of the schema the value failed, when it has one: hints quote it. */
  schemaDescription: string | undefined;
  sourceTextAt: (path: PathSegment[]) => string | undefined;
}

type Describer = (place: ErrorPlace) => SchemaProblem;

function describeUnknownField({ e, path, name }: ErrorPlace): SchemaProblem {
  const field = (e.params as { additionalProperty: string }).additionalProperty;
  const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
  const guess = suggestClosest(field, allowed);
  const where = path.length ? ` in ${name}` : '';
  return {
    kind: 'unknown-field',
    path: [...path, field],
    target: 'key',
    message: `unknown field "${shorten(field)}"${where}`,
    hint: guess
      ? `Did you mean "${guess}"?`
      : allowed.length
        ? `Allowed fields here: ${allowed.join(', ')}.`
        : `Remove "${shorten(field)}".`,
  };
}

function describeMissingField({ e, path, name }: ErrorPlace): SchemaProblem {
  const field = (e.params as { missingProperty: string }).missingProperty;
  const sub = (e.parentSchema as { properties?: Record<string, { description?: string }> }).properties?.[field];
  return {
    kind: 'invalid',
    path,
    target: path.length ? 'key' : 'value',
    message: `missing required field "${field}"${path.length ? ` in ${name}` : ''}`,
    hint: `Add "${field}:"${sub?.description ? ` (${sub.description})` : ''}.`,
  };
}

function describeEnum({ e, path, name }: ErrorPlace): SchemaProblem {
  const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
  const guess = typeof e.data === 'string' ? suggestClosest(e.data, allowed) : undefined;
  return {
    kind: 'invalid',
    path,
    target: 'value',
    message: `${name} is ${typeName(e.data)}; expected one of ${allowed.join(' | ')}`,
    hint: guess ? `Did you mean "${guess}"?` : `Use one of: ${allowed.join(', ')}.`,
  };
}

function describeType({ e, path, name, schemaDescription, sourceTextAt }: ErrorPlace): SchemaProblem {
  const expected = (e.params as { type: string }).type;
  const written = sourceTextAt(path);
  // YAML reads 5.10 as the number 5.1 and 4.1 as a number: ids and versions must be quoted.
  const quoteHint =
    expected === 'string' && (typeof e.data === 'number' || typeof e.data === 'boolean')
      ? `Quote it: "${shorten(written ?? String(e.data))}" (YAML reads unquoted ${shorten(written ?? String(e.data))} as a ${typeof e.data}${written && written !== String(e.data) ? `, ${shorten(String(e.data))}` : ''}).`
      : undefined;
  return {
    kind: 'invalid',
    path,
    target: 'value',
    message: `${name} is ${typeName(e.data)}; expected ${article(expected)}`,
    hint: quoteHint ?? `Write ${name} as ${article(expected)}${schemaDescription ? ` (${schemaDescription})` : ''}.`,
  };
}

function describeFormat({ e, path, name }: ErrorPlace): SchemaProblem {
  const format = (e.params as { format: string }).format;
  return {
    kind: 'invalid',
    path,
    target: 'value',
    message:
      format === 'date'
        ? `${name} "${shorten(String(e.data))}" is not a valid date`
        : `${name} "${shorten(String(e.data))}" is not a valid ${format}`,
    hint: format === 'date' ? 'Write a real calendar date as YYYY-MM-DD, e.g. 2026-02-28.' : `Write a valid ${format}.`,
  };
}

function describePattern({ e, path, name, schemaDescription }: ErrorPlace): SchemaProblem {
  return {
    kind: 'invalid',
    path,
    target: 'value',
    message: `${name} "${shorten(String(e.data))}" does not have the expected form`,
    hint: schemaDescription ? `Expected: ${schemaDescription}.` : `It must match ${(e.params as { pattern: string }).pattern}.`,
  };
}

/** `minimum` and `maximum`. */
function describeLimit({ e, path, name }: ErrorPlace): SchemaProblem {
  const limit = (e.params as { limit: number }).limit;
  return {
    kind: 'invalid',
    path,
    target: 'value',
    message: `${name} is ${shorten(String(e.data))}; it must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${limit}`,
    hint: `Use a value ${e.keyword === 'minimum' ? '>=' : '<='} ${limit}.`,
  };
}

function describeMinLength({ e, path, name, schemaDescription }: ErrorPlace): SchemaProblem {
  const limit = (e.params as { limit: number }).limit;
  return {
    kind: 'invalid',
    path,
    target: 'value',
    message: limit <= 1 ? `${name} is empty` : `${name} is too short (under ${limit} characters)`,
    hint: schemaDescription ? `Write ${schemaDescription.charAt(0).toLowerCase()}${schemaDescription.slice(1)}.` : `Give ${name} a value.`,
  };
}

function describeEmptyMapping({ path, name }: ErrorPlace): SchemaProblem {
  return { kind: 'invalid', path, target: 'key', message: `${name} is empty`, hint: `List at least one entry under ${name}.` };
}

function describeDuplicate({ path, name }: ErrorPlace): SchemaProblem {
  return { kind: 'invalid', path, target: 'value', message: `${name} lists the same value twice`, hint: 'Remove the duplicate.' };
}

/** Any keyword without words of its own: ajv's message, which at least names the constraint. */
function describeOther({ e, path, name }: ErrorPlace): SchemaProblem {
  return { kind: 'invalid', path, target: 'value', message: `${name} ${e.message ?? 'is invalid'}`, hint: 'See the repository format.' };
}

/** A Map, not an object: a keyword such as "constructor" must not find a prototype member. */
const DESCRIBERS: ReadonlyMap<string, Describer> = new Map<string, Describer>([
  ['additionalProperties', describeUnknownField],
  ['required', describeMissingField],
  ['enum', describeEnum],
  ['type', describeType],
  ['format', describeFormat],
  ['pattern', describePattern],
  ['minimum', describeLimit],
  ['maximum', describeLimit],
  ['minLength', describeMinLength],
  ['minProperties', describeEmptyMapping],
  ['uniqueItems', describeDuplicate],
]);

function describe(e: ErrorObject, sourceTextAt: (path: PathSegment[]) => string | undefined): SchemaProblem {
  const path = toPath(e.instancePath);
  const schemaDescription = (e.parentSchema as { description?: string } | undefined)?.description;
  const describer = DESCRIBERS.get(e.keyword) ?? describeOther;
  return describer({ e, path, name: fieldName(path), schemaDescription, sourceTextAt });
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: 'a text value',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    object: 'a mapping (key: value)',
    array: 'a list',
  };
  return words[type] ?? type;
}

const REMOVE = Symbol('remove');

/**
 * Without these a file cannot take part in cross-file checks at all. A file missing another required
 * field (a control without `owner`) stays in the model so that its id still resolves: one finding, not a
 * cascade of "unknown control" findings wherever it is referenced.
 */
const KEY_FIELDS: Record<FileKind, readonly string[]> = {
  compliance: ['frameworks'],
  control: ['id'],
  responsibility: ['framework', 'assignments'],
  vendor: ['id'],
  policy: ['id'],
  // A record without a valid period or collection date shows nothing (readiness cannot place it).
  evidence: ['control', 'evidence', 'covers', 'collected_on'],
  // A risk without its ratings or treatment cannot be scored against the appetite; it still resolves by id.
  risk: ['id'],
};

/** Removes every value that failed validation; a missing required field removes the object that lacks it. */
function prune(kind: FileKind, value: unknown, errors: ErrorObject[]): unknown {
  const copy = structuredClone(value) as unknown;
  const targets: PathSegment[][] = [];
  for (const e of errors) {
    const top = toPath(e.instancePath);
    if (top.length === 1 && KEY_FIELDS[kind].includes(String(top[0]))) return undefined;
    if (e.keyword === 'additionalProperties') {
      targets.push([...toPath(e.instancePath), (e.params as { additionalProperty: string }).additionalProperty]);
    } else if (e.keyword === 'required' && e.instancePath === '') {
      if (KEY_FIELDS[kind].includes((e.params as { missingProperty: string }).missingProperty)) return undefined;
    } else {
      targets.push(toPath(e.instancePath));
    }
  }
  if (targets.some((t) => t.length === 0)) return undefined;
  for (const target of targets) markRemoved(copy, target);
  return sweep(copy);
}

function markRemoved(root: unknown, path: PathSegment[]): void {
  let node = root as Record<string | number, unknown> | undefined;
  for (let i = 0; i < path.length - 1; i++) {
    node = node?.[path[i]!] as Record<string | number, unknown> | undefined;
    if (node === null || typeof node !== 'object') return;
  }
  if (node && typeof node === 'object') node[path[path.length - 1]!] = REMOVE;
}

function sweep(node: unknown): unknown {
  if (Array.isArray(node)) return node.filter((v) => v !== REMOVE).map(sweep);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (v !== REMOVE) out[k] = sweep(v);
    return out;
  }
  return node;
}
