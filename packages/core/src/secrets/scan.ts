import data from './gitleaks-rules.json' with { type: 'json' };

/**
 * Credentials in text, found with gitleaks' public rule set (vendored as data in gitleaks-rules.json,
 * MIT licence; see its header and scripts/vendor-gitleaks-rules.ts): a rule runs only when one of its
 * keywords occurs, its match must reach the rule's entropy, and gitleaks' allowlists (placeholders,
 * documented example keys) are honoured. Pure: callers pass text.
 */
export interface SecretMatch {
  /** The gitleaks rule id, e.g. aws-access-token. */
  ruleId: string;
  description: string;
  line: number;
  column: number;
  /** Character offset of the secret in the text, and its length: what a redaction masks. */
  index: number;
  length: number;
}

interface PatternData {
  source: string;
  flags: string;
}

interface AllowlistData {
  target: string;
  regexes?: PatternData[];
  stopwords?: string[];
}

interface RuleData {
  id: string;
  description: string;
  pattern: PatternData;
  /** How many name characters before the keyword belong to the match (gitleaks' lazy prefix, cut for speed). */
  context?: number;
  path?: PatternData;
  entropy?: number;
  keywords: string[];
  secretGroup?: number;
  allowlists?: AllowlistData[];
}

interface Allowlist {
  target: 'secret' | 'match' | 'line';
  regexes: RegExp[];
  stopwords: string[];
}

interface CompiledRule {
  id: string;
  description: string;
  regex: RegExp;
  context: number;
  path?: RegExp;
  entropy?: number;
  keywords: string[];
  secretGroup?: number;
  allowlists: Allowlist[];
}

/** Where the rule set comes from, for the rule's documentation and the README's attribution. */
export const SECRET_RULES_SOURCE = { source: data.source, commit: data.commit } as const;

/** At most this many matches are reported per text: one is enough to withhold a file. */
const MAX_MATCHES = 50;

let compiled: { rules: CompiledRule[]; global: Allowlist[]; keywords: RegExp } | undefined;

function compileAllowlist(list: AllowlistData): Allowlist {
  return {
    target: list.target === 'match' || list.target === 'line' ? list.target : 'secret',
    regexes: (list.regexes ?? []).map((r) => new RegExp(r.source, r.flags)),
    stopwords: list.stopwords ?? [],
  };
}

function rules(): NonNullable<typeof compiled> {
  if (!compiled) {
    const list = data.rules as RuleData[];
    const compiledRules = list.map((r) => ({
      id: r.id,
      description: r.description,
      regex: new RegExp(r.pattern.source, `${r.pattern.flags}g`),
      context: r.context ?? 0,
      ...(r.path ? { path: new RegExp(r.path.source, r.path.flags) } : {}),
      ...(r.entropy ? { entropy: r.entropy } : {}),
      keywords: r.keywords,
      ...(r.secretGroup ? { secretGroup: r.secretGroup } : {}),
      allowlists: (r.allowlists ?? []).map(compileAllowlist),
    }));
    const allowlist = (data as { allowlist?: AllowlistData }).allowlist;
    compiled = {
      rules: compiledRules,
      global: allowlist ? [compileAllowlist(allowlist)] : [],
      // One pass over the text finds every keyword present (longest first, so none hides another).
      keywords: new RegExp(
        [...new Set(compiledRules.flatMap((r) => r.keywords))]
          .sort((a, b) => b.length - a.length)
          .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|'),
        'g',
      ),
    };
  }
  return compiled;
}

/** Shannon entropy in bits per character, as gitleaks computes it. */
export function shannonEntropy(text: string): number {
  if (!text) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

function isAllowed(lists: readonly Allowlist[], secret: string, match: string, line: string): boolean {
  const lower = secret.toLowerCase();
  return lists.some(
    (list) =>
      list.regexes.some((re) => re.test(list.target === 'match' ? match : list.target === 'line' ? line : secret)) ||
      list.stopwords.some((word) => lower.includes(word)),
  );
}

/** The credentials in `text`, in order of position; `path` selects rules that apply to some file names only. */
export function scanSecrets(text: string, options: { path?: string } = {}): SecretMatch[] {
  const { rules: all, global, keywords } = rules();
  const present = keywordsIn(text.toLowerCase(), keywords);
  if (present.size === 0 && all.every((r) => r.keywords.length > 0)) return [];
  const matches: SecretMatch[] = [];
  const lineStarts = lineStartsOf(text);
  for (const rule of all) {
    if (rule.keywords.length && !rule.keywords.some((k) => present.has(k))) continue;
    if (rule.path && (!options.path || !rule.path.test(options.path))) continue;
    rule.regex.lastIndex = 0;
    for (let m = rule.regex.exec(text); m; m = rule.regex.exec(text)) {
      if (m[0] === '') {
        rule.regex.lastIndex++;
        continue;
      }
      const secret = (rule.secretGroup ? m[rule.secretGroup] : m.slice(1).find((g) => g)) ?? m[0];
      if (rule.entropy && shannonEntropy(secret) <= rule.entropy) continue;
      const index = m.index + Math.max(0, m[0].indexOf(secret));
      const { line, column, lineText } = locate(text, lineStarts, index);
      const match = widen(text, m.index, rule.context) + m[0];
      if (isAllowed(global, secret, match, lineText) || isAllowed(rule.allowlists, secret, match, lineText)) continue;
      matches.push({ ruleId: rule.id, description: rule.description, line, column, index, length: secret.length });
      if (matches.length >= MAX_MATCHES) break;
    }
    if (matches.length >= MAX_MATCHES) break;
  }
  return dropOverlaps(matches);
}

/** The up to `width` name characters ([\w.-]) right before `index`: the part of gitleaks' match its lazy prefix took. */
function widen(text: string, index: number, width: number): string {
  let start = index;
  while (start > 0 && index - start < width && /[\w.-]/.test(text[start - 1]!)) start--;
  return text.slice(start, index);
}

/** Every keyword that occurs in `lower`, overlapping occurrences included (keywords may share letters). */
function keywordsIn(lower: string, keywords: RegExp): Set<string> {
  const found = new Set<string>();
  keywords.lastIndex = 0;
  for (let m = keywords.exec(lower); m; m = keywords.exec(lower)) {
    found.add(m[0]);
    // Step one character, not past the match: "apikey" holds both "api" and "key".
    keywords.lastIndex = m.index + 1;
  }
  return found;
}

/** One finding per place: where two rules match the same characters, a specific rule wins over a generic one. */
function dropOverlaps(matches: SecretMatch[]): SecretMatch[] {
  const generic = (m: SecretMatch) => (m.ruleId.startsWith('generic') ? 1 : 0);
  const sorted = [...matches].sort((a, b) => a.index - b.index || b.length - a.length || generic(a) - generic(b));
  const out: SecretMatch[] = [];
  let end = -1;
  for (const m of sorted) {
    if (m.index < end) continue;
    out.push(m);
    end = m.index + m.length;
  }
  return out;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function locate(text: string, starts: readonly number[], index: number): { line: number; column: number; lineText: string } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  const start = starts[lo]!;
  const end = lo + 1 < starts.length ? starts[lo + 1]! - 1 : text.length;
  return { line: lo + 1, column: index - start + 1, lineText: text.slice(start, end) };
}

/**
 * The text with every credential replaced by a marker naming its kind, for writing evidence that was
 * collected automatically (`evidence add` and `collect` mask before they write). Pure.
 */
export function redactSecrets(text: string, options: { path?: string } = {}): { text: string; redacted: SecretMatch[] } {
  const redacted = scanSecrets(text, options);
  if (redacted.length === 0) return { text, redacted };
  let out = '';
  let last = 0;
  for (const m of redacted) {
    out += `${text.slice(last, m.index)}[REDACTED ${m.ruleId}]`;
    last = m.index + m.length;
  }
  return { text: out + text.slice(last), redacted };
}
