import { rangeText } from '../model/dates.js';
import { DUE_KIND_LABEL } from '../render/due.js';
import { attestationText, type ComplementaryControls } from '../score/complementary-controls.js';
import type { DueList } from '../score/due.js';
import type { VendorRegisterRow } from '../score/vendor-register.js';
import type { RiskRegisterAssessment } from '../score/risk-register.js';
import type { Table } from './tables.js';

/** CAIQ v4 wording of the SSRM ownership, as the CUEC and CSOC tables show it. */
const OWNERSHIP: Readonly<Record<string, string>> = {
  'csp-owned': 'CSP-owned',
  'csc-owned': 'CSC-owned',
  'third-party-outsourced': 'Third-party outsourced',
  'shared-csp-csc': 'Shared CSP and CSC',
  'shared-csp-third-party': 'Shared CSP and 3rd-party',
};

/** system/cuecs.csv: what customers must do, one row per SSRM entry with a csc: text. */
export function buildCuecTable(c: ComplementaryControls): Table {
  return {
    name: 'CUECs',
    columns: [
      { header: 'CUEC', width: 10 },
      { header: 'CCM Control ID', width: 12 },
      { header: 'CCM title', width: 40 },
      { header: 'SSRM Control Ownership', width: 22 },
      { header: 'Complementary user entity control (CSC responsibilities)', width: 80 },
      { header: 'Source', width: 40 },
    ],
    rows: c.cuecs.map((x) => [x.id, x.ccm, x.title, OWNERSHIP[x.ownership] ?? x.ownership, x.text, `${x.file}:${x.line}`]),
  };
}

/** system/csocs.csv: what each subservice organisation must do, and the attestation relied on for it. */
export function buildCsocTable(c: ComplementaryControls): Table {
  return {
    name: 'CSOCs',
    columns: [
      { header: 'CSOC', width: 10 },
      { header: 'CCM Control ID', width: 12 },
      { header: 'CCM title', width: 40 },
      { header: 'SSRM Control Ownership', width: 22 },
      { header: 'Vendor', width: 12 },
      { header: 'Vendor name', width: 24 },
      { header: 'What we rely on the vendor for (CSP description)', width: 70 },
      { header: 'Attestation relied on', width: 40 },
      { header: 'Reports and bridge letters covering the period', width: 50 },
      { header: 'Uncovered days of the period', width: 30 },
      { header: 'Source', width: 40 },
    ],
    rows: c.csocs.map((x) => [
      x.id,
      x.ccm,
      x.title,
      OWNERSHIP[x.ownership] ?? x.ownership,
      x.vendor,
      x.vendorName,
      x.reliedOn,
      x.attestation ? `${attestationText(x.attestation)}${x.attestation.reference ? `: ${x.attestation.reference}` : ''}` : 'none current',
      x.covering.map(attestationText).join('; '),
      x.coverageGaps.map(rangeText).join(', '),
      `${x.file}:${x.line}`,
    ]),
  };
}

/** vendors/register.csv: one row per attestation of each vendor (a vendor without any has one row). */
export function buildVendorRegisterTable(rows: readonly VendorRegisterRow[]): Table {
  const out: (string | number)[][] = [];
  for (const v of rows) {
    const common = [
      v.id,
      v.name,
      v.kind,
      v.services.join(', '),
      v.data.join(', '),
      v.vouched ? 'yes' : 'no',
      v.coverage ? rangeText(v.coverage.required) : '',
      v.coverage ? v.coverage.covered.map(rangeText).join(', ') : '',
      v.coverage ? v.coverage.gaps.map(rangeText).join(', ') : '',
      v.lastReview ? `${v.lastReview.on} by ${v.lastReview.by}${v.lastReview.outcome ? ` (${v.lastReview.outcome})` : ''}` : '',
      v.nextReview ?? '',
      v.ssrm.join(', '),
      v.inherited.join(', '),
      v.controls.join(', '),
    ];
    const attestations = v.attestations.length ? v.attestations : [undefined];
    for (const a of attestations) {
      out.push([
        ...common,
        a?.type ?? '',
        a?.period ? rangeText(a.period) : '',
        a?.expires ?? '',
        a?.reviewedOn ?? '',
        a ? (a.current ? `current until ${a.until}` : a.problem ?? `lapsed${a.until ? ` on ${a.until}` : ''}`) : '',
        a ? [a.relied ? 'relied on' : '', a.covering ? 'covers the period' : ''].filter(Boolean).join(', ') : '',
        a?.reference ?? '',
      ]);
    }
  }
  return {
    name: 'Vendor register',
    columns: [
      { header: 'Vendor', width: 16 },
      { header: 'Name', width: 30 },
      { header: 'Kind', width: 14 },
      { header: 'Services', width: 40 },
      { header: 'Data', width: 30 },
      { header: 'Vouched for', width: 10 },
      { header: 'Period to cover (so far)', width: 24 },
      { header: 'Covered', width: 24 },
      { header: 'Uncovered', width: 24 },
      { header: 'Last review', width: 30 },
      { header: 'Next review due', width: 14 },
      { header: 'SSRM (CCM)', width: 40 },
      { header: 'Inherited (TSC, ISO)', width: 40 },
      { header: 'Controls depending on it', width: 30 },
      { header: 'Attestation', width: 16 },
      { header: 'Attestation period', width: 24 },
      { header: 'Expires', width: 12 },
      { header: 'Reviewed on', width: 12 },
      { header: 'State', width: 30 },
      { header: 'Use', width: 24 },
      { header: 'Reference', width: 50 },
    ],
    rows: out,
  };
}

/** pbc.csv: the PBC list as a spreadsheet. */
export function buildPbcTable(list: DueList): Table {
  return {
    name: 'PBC',
    columns: [
      { header: 'Due', width: 12 },
      { header: 'Status', width: 10 },
      { header: 'Kind', width: 16 },
      { header: 'Subject', width: 24 },
      { header: 'What', width: 80 },
      { header: 'From', width: 24 },
      { header: 'Source', width: 40 },
    ],
    rows: list.items.map((i) => [i.due, i.overdue ? 'overdue' : 'due', DUE_KIND_LABEL[i.kind], i.subject, i.what, i.from, `${i.file}:${i.line}`]),
  };
}

/** risks/register.csv: the risk register as an auditor samples it. */
export function buildRiskTable(register: RiskRegisterAssessment): Table {
  return {
    name: 'Risk register',
    columns: [
      { header: 'Risk', width: 8 },
      { header: 'Title', width: 50 },
      { header: 'Owner', width: 20 },
      { header: 'Assets', width: 30 },
      { header: 'Inherent', width: 9 },
      { header: 'Residual', width: 9 },
      { header: 'Treatment', width: 10 },
      { header: 'Controls', width: 40 },
      { header: 'Accepted by', width: 24 },
      { header: 'Accepted on', width: 12 },
      { header: 'Accepted until', width: 12 },
      { header: 'Review', width: 10 },
      { header: 'Last reviewed', width: 12 },
      { header: 'Next review', width: 12 },
      { header: 'Problems', width: 50 },
      { header: 'Source', width: 24 },
    ],
    rows: register.risks.map((r) => [
      r.id,
      r.title,
      r.owner,
      r.assets.join(', '),
      r.inherent ?? '',
      r.residual ?? '',
      r.treatment ?? '',
      r.controls.join(', '),
      r.acceptance?.by ?? '',
      r.acceptance?.on ?? '',
      r.acceptance?.until ?? '',
      r.reviewEvery,
      r.lastReviewed ?? '',
      r.reviewDue ?? '',
      r.issues.join('; '),
      `${r.file}:${r.line}`,
    ]),
  };
}
