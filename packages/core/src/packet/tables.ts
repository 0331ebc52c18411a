import { getCaiq } from '@trustops/frameworks';
import { stringify } from 'csv-stringify/sync';
import { placeholderIn } from '../model/placeholders.js';
import { OWNERSHIP_LABEL } from '../render/labels.js';
import type { PacketInput } from './packet-input.js';

/** A table as the packet writes it: CSV and a worksheet of the XLSX share it. */
export interface Table {
  name: string;
  columns: { header: string; width?: number }[];
  rows: (string | number)[][];
}

/**
 * RFC 4180 CSV with a header row, CRLF-free (LF) and UTF-8: the same bytes every time. A cell that a
 * spreadsheet would run as a formula (OWASP: = + - @ tab CR) gets csv-stringify's escape_formulas: a
 * leading ' keeps it text.
 */
export function renderCsv(table: Table): string {
  return stringify([table.columns.map((c) => c.header), ...table.rows.map((r) => r.map(String))], { record_delimiter: '\n', escape_formulas: true });
}

/**
 * The CAIQ answers, one row per question of the CAIQ that belongs to the configured CCM version, in CAIQ
 * v4 column order. CSA's answer says whether the control is implemented, so it follows the Type I view
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
    rows.push([
      q.id,
      answer,
      assignment ? OWNERSHIP_LABEL[assignment.ownership] : '',
      description,
      assignment?.csc ?? '',
      controls.join(', '),
      q.ccm,
      status ?? '',
      ...(operation ? [operated.get(q.ccm) ?? ''] : []),
    ]);
  }
  return {
    name: 'CAIQ',
    columns: [
      { header: 'Question ID', width: 12 },
      { header: 'CSP CAIQ Answer', width: 10 },
      { header: 'SSRM Control Ownership', width: 22 },
      { header: 'CSP Implementation Description (Optional/Recommended)', width: 70 },
      { header: 'CSC Responsibilities (Optional/Recommended)', width: 50 },
      { header: 'Answering Controls', width: 30 },
      { header: 'CCM Control ID', width: 12 },
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

/** Controls x requirements: one row per control with the ids it maps to per framework. */
export function buildControlMatrix(input: PacketInput): Table {
  const rows = [...input.model.controls]
    .sort((a, b) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0))
    .map((c) => {
      const d = c.data;
      const assessment = input.readiness.controls.get(d.id);
      return [
        d.id,
        d.title,
        d.owner,
        d.status,
        d.maturity ?? '',
        assessment?.effectiveMaturity ?? '',
        d.automation ?? '',
        d.frequency ?? '',
        (d.maps?.ccm ?? []).join(', '),
        (d.maps?.tsc ?? []).join(', '),
        (d.maps?.iso27001 ?? []).join(', '),
        (d.policies ?? []).join(', '),
        c.source.file,
      ];
    });
  return {
    name: 'Controls',
    columns: [
      { header: 'Control', width: 22 },
      { header: 'Title', width: 50 },
      { header: 'Owner', width: 20 },
      { header: 'Status', width: 12 },
      { header: 'Maturity (declared)', width: 10 },
      { header: 'Maturity (counted)', width: 10 },
      { header: 'Automation', width: 14 },
      { header: 'Frequency', width: 12 },
      { header: 'CCM', width: 24 },
      { header: 'TSC', width: 24 },
      { header: 'ISO 27001', width: 24 },
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
  const rows: string[][] = [];
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
    if (files.length === 0) rows.push([d.control, d.evidence, `${d.covers.start}..${d.covers.end}`, d.collected_on, d.collected_by ?? '', d.uri ?? '', d.sha256 ?? '', r.source.file, ...sampling]);
    for (const f of files) {
      const repoPath = `${base}${f.path}`;
      const withheld = input.withheld.get(repoPath);
      rows.push([d.control, d.evidence, `${d.covers.start}..${d.covers.end}`, d.collected_on, d.collected_by ?? '', withheld ? `withheld: ${withheld}` : packetPathOf(repoPath), f.sha256, r.source.file, ...sampling]);
    }
  }
  return {
    name: 'Evidence',
    columns: [
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
    ],
    rows,
  };
}
