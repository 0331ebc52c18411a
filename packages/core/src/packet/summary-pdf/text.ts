/**
 * Text for summary.pdf: what the standard fonts can draw (Windows-1252, with ASCII stand-ins), document
 * properties, and dates and numbers formatted without the machine's locale or time zone, so that the
 * bytes do not depend on where the packet is built.
 */

/** The report type in words, as the scope and readiness sections state it. */
export function reportTypeLabel(type: 'type1' | 'type2'): string {
  return type === 'type2'
    ? 'SOC 2 Type II view: controls must be designed and operating, with evidence for every ended window'
    : 'Type I view: controls must be designed and implemented';
}

/** A full commit hash cut to 12 digits (enough to be unique here); anything else as written. */
export function shortCommit(commit: string): string {
  return /^[0-9a-f]{40}$/i.test(commit) ? commit.slice(0, 12) : commit;
}

/** `meta.createdAt` as a Date; an unreadable value falls back to the epoch rather than to the clock. */
export function packetDate(createdAt: string): Date {
  const date = new Date(createdAt);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** "2026-11-01 12:00:00 UTC", whatever the machine's time zone. */
export function formatCreated(createdAt: string): string {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return createdAt;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** 1234567 -> "1,234,567" without the locale. */
export function groupDigits(value: number): string {
  const [whole = '0', fraction] = String(Math.round(value * 100) / 100).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** Unicode characters Windows-1252 lacks that have a readable ASCII stand-in. */
const STAND_INS: Record<string, string> = {
  '\u2192': '->',
  '\u2190': '<-',
  '\u2194': '<->',
  '\u21d2': '=>',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2713': 'yes',
  '\u2714': 'yes',
  '\u2717': 'no',
  '\u2718': 'no',
  '\u2588': '#',
  '\u2591': '.',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
  '\u0127': 'h',
  '\u0126': 'H',
};

/** A document property: any Unicode, without control characters or unpaired surrogates. */
export function infoText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .trim();
}

/** Windows-1252 code points above 0x7F outside Latin-1 that the standard fonts can show. */
const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

/**
 * Text the standard 14 fonts can draw (Windows-1252): known symbols become ASCII stand-ins, accents that
 * 1252 lacks are dropped (NFKD), control characters become spaces and anything else "?". Line breaks are
 * kept only when `keepLines` is set.
 */
export function winAnsi(text: string, keepLines = false): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n') out += keepLines ? '\n' : ' ';
    else if (code === 0x09) out += ' ';
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code)) out += ch;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (STAND_INS[ch] !== undefined) out += STAND_INS[ch];
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base && [...base].every((c) => c.codePointAt(0)! >= 0x20 && c.codePointAt(0)! <= 0x7e) ? base : '?';
    }
  }
  return out;
}
