import { getCaiq } from '@trustops/frameworks';
import { stringify } from 'csv-stringify/sync';
import { placeholderIn } from '../model/placeholders.js';
import { frameworkName, OWNERSHIP_LABEL } from '../render/labels.js';
import type { PacketInput } from './packet-input.js';

/** A table as the packet writes it: CSV and a worksheet of the XLSX share it. */
export interface Table {
  name: string;
  columns: TableColumn[];
  rows: (string | number)[][];
}

export interface TableColumn {
  header: string;
  width?: number;
  /** The values a spreadsheet offers for the column (an XLSX data validation list). */
  choices?: readonly string[];
  /** Shown in the XLSX when the header cell is selected (an input message): what the column holds, or why it is empty. */
  note?: string;
}

/**
 * RFC 4180 CSV: a header row, CRLF line ends, UTF-8 with a byte order mark (without one, Excel on Windows
 * reads the file as the local code page and shows "ÅÃ³dÅº" for "Łódź"): the same bytes every time. A
 * cell that a spreadsheet would run as a formula (= + - @, tab, CR and their full-width forms) gets
 * csv-stringify's escape_formulas: a leading ' keeps it text.
 */
export function renderCsv(table: Table): string {
  return [...renderCsvParts(table)].join('');
}

const CSV_OPTIONS = { record_delimiter: '\r\n', escape_formulas: true, quoted_match: /[\r\n]/ } as const;

/**
 * renderCsv's text in parts, to be concatenated: a few hundred rows at a time, so that a large table (the
 * evidence index: 16,000 rows at 2,000 controls) is never one string. Each record ends with its own
 * delimiter, so the parts are the whole's text cut between records.
 */
export function* renderCsvParts(table: Pick<Table, 'columns'> & { rows: Iterable<Table['rows'][number]> }): Generator<string, void, undefined> {
  yield `\uFEFF${stringify([table.columns.map((c) => c.header)], CSV_OPTIONS)}`;
  // The rows may be made as they are read (the evidence index's are), so only one batch of them is kept.
  let batch: string[][] = [];
  for (const row of table.rows) {
    batch.push(row.map(String));
    if (batch.length === 500) {
      yield stringify(batch, CSV_OPTIONS);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch, CSV_OPTIONS);
}

/** CSA's answers (CAIQ v4 "CSP CAIQ Answer"). */
export const CAIQ_ANSWERS = ['Yes', 'No', 'NA'] as const;

/**
 * CSA's CAIQ v4 columns, in CSA's order (A to J of CSA's CAIQ sheet): a row of this table pastes column
 * for column into CSA's workbook. Question and CCM Control Specification are CSA's text, which CSA
 * distributes: they stay empty here, and a note on their header says so.
 */
export const CAIQ_CSA_COLUMNS: readonly TableColumn[] = [
  { header: 'Question ID', width: 12 },
  { header: 'Question', width: 14, note: "Left empty: CSA's question text is CSA's to distribute. Paste these rows into CSA's CAIQ workbook, which carries it." },
  { header: 'CSP CAIQ Answer', width: 10, choices: CAIQ_ANSWERS },
  { header: 'SSRM Control Ownership', width: 22, choices: Object.values(OWNERSHIP_LABEL) },
  { header: 'CSP Implementation Description (Optional/Recommended)', width: 70 },
  { header: 'CSC Responsibilities (Optional/Recommended)', width: 50 },
  { header: 'CCM Control ID', width: 12 },
  { header: 'CCM Control Specification', width: 14, note: "Left empty: CSA's control specification text is CSA's to distribute; CSA's CCM workbook carries it." },
  { header: 'CCM Control Title', width: 36 },
  { header: 'CCM Domain Title', width: 30 },
];

/**
 * The CAIQ answers, one row per question of the CAIQ that belongs to the configured CCM version: CSA's
 * columns in CSA's order, then trustops' own. CSA's answer says whether the control is implemented, so it follows the Type I view
 * (designed and implemented): met or inherited -> Yes, partial or gap -> No, excluded -> NA. Whether it
 * also operated across the period (Type II) goes into a column of its own, after CSA's, never into the
 * answer. Ownership, CSP description and CSC responsibilities come from the SSRM.
 */
export function buildCaiqTable(input: PacketInput): Table | undefined {
  const design = input.designReadiness.frameworks.ccm;
  const version = input.scope.frameworks.ccm?.catalog.version;
  if (!design || !version) return undefined;
  const operation = input.readiness.type === 'type2' ? input.readiness.frameworks.ccm : undefined;
  const lite = input.model.config?.data.frameworks?.ccm?.lite === true;
  const statuses = new Map(design.requirements.map((r) => [r.id, r]));
  const operated = new Map((operation?.requirements ?? []).map((r) => [r.id, r.status]));
  const assignments = new Map(input.model.responsibilities.flatMap((r) => Object.entries(r.data.assignments)));
  const catalog = input.scope.frameworks.ccm?.catalog;
  const domains = new Map((catalog?.groups ?? []).map((g) => [g.id, g.name]));
  const controlsFor = (id: string) =>
    input.model.controls.filter((c) => c.data.status !== 'retired' && (c.data.maps?.ccm ?? []).includes(id)).map((c) => c.data.id);
  const rows: string[][] = [];
  for (const q of getCaiq(version).questions) {
    if (lite && !q.caiqLite) continue;
    const requirement = statuses.get(q.ccm);
    const assignment = assignments.get(q.ccm);
    const status = requirement?.status;
    const answer = status === 'met' || status === 'inherited' ? 'Yes' : status === 'excluded' ? 'NA' : 'No';
    const exclusion = requirement?.reasons.find((r) => r.kind === 'exclusion');
    const controls = controlsFor(q.ccm);
    const description =
      status === 'excluded' && exclusion?.kind === 'exclusion'
        ? `Not applicable: ${exclusion.reason}`
        : [assignment?.csp ?? '', ...(status === 'partial' || status === 'gap' ? [`(Status: ${status}; see the readiness report.)`] : [])].filter(Boolean).join(' ');
    const control = catalog?.get(q.ccm);
    rows.push([
      q.id,
      '',
      answer,
      assignment ? OWNERSHIP_LABEL[assignment.ownership] : '',
      description,
      assignment?.csc ?? '',
      q.ccm,
      '',
      control?.title ?? '',
      (control && domains.get(control.group)) ?? '',
      controls.join(', '),
      status ?? '',
      ...(operation ? [operated.get(q.ccm) ?? ''] : []),
    ]);
  }
  return {
    name: 'CAIQ',
    columns: [
      ...CAIQ_CSA_COLUMNS,
      // trustops' own columns, after CSA's.
      { header: 'trustops Answering Controls', width: 30 },
      { header: 'trustops Status (Type I: designed)', width: 14 },
      ...(operation ? [{ header: 'trustops Status (Type II: operating)', width: 14 }] : []),
    ],
    rows,
  };
}

/** CAIQ questions whose CSP description or CSC responsibilities would be a placeholder, with where it comes from. */
export function caiqPlaceholderRows(input: Pick<PacketInput, 'scope' | 'model'>): { question: string; ccm: string; field: 'csp' | 'csc'; why: string }[] {
  const version = input.scope.frameworks.ccm?.catalog.version;
  const ccm = input.scope.frameworks.ccm;
  if (!version || !ccm) return [];
  const lite = input.model.config?.data.frameworks?.ccm?.lite === true;
  const assignments = new Map(input.model.responsibilities.flatMap((r) => Object.entries(r.data.assignments)));
  const out: { question: string; ccm: string; field: 'csp' | 'csc'; why: string }[] = [];
  for (const q of getCaiq(version).questions) {
    if ((lite && !q.caiqLite) || !ccm.applicable.has(q.ccm) || ccm.excluded.has(q.ccm)) continue;
    const a = assignments.get(q.ccm);
    for (const field of ['csp', 'csc'] as const) {
      const text = a?.[field];
      const why = text === undefined ? undefined : placeholderIn(text);
      if (why) out.push({ question: q.id, ccm: q.ccm, field, why });
    }
  }
  return out;
}

/**
 * The risk and control matrix (RCM): one row per control with what an auditor tests against (description,
 * type, automation, frequency, the evidence items and how often each is due, owner), the result (design;
 * operation in the Type II view), then one column per framework in scope with the requirements it maps to.
 */
export function buildControlMatrix(input: PacketInput): Table {
  const type2 = input.readiness.type === 'type2';
  const frameworks = (['ccm', 'tsc', 'iso27001'] as const).flatMap((key) => {
    const fw = input.readiness.frameworks[key];
    return fw ? [{ key, header: frameworkName(key, fw.version) }] : [];
  });
  const result = (ok: boolean | undefined, issues: readonly string[] | undefined) => (ok === undefined ? '' : ok ? 'yes' : `no: ${(issues ?? []).join('; ')}`);
  const rows = [...input.model.controls]
    .sort((a, b) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0))
    .map((c) => {
      const d = c.data;
      const a = input.readiness.controls.get(d.id);
      return [
        d.id,
        d.title,
        d.description,
        d.kind ?? '',
        d.automation ?? '',
        d.frequency ?? '',
        (d.evidence ?? []).map((item) => `${item.id} (${item.every})`).join('\n'),
        d.owner,
        d.status,
        result(a?.designed, a?.designIssues),
        ...(type2 ? [result(a?.operating, a?.operationIssues)] : []),
        d.maturity ?? '',
        a?.effectiveMaturity ?? '',
        ...frameworks.map((fw) => (d.maps?.[fw.key] ?? []).join('\n')),
        (d.policies ?? []).join('\n'),
        c.source.file,
      ];
    });
  return {
    name: 'Controls',
    columns: [
      { header: 'Control', width: 22 },
      { header: 'Title', width: 40 },
      { header: 'Description', width: 60 },
      { header: 'Type', width: 12 },
      { header: 'Automation', width: 14 },
      { header: 'Frequency', width: 12 },
      { header: 'Evidence items (frequency)', width: 36 },
      { header: 'Owner', width: 20 },
      { header: 'Status', width: 12 },
      { header: 'Design (Type I)', width: 30 },
      ...(type2 ? [{ header: 'Operating (Type II)', width: 30 }] : []),
      { header: 'Maturity (declared)', width: 10 },
      { header: 'Maturity (counted)', width: 10 },
      ...frameworks.map((fw) => ({ header: fw.header, width: 18 })),
      { header: 'Policies', width: 20 },
      { header: 'File', width: 40 },
    ],
    rows,
  };
}

/** The shared-responsibility matrix: every in-scope CCM control with owner, vendor and status. */
export function buildSsrmMatrix(input: PacketInput): Table | undefined {
  const ccm = input.readiness.frameworks.ccm;
  if (!ccm) return undefined;
  const assignments = new Map(input.model.responsibilities.flatMap((r) => Object.entries(r.data.assignments)));
  const rows = ccm.requirements.map((r) => {
    const a = assignments.get(r.id);
    const exclusion = r.reasons.find((x) => x.kind === 'exclusion');
    return [
      r.id,
      r.title,
      r.group,
      a ? OWNERSHIP_LABEL[a.ownership] : r.status === 'excluded' ? 'Excluded' : '',
      a?.vendor ?? '',
      r.status === 'excluded' && exclusion?.kind === 'exclusion' ? exclusion.reason : (a?.csp ?? ''),
      a?.csc ?? '',
      r.status,
    ];
  });
  return {
    name: 'SSRM',
    columns: [
      { header: 'CCM Control ID', width: 12 },
      { header: 'Title', width: 40 },
      { header: 'Domain', width: 8 },
      { header: 'SSRM Control Ownership', width: 22 },
      { header: 'Vendor', width: 12 },
      { header: 'CSP Implementation Description', width: 70 },
      { header: 'CSC Responsibilities', width: 50 },
      { header: 'Status', width: 10 },
    ],
    rows,
  };
}

/** The evidence index: every record and file with its digest, in path order. */
export function buildEvidenceIndex(input: PacketInput, packetPathOf: (repoPath: string) => string): Table {
  return { name: 'Evidence', columns: EVIDENCE_INDEX_COLUMNS, rows: [...evidenceIndexRows(input, packetPathOf)] };
}

export const EVIDENCE_INDEX_COLUMNS: TableColumn[] = [
  { header: 'control', width: 22 },
  { header: 'evidence item', width: 24 },
  { header: 'covers', width: 24 },
  { header: 'collected on', width: 12 },
  { header: 'collected by', width: 24 },
  { header: 'path', width: 50 },
  { header: 'sha256', width: 66 },
  { header: 'record', width: 40 },
  { header: 'population size', width: 10 },
  { header: 'population source', width: 40 },
  { header: 'population file', width: 40 },
  { header: 'sample size', width: 10 },
  { header: 'sample method', width: 12 },
  { header: 'sample seed', width: 14 },
];

/**
 * buildEvidenceIndex's rows, made as they are read: the packet's evidence/index.csv takes them a batch at
 * a time (16,000 rows at 2,000 controls, 3 MB of old generation when all were made first).
 */
export function* evidenceIndexRows(input: PacketInput, packetPathOf: (repoPath: string) => string): Generator<string[]> {
  const records = [...input.model.evidence].sort((a, b) => (a.source.file < b.source.file ? -1 : 1));
  for (const r of records) {
    const d = r.data;
    const files = d.files ?? [];
    const base = r.source.file.slice(0, r.source.file.lastIndexOf('/') + 1);
    // What was tested and how it was sampled, so an auditor can draw the sample again.
    const sampling = [
      d.population ? String(d.population.size) : '',
      d.population?.source ?? '',
      d.population?.file ? packetPathOf(`${base}${d.population.file}`) : '',
      d.sample ? String(d.sample.size) : '',
      d.sample?.method ?? '',
      d.sample?.seed ?? '',
    ];
    if (files.length === 0) yield [d.control, d.evidence, `${d.covers.start}..${d.covers.end}`, d.collected_on, d.collected_by ?? '', d.uri ?? '', d.sha256 ?? '', r.source.file, ...sampling];
    for (const f of files) {
      const repoPath = `${base}${f.path}`;
      const withheld = input.withheld.get(repoPath);
      yield [d.control, d.evidence, `${d.covers.start}..${d.covers.end}`, d.collected_on, d.collected_by ?? '', withheld ? `withheld: ${withheld}` : packetPathOf(repoPath), f.sha256, r.source.file, ...sampling];
    }
  }
}
