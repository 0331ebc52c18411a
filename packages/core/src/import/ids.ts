import { getCcmCatalog, getIso27001Catalog, getIso27001Correspondence, getTscCatalog, resolveCcmVersion, type Iso2013Row } from '@trustops/frameworks';
import { ccmVersionLabel } from '../migrate/crosswalk.js';

/** What one cell yields: the ids read, and the pieces that are not ids (each with why, and a guess). */
export interface CellIds {
  ids: string[];
  problems: { text: string; message: string; hint?: string }[];
  /** ISO only: 2013 ids as written, with their 2022 successors. */
  iso2013: { from: string; to: readonly string[]; change: Iso2013Row['change'] }[];
  /** ISO only: a theme or objective heading ("A.12 Operations security", a 2013 "A.9.4"), not a control. */
  heading: boolean;
}

/** Several ids per cell: "CC6.1, CC6.6", "A.5.1; A.5.2", one per line. */
export function splitCell(cell: string): string[] {
  return cell
    .split(/[,;\n\r|]+|\s+(?:and|&)\s+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

const ISO_TOKEN = /^(?:iso(?:\/iec)?\s*27001(?::\s*20\d\d)?\s*)?(?:annex\s*)?(?:a\s*[.\s]?\s*)?(\d{1,2}(?:\s*\.\s*\d{1,2}){0,2})(?![\d])/i;

let correspondence: Map<string, Iso2013Row> | undefined;
function iso2013(): Map<string, Iso2013Row> {
  correspondence ??= new Map(getIso27001Correspondence().flatMap((r) => (r.from ? [[r.from, r]] : [])));
  return correspondence;
}

/**
 * Annex A ids: 2022 ("A.5.1", "5.1", "A 5.1 Policies for information security"), or 2013 ("A.9.4.2"),
 * translated through ISO/IEC 27002:2022 Annex B. A bare theme ("A.12") is a heading, and so is a two-part
 * id in a 2013 SoA (`in2013File`). `numeric`: the spreadsheet stored the cell as a number, so 5.10 may
 * have become 5.1.
 */
export function readIsoIds(cell: string, options: { numeric?: boolean; in2013File?: boolean } = {}): CellIds & { ambiguousNumber?: string } {
  const { numeric = false, in2013File = false } = options;
  const catalog = getIso27001Catalog();
  const out: CellIds & { ambiguousNumber?: string } = { ids: [], problems: [], iso2013: [], heading: false };
  for (const token of splitCell(cell)) {
    const match = ISO_TOKEN.exec(token);
    const id = match?.[1]!.replace(/\s+/g, '');
    const parts = id?.split('.').length ?? 0;
    if (!id || parts === 1) {
      if (parts === 1) out.heading = true;
      else out.problems.push({ text: token, message: `"${token}" is not an ISO/IEC 27001 Annex A control id` });
      continue;
    }
    if (parts === 3) {
      const row = iso2013().get(id);
      if (row) {
        out.iso2013.push({ from: id, to: row.to, change: row.change });
        for (const to of row.to) if (!out.ids.includes(to)) out.ids.push(to);
      } else out.problems.push({ text: token, message: `"${token}" is not an Annex A control of ISO/IEC 27001:2013 (three parts, A.5.1.1 to A.18.2.3)` });
      continue;
    }
    // In a 2013 SoA a two-part id is a control objective ("A.9.4 System and application access control").
    if (in2013File) {
      out.heading = true;
      continue;
    }
    if (catalog.get(id)) {
      if (!out.ids.includes(id)) out.ids.push(id);
      if (numeric && catalog.get(`${id}0`)) out.ambiguousNumber = id;
      continue;
    }
    const guess = catalog.suggest(id);
    out.problems.push({
      text: token,
      message: `"${token}" is not an Annex A control of ISO/IEC 27001:2022`,
      hint: Number(id.split('.')[0]) >= 9 ? 'ISO/IEC 27001:2013 ids have three parts (A.9.4.2); 2022 ids run from 5.1 to 8.34.' : guess ? `Did you mean ${guess} (${catalog.get(guess)?.title})?` : '2022 ids run from 5.1 to 8.34.',
    });
  }
  return out;
}

const TSC_ID = /\b(CC|PI|A|C|P)\s*(\d)\s*\.\s*(\d{1,2})\b/gi;

/** TSC criteria: "CC6.1", "cc 6.1 Logical access", several per cell. */
export function readTscIds(cell: string): CellIds {
  const catalog = getTscCatalog();
  const out: CellIds = { ids: [], problems: [], iso2013: [], heading: false };
  for (const token of splitCell(cell)) {
    const found = [...token.matchAll(TSC_ID)].map((m) => `${m[1]!.toUpperCase()}${m[2]}.${Number(m[3])}`);
    if (found.length === 0) {
      out.problems.push({ text: token, message: `"${token}" is not a TSC criterion id (CC1.1 … CC9.2, A1.1, C1.1, PI1.1, P1.1 …)` });
      continue;
    }
    for (const id of found) {
      if (catalog.get(id)) {
        if (!out.ids.includes(id)) out.ids.push(id);
        continue;
      }
      const guess = catalog.suggest(id);
      out.problems.push({ text: id, message: `${id} is not a criterion of the 2017 Trust Services Criteria`, ...(guess ? { hint: `Did you mean ${guess}?` } : {}) });
    }
  }
  return out;
}

const CCM_ID = /\b(A&A|I&S|[A-Z]{2,4})\s*-\s*(\d{1,2})(?:\.\d+)?\b/gi;

/** CCM control ids of one version ("IAM-14", CAIQ question ids "IAM-14.1" count as their control). */
export function readCcmIds(cell: string, version: string): CellIds {
  const catalog = getCcmCatalog(version);
  const label = ccmVersionLabel(resolveCcmVersion(version)!);
  const other = label === '4.1' ? '4.0.13' : '4.1';
  const out: CellIds = { ids: [], problems: [], iso2013: [], heading: false };
  for (const token of splitCell(cell)) {
    const found = [...token.matchAll(CCM_ID)].map((m) => `${m[1]!.toUpperCase()}-${m[2]!.padStart(2, '0')}`);
    if (found.length === 0) {
      out.problems.push({ text: token, message: `"${token}" is not a CCM control id (IAM-14, A&A-01, …)` });
      continue;
    }
    for (const id of found) {
      if (catalog.get(id)) {
        if (!out.ids.includes(id)) out.ids.push(id);
        continue;
      }
      const elsewhere = getCcmCatalog(other).get(id);
      const guess = catalog.suggest(id);
      out.problems.push({
        text: id,
        message: `${id} is not a control of CCM ${label}`,
        hint: elsewhere ? `It is a CCM ${other} id: if the file is a CCM ${other} matrix, import it with --ccm-version ${other}.` : guess ? `Did you mean ${guess}?` : 'See the CCM ids with trustops explain.',
      });
    }
  }
  return out;
}
