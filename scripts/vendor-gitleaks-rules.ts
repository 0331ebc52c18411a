/**
 * Vendors gitleaks' public rule set (config/gitleaks.toml, MIT licence) as data for `evidence/secret`:
 * reads the TOML, turns each rule's RE2 pattern into one JavaScript can compile without inline flags
 * (Node 20 has no `(?i:...)`), drops what cannot be expressed, and writes
 * packages/core/src/secrets/gitleaks-rules.json with the source, commit and licence.
 *
 *   tsx scripts/vendor-gitleaks-rules.ts path/to/gitleaks.toml <commit> path/to/LICENSE
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'smol-toml';

interface TomlAllowlist {
  condition?: string;
  regexTarget?: string;
  regexes?: string[];
  stopwords?: string[];
  paths?: string[];
}

interface TomlRule {
  id: string;
  description: string;
  regex?: string;
  path?: string;
  entropy?: number;
  keywords?: string[];
  secretGroup?: number;
  allowlists?: TomlAllowlist[];
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\s',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
};

/**
 * RE2 -> JavaScript: case-insensitive parts (`(?i)`, `(?i:...)`, minus `(?-i:...)`) become explicit
 * letter classes, `(?P<name>` becomes `(?<name>`, POSIX classes are spelled out, `\z` and `\A` become
 * `$` and `^`. Returns the source and flags, or throws when something has no JavaScript form.
 */
export function convertPattern(re2: string): { source: string; flags: string } {
  // Case-insensitive throughout: JavaScript's own flag keeps the pattern fast (letter classes defeat the
  // engine's literal search); only a pattern that switches case sensitivity inside needs classes.
  if (re2.startsWith('(?i)') && !/\(\?-?[a-zA-Z]+[:)]/.test(re2.slice(4))) {
    const rest = convertPattern(re2.slice(4));
    return { source: rest.source, flags: `${rest.flags}i` };
  }
  let out = '';
  let flags = '';
  const stack: boolean[] = [];
  let insensitive = false;
  for (let i = 0; i < re2.length; ) {
    const ch = re2[i]!;
    if (ch === '\\') {
      const next = re2[i + 1];
      if (next === 'z') out += '$';
      else if (next === 'A') out += '^';
      else if (next === 'p' || next === 'P') {
        const end = re2[i + 2] === '{' ? re2.indexOf('}', i) + 1 : i + 3;
        out += re2.slice(i, end);
        if (!flags.includes('u')) flags += 'u';
        i = end;
        continue;
      } else if (next === 'Q') throw new Error('\\Q...\\E literal');
      else out += re2.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '[') {
      const { text, end } = readClass(re2, i, insensitive);
      out += text;
      i = end;
      continue;
    }
    if (ch === '(') {
      const rest = re2.slice(i);
      const flagGroup = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?(\)|:)/.exec(rest);
      if (flagGroup && !rest.startsWith('(?:') && !rest.startsWith('(?P<') && !rest.startsWith('(?<')) {
        const [whole, on = '', off = '', close] = flagGroup;
        for (const f of on + off) if (!'ims'.includes(f)) throw new Error(`flag ${f}`);
        if (on.includes('s') && !flags.includes('s')) flags += 's';
        if (on.includes('m') && !flags.includes('m')) flags += 'm';
        const next: boolean = on.includes('i') ? true : off.includes('i') ? false : insensitive;
        if (close === ')') {
          insensitive = next;
        } else {
          stack.push(insensitive);
          insensitive = next;
          out += '(?:';
        }
        i += whole.length;
        continue;
      }
      if (rest.startsWith('(?P<')) {
        stack.push(insensitive);
        out += '(?<';
        i += 4;
        continue;
      }
      stack.push(insensitive);
      out += '(';
      i += 1;
      continue;
    }
    if (ch === ')') {
      insensitive = stack.pop() ?? false;
      out += ')';
      i += 1;
      continue;
    }
    if (insensitive && /[a-zA-Z]/.test(ch) && !isInsideQuantifierOrName(re2, i)) {
      out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    } else {
      out += ch;
    }
    i += 1;
  }
  new RegExp(out, flags);
  return { source: out, flags };
}

/** Letters inside `{2,5}` never occur; inside `(?<name>` they are a name, not a literal. */
function isInsideQuantifierOrName(re2: string, i: number): boolean {
  const before = re2.slice(Math.max(0, i - 40), i);
  return /\(\?P?<[A-Za-z0-9_]*$/.test(before);
}

function readClass(re2: string, start: number, insensitive: boolean): { text: string; end: number } {
  let i = start + 1;
  let negate = '';
  let body = '';
  if (re2[i] === '^') {
    negate = '^';
    i++;
  }
  if (re2[i] === ']') {
    body += '\\]';
    i++;
  }
  const letters = new Set<string>();
  while (i < re2.length && re2[i] !== ']') {
    if (re2.startsWith('[:', i)) {
      const close = re2.indexOf(':]', i);
      const name = re2.slice(i + 2, close);
      const expanded = POSIX_CLASSES[name];
      if (!expanded) throw new Error(`POSIX class ${name}`);
      body += expanded;
      i = close + 2;
      continue;
    }
    if (re2[i] === '\\') {
      body += re2.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (re2[i] === '[') {
      body += '\\[';
      i++;
      continue;
    }
    const ch = re2[i]!;
    if (re2[i + 1] === '-' && re2[i + 2] !== ']' && i + 2 < re2.length) {
      const to = re2[i + 2]!;
      body += `${ch}-${to}`;
      if (insensitive && /[a-z]/.test(ch) && /[a-z]/.test(to)) letters.add(`${ch.toUpperCase()}-${to.toUpperCase()}`);
      if (insensitive && /[A-Z]/.test(ch) && /[A-Z]/.test(to)) letters.add(`${ch.toLowerCase()}-${to.toLowerCase()}`);
      i += 3;
      continue;
    }
    body += ch;
    if (insensitive && /[a-zA-Z]/.test(ch)) letters.add(ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase());
    i++;
  }
  if (i >= re2.length) throw new Error('unclosed class');
  // The other case goes first: after a trailing "-" it would form a range.
  return { text: `[${negate}${[...letters].join('')}${body}]`, end: i + 1 };
}

const CONTEXT = '[\\w.-]{0,50}?';

/**
 * Most rules start with a lazy `[\w.-]{0,50}?` (sometimes two) that only widens the match to the name
 * before the keyword. RE2 runs it in linear time; a backtracking engine tries up to 2,500 prefixes at
 * every position, which makes a large evidence file take minutes. The prefix is cut from the pattern and
 * its width kept as `context`: the scanner widens the match backwards by hand (allowlists read it).
 */
function stripContextPrefix(re2: string): { pattern: string; context: number } {
  let pattern = re2;
  let context = 0;
  const flag = pattern.startsWith('(?i)') ? '(?i)' : '';
  pattern = pattern.slice(flag.length);
  if (pattern.startsWith(CONTEXT)) {
    pattern = pattern.slice(CONTEXT.length);
    context += 50;
  }
  if (pattern.startsWith(`(?i:${CONTEXT}`)) {
    pattern = `(?i:${pattern.slice(4 + CONTEXT.length)}`;
    context += 50;
  }
  return { pattern: flag + pattern, context };
}

function convertAllowlist(list: TomlAllowlist): Record<string, unknown> | undefined {
  // Path and commit allowlists describe source repositories, not evidence; an AND condition with them
  // cannot be honoured, so such an allowlist is left out (the rule then reports more, never less).
  if (list.paths?.length && list.condition === 'AND') return undefined;
  const regexes = (list.regexes ?? []).flatMap((r) => {
    try {
      return [convertPattern(r)];
    } catch {
      return [];
    }
  });
  if (!regexes.length && !list.stopwords?.length) return undefined;
  return {
    target: list.regexTarget ?? 'secret',
    ...(regexes.length ? { regexes } : {}),
    ...(list.stopwords?.length ? { stopwords: list.stopwords.map((s) => s.toLowerCase()) } : {}),
  };
}

function main(): void {
  const [tomlPath, commit, licensePath] = process.argv.slice(2);
  if (!tomlPath || !commit || !licensePath) throw new Error('usage: vendor-gitleaks-rules.ts gitleaks.toml <commit> LICENSE');
  const config = parse(readFileSync(tomlPath, 'utf8')) as unknown as { rules: TomlRule[]; allowlist?: TomlAllowlist };
  const rules: Record<string, unknown>[] = [];
  const dropped: string[] = [];
  for (const rule of config.rules) {
    if (!rule.regex) {
      dropped.push(`${rule.id} (file-name rule without a pattern)`);
      continue;
    }
    try {
      const { pattern: re2, context } = stripContextPrefix(rule.regex);
      const pattern = convertPattern(re2);
      const path = rule.path ? convertPattern(rule.path) : undefined;
      const allowlists = (rule.allowlists ?? []).map(convertAllowlist).filter(Boolean);
      rules.push({
        id: rule.id,
        description: rule.description,
        pattern,
        ...(context ? { context } : {}),
        ...(path ? { path } : {}),
        ...(rule.entropy ? { entropy: rule.entropy } : {}),
        keywords: (rule.keywords ?? []).map((k) => k.toLowerCase()),
        ...(rule.secretGroup ? { secretGroup: rule.secretGroup } : {}),
        ...(allowlists.length ? { allowlists } : {}),
      });
    } catch (error) {
      dropped.push(`${rule.id} (${(error as Error).message})`);
    }
  }
  const global = config.allowlist ? convertAllowlist({ ...config.allowlist, paths: [] }) : undefined;
  const data = {
    source: 'https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml',
    commit,
    license: readFileSync(licensePath, 'utf8').trim(),
    note: 'Generated by scripts/vendor-gitleaks-rules.ts: RE2 patterns rewritten for JavaScript (inline case flags as letter classes). Do not edit by hand.',
    dropped,
    ...(global ? { allowlist: global } : {}),
    rules,
  };
  writeFileSync(new URL('../packages/core/src/secrets/gitleaks-rules.json', import.meta.url), `${JSON.stringify(data, null, 1)}\n`);
  process.stdout.write(`${rules.length} rules vendored, ${dropped.length} dropped:\n${dropped.map((d) => `  ${d}`).join('\n')}\n`);
}

main();
