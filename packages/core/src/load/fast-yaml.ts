import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/**
 * The fast path of YAML parsing: js-yaml reads a plain document about ten times faster than `yaml`'s
 * Document API, and most files of a program are plain (block mappings, flow lists, quoted and plain
 * scalars). It reads only what both parsers read alike; anything else returns undefined and goes to
 * `yaml` (yaml-source.ts), which stays the reference: its errors, positions, tags and alias limits.
 *
 * Alike means the same JavaScript value, and no error from `yaml` where js-yaml has none. The scalar
 * types below are YAML 1.2's core schema as `yaml` resolves them (js-yaml's own would read `0b11` as 3 and
 * `1_000` as 1000); the guards send to `yaml` every construct where the two differ or where only `yaml`
 * reports a problem. load/fast-yaml.test.ts parses every fixture and the whole bad-input table both ways.
 */

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

function resolveInt(text: string): number {
  if (INT_OCT.test(text)) return parseInt(text.slice(2), 8);
  if (INT_HEX.test(text)) return parseInt(text.slice(2), 16);
  return parseInt(text, 10);
}

function resolveFloat(text: string): number {
  if (FLOAT_NAN.test(text)) return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return parseFloat(text);
}

/** YAML 1.2 core, as `yaml` reads it: no timestamps, no merge keys, no binary. */
const CORE_AS_YAML = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: (text: string) => NULL.test(text), construct: () => null }),
    new Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: (text: string) => BOOL.test(text), construct: (text: string) => text[0] === 't' || text[0] === 'T' }),
    new Type('tag:yaml.org,2002:int', { kind: 'scalar', resolve: (text: string) => INT_OCT.test(text) || INT.test(text) || INT_HEX.test(text), construct: resolveInt }),
    new Type('tag:yaml.org,2002:float', { kind: 'scalar', resolve: (text: string) => FLOAT_NAN.test(text) || FLOAT_EXP.test(text) || FLOAT.test(text), construct: resolveFloat }),
  ],
});

/**
 * Constructs the two parsers read differently, or that only `yaml` reports: tabs (indentation), anchors,
 * aliases and tags (alias limits, tag findings), directives (%YAML 1.1 changes the schema), explicit keys
 * and collections as keys (stringified differently: an implicit key is on one line, so a collection key
 * is a closing bracket followed by ':'), a comment right after a quote or bracket, and CR line breaks
 * without LF. Any of these, even inside a quoted value, sends the file to `yaml`: slower, never wrong.
 */
const NOT_PLAIN = /\t|(?:^|[\s[{,:])[&*!]|(?:^|\n)%|(?:^|[\s[{,])\?(?:\s|$)|[\]}] *:|["'\]}]#|\r(?!\n)/;

/**
 * Checks the keys and settles the strings of a value js-yaml made. Keys: those the two parsers stringify
 * differently (a null key: '' in `yaml`, 'null' in js-yaml) or that `yaml` refuses (over 1024
 * characters) make it unalike. Strings: js-yaml parses a copy of the text (it appends a NUL), and V8 makes
 * longer values slices of that copy, so a digest or a description kept the whole copy alive (at 100,000
 * records, a second copy of every file); each is copied out on its own.
 */
function settle(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string') value[i] = detach(item);
      else if (!settle(item, depth + 1)) return false;
    }
    return true;
  }
  if (value === null || typeof value !== 'object') return true;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key === 'null' || key === '__proto__' || key.length > 1000) return false;
    const item = record[key];
    if (typeof item === 'string') record[key] = detach(item);
    else if (Array.isArray(item)) {
      if (!settle(item, depth + 1)) return false;
      // js-yaml grows lists by push, so a one-entry list keeps room for 16: keep an exact copy.
      record[key] = item.slice();
    } else if (!settle(item, depth + 1)) return false;
  }
  return true;
}

// Short values repeat across thousands of files (dates, ids, enums, file names): one copy of each. Bounded
// so that a long-running caller does not keep every value it ever read.
const shortStrings = new Map<string, string>();

/**
 * A string that does not share its characters with a larger one (V8 slices strings of 13+ characters),
 * and short ones shared.
 */
function detach(text: string): string {
  if (text.length > 16) return copyOf(text);
  const known = shortStrings.get(text);
  if (known !== undefined) return known;
  if (shortStrings.size >= 100_000) shortStrings.clear();
  const copy = text.length < 13 ? text : copyOf(text);
  shortStrings.set(copy, copy);
  return copy;
}

/**
 * A string of its own: JSON.parse makes a flat string, where slicing a copy (`(' ' + text).slice(1)`)
 * gave a slice of that copy, 32 bytes more for each of ~120,000 values at 100,000 records.
 */
function copyOf(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * Replaces the short strings of a plain value (parsed JSON: every string its own copy) by the shared
 * copies the YAML reader uses, so that a program read from the parse cache costs what a parsed one does.
 */
export function shareShortStrings(value: unknown, depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 64) return;
  const record = value as Record<string, unknown>;
  for (const key of Array.isArray(value) ? value.keys() : Object.keys(record)) {
    const item = record[key as string];
    if (typeof item === 'string') {
      if (item.length <= 16) record[key as string] = detach(item);
    } else shareShortStrings(item, depth + 1);
  }
}

/** The document's value when it is plain YAML that js-yaml reads as `yaml` does; undefined otherwise. */
export function readPlainYaml(text: string): { value: unknown } | undefined {
  if (NOT_PLAIN.test(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: CORE_AS_YAML, json: false });
  } catch {
    // Whatever js-yaml refuses (duplicate keys, syntax, nesting past the stack) `yaml` reports exactly.
    return undefined;
  }
  if (!settle(value)) return undefined;
  // An empty or comment-only document: `yaml` gives null, js-yaml undefined.
  return { value: value === undefined ? null : typeof value === 'string' ? detach(value) : value };
}
