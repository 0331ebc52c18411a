import type { RepoModel } from '../load/load-repo.js';
import { addMonths, addDays, type DateRange, type IsoDate } from '../model/dates.js';
import { suggestClosest } from '@trustops/frameworks';
import { schemaModeline, yamlScalar } from './yaml-text.js';

/**
 * A window as people name it: 2026 (the year), 2026-H1, 2026-Q1, 2026-03. Undefined when it is none of
 * these (or names no real month or quarter).
 */
export function parseWindow(label: string): DateRange | undefined {
  const year = /^(\d{4})$/.exec(label);
  if (year) return { start: `${year[1]}-01-01`, end: `${year[1]}-12-31` };
  const part = /^(\d{4})-(Q[1-4]|H[12])$/.exec(label);
  if (part) {
    const months = part[2]!.startsWith('Q') ? 3 : 6;
    const index = Number(part[2]!.slice(1)) - 1;
    const start = addMonths(`${part[1]}-01-01`, index * months);
    return { start, end: addDays(addMonths(start, months), -1) };
  }
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  if (month) {
    const start = `${month[1]}-${month[2]}-01`;
    return { start, end: addDays(addMonths(start, 1), -1) };
  }
  return undefined;
}

/** Which record of which item and window: what `evidence add`, `sample` and the collectors all name. */
export interface EvidenceRecordHead {
  control: string;
  item: string;
  covers: DateRange;
  /** How the window is named in file names: the --window label (2026-Q1), else START_END. */
  label: string;
  collectedOn: IsoDate;
  collectedBy?: string;
  note?: string;
}

export interface EvidenceRequest extends EvidenceRecordHead {
  /** The date of the check: a record collected after it would be future-dated. */
  today: IsoDate;
}

/** Why a record cannot be made from the model's point of view (unknown control or item, impossible dates). */
export function refuseEvidence(model: RepoModel, r: EvidenceRequest): string | undefined {
  const control = model.controls.find((c) => c.data.id === r.control);
  if (!control) {
    const guess = suggestClosest(r.control, model.controls.map((c) => c.data.id));
    return `there is no control ${r.control} under controls/${guess ? `; did you mean ${guess}?` : ''}`;
  }
  const items = (control.data.evidence ?? []).map((e) => e.id);
  if (!items.includes(r.item)) {
    return items.length
      ? `control ${r.control} has no evidence item ${r.item}; its items: ${items.join(', ')}`
      : `control ${r.control} lists no evidence items: add one under evidence: in ${control.source.file}`;
  }
  if (r.covers.start > r.covers.end) return `the window starts after it ends (${r.covers.start}..${r.covers.end})`;
  if (r.covers.end > r.collectedOn) {
    return `the window ends on ${r.covers.end}, after the collection date ${r.collectedOn}: a record cannot show time that had not happened yet`;
  }
  if (r.collectedOn > r.today) return `--collected-on ${r.collectedOn} is in the future (today is ${r.today})`;
  return undefined;
}

/** Where the record goes: evidence/<control>/<label>-<item>.yaml. */
export function evidenceRecordPath(r: Pick<EvidenceRequest, 'control' | 'item' | 'label'>): string {
  return `evidence/${r.control}/${r.label}-${r.item}.yaml`;
}

/** The name a copied file gets beside the record: <label>-<its name>, unless it already starts with the label. */
export function evidenceFileName(label: string, name: string): string {
  return name.startsWith(`${label}-`) || name.startsWith(`${label}.`) ? name : `${label}-${name}`;
}

/** The record's YAML: what it covers, who collected it and when, and each file with its SHA-256. */
export function renderEvidenceRecord(r: EvidenceRequest, files: readonly { path: string; sha256: string }[], schemaDir: string): string {
  const lines = [
    schemaModeline(evidenceRecordPath(r), schemaDir, 'evidence'),
    `# Recorded by \`trustops evidence add\`. Evidence is append-only: add a new record rather than change this one.`,
    `control: ${r.control}`,
    `evidence: ${r.item}`,
    `collected_on: ${r.collectedOn}`,
    `covers: { start: ${r.covers.start}, end: ${r.covers.end} }`,
    ...(r.collectedBy ? [`collected_by: ${yamlScalar(r.collectedBy)}`] : []),
    ...(r.note ? [`note: ${yamlScalar(r.note)}`] : []),
    'files:',
    ...files.flatMap((f) => [`  - path: ${yamlScalar(f.path)}`, `    sha256: ${f.sha256}`]),
    '',
  ];
  return lines.join('\n');
}
