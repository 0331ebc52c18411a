import { frameworkName, GROUP_NOUN } from '../render/labels.js';
import { renderPercent } from '../render/score.js';
import type { FrameworkResult, GroupResult, RequirementStatus } from '../score/readiness.js';
import { escapeHtml as e } from './markdown-html.js';

/**
 * Readiness as stacked bars, one per group: met, inherited, partial and gap side by side in that order
 * (excluded requirements are left out, as they are of every readiness figure). The site draws them in SVG
 * and summary.pdf with pdfkit, from the same segments and the same palette, so the two read alike.
 */

export type StackedStatus = Exclude<RequirementStatus, 'excluded'>;

/**
 * The segments in drawing order. Each colour has at least 4.5:1 contrast on white (the track and the
 * 1-point gaps between segments are white or near it), and met (green) and inherited (blue) differ in hue
 * and in the blue channel, so they stay apart for red-green colour blindness; the numbers beside each bar
 * say the same in words.
 */
export const SEGMENTS: readonly { status: StackedStatus; label: string; color: string }[] = [
  { status: 'met', label: 'met', color: '#1a7f37' },
  { status: 'inherited', label: 'inherited', color: '#0550ae' },
  { status: 'partial', label: 'partial', color: '#9a6700' },
  { status: 'gap', label: 'gap', color: '#cf222e' },
];

/** The empty part of a bar (a group whose requirements are all excluded draws only this). */
export const TRACK_COLOR = '#eaeef2';

export interface Segment {
  status: StackedStatus;
  color: string;
  count: number;
  /** Offset from the bar's left end and width, in the bar's units. */
  x: number;
  width: number;
}

/**
 * The non-empty segments of a bar `width` long, each as wide as its share of met + inherited + partial
 * + gap. Offsets are rounded once from the running total, so the segments always add up to the bar.
 */
export function stackSegments(counts: Readonly<Record<RequirementStatus, number>>, width: number): Segment[] {
  const total = SEGMENTS.reduce((sum, s) => sum + counts[s.status], 0);
  if (total === 0) return [];
  const round = (v: number) => Math.round(v * 10) / 10;
  const out: Segment[] = [];
  let before = 0;
  for (const s of SEGMENTS) {
    const count = counts[s.status];
    if (count === 0) continue;
    const x = round((before / total) * width);
    before += count;
    out.push({ status: s.status, color: s.color, count, x, width: round((before / total) * width) - x });
  }
  return out;
}

/** "12 met · 3 inherited · 4 partial · 1 gap — 77.5%": what a bar shows, in words. */
export function describeCounts(counts: Readonly<Record<RequirementStatus, number>>, readiness: number | null): string {
  const parts = SEGMENTS.map((s) => `${counts[s.status]} ${s.label}`).join(' · ');
  return `${parts} — ${readiness === null ? 'n/a (all excluded)' : renderPercent(readiness)}`;
}

/** A group's maturity as "2.3 (N=12)": the mean over N requirements (neither excluded nor inherited). */
export function describeMaturity(g: Pick<GroupResult, 'maturity' | 'maturityOf'>): string {
  return g.maturity === null ? 'n/a (N=0)' : `${g.maturity.toFixed(1)} (N=${g.maturityOf})`;
}

const ROW = 22;
const LABEL_WIDTH = 70;
const BAR_WIDTH = 360;
const TEXT_WIDTH = 520;
const LEGEND_HEIGHT = 26;

/** The legend, once per chart: a swatch and the word for each segment. */
function legendSvg(): string {
  let x = LABEL_WIDTH;
  const items = SEGMENTS.map((s) => {
    const item = `<rect class="legend" x="${x}" y="4" width="12" height="12" fill="${s.color}"/><text x="${x + 16}" y="14">${e(s.label)}</text>`;
    x += 16 + s.label.length * 7 + 18;
    return item;
  });
  return `<g class="legend" aria-hidden="true">${items.join('')}<text class="muted" x="${x}" y="14" fill="#57606a">excluded requirements are left out</text></g>`;
}

/** One group's row: its id, the stacked bar over a track, and the numbers beside it. */
function groupRowSvg(g: GroupResult, y: number): string {
  const numbers = `${describeCounts(g.counts, g.readiness)} · maturity ${describeMaturity(g)}`;
  const segments = stackSegments(g.counts, BAR_WIDTH)
    .map(
      (s) =>
        `<rect class="segment ${s.status}" data-status="${s.status}" data-count="${s.count}" x="${(LABEL_WIDTH + s.x).toFixed(1)}" y="${y}" width="${s.width.toFixed(1)}" height="16" fill="${s.color}" stroke="#fff" stroke-width="1"><title>${e(g.id)} ${e(g.name)}: ${s.count} ${s.status}</title></rect>`,
    )
    .join('');
  return (
    `<g class="group" data-group="${e(g.id)}"><title>${e(g.id)} ${e(g.name)}: ${e(numbers)}</title>` +
    `<text x="0" y="${y + 13}">${e(g.id)}</text>` +
    `<rect class="track" x="${LABEL_WIDTH}" y="${y}" width="${BAR_WIDTH}" height="16" fill="${TRACK_COLOR}"/>` +
    segments +
    `<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 13}">${e(numbers)}</text></g>`
  );
}

/**
 * A framework's readiness by group as an inline SVG: no script, no external resource. Its accessible name
 * (aria-label) carries every group's numbers, so a screen reader hears what the bars show.
 */
export function renderReadinessSvg(fw: FrameworkResult): string {
  const width = LABEL_WIDTH + BAR_WIDTH + TEXT_WIDTH;
  const height = LEGEND_HEIGHT + fw.groups.length * ROW + 6;
  const label =
    `${frameworkName(fw.key, fw.version)} readiness by ${GROUP_NOUN[fw.key]} (met, inherited, partial, gap): ` +
    fw.groups.map((g) => `${g.id} ${describeCounts(g.counts, g.readiness)}, maturity ${describeMaturity(g)}`).join('; ');
  const rows = fw.groups.map((g, i) => groupRowSvg(g, LEGEND_HEIGHT + i * ROW)).join('');
  return `<svg class="readiness-chart" role="img" aria-label="${e(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${legendSvg()}${rows}</svg>`;
}
