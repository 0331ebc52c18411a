/**
 * Text for summary.pdf: document
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

/** A document property: any Unicode, without control characters or unpaired surrogates. */
export function infoText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .trim();
}
