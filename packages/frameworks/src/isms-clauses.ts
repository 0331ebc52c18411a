import { getIso27001Catalog } from './catalogs.js';
import type { Requirement, RequirementGroup } from './types.js';

/**
 * ISO/IEC 27001:2022 clauses 4-10 (the ISMS requirements) as requirements trustops scores beside Annex A.
 *
 * Clause numbers overlap Annex A ids ("5.1" is both "Leadership and commitment" and "Policies for
 * information security"), and trustops writes Annex A ids without "A.", so a clause requirement's id is
 * its number prefixed with "clause ": "clause 9.2.1". What is scored are the leaves of the clause tree
 * (30 of the 41 numbers: 9.2.1 and 9.2.2, not 9.2 as well), so no clause is counted twice; a reference to
 * a parent ("clause 9.2", or a heading "clause 9") stands for all the leaves under it. A bare number that
 * is not also an Annex A id ("6.1.3", "9.2", "10.2") names the clause too, as CSA's mapping writes them.
 */

export const ISMS_GROUP: RequirementGroup = { id: 'clauses', name: 'ISMS clauses 4-10' };

const PREFIX = 'clause ';

export interface IsmsClauses {
  readonly group: RequirementGroup;
  /** The 30 leaf clauses, in the standard's order, with ids "clause 4.1" ... "clause 10.2". */
  readonly requirements: readonly Requirement[];
  /**
   * The leaf requirement ids a reference names: "clause 9.2" or "9.2" -> ["clause 9.2.1", "clause 9.2.2"];
   * undefined when it names no clause (an Annex A id, or nothing).
   */
  resolve(ref: string): readonly string[] | undefined;
  /** Whether a reference is written in the clause form ("clause 5.1"), whatever it resolves to. */
  isClauseRef(ref: string): boolean;
  /** The clause number of a requirement id ("clause 9.2.1" -> "9.2.1"). */
  numberOf(id: string): string | undefined;
}

let cache: IsmsClauses | undefined;

export function getIsmsClauses(): IsmsClauses {
  if (cache) return cache;
  const catalog = getIso27001Catalog();
  const numbers = catalog.clauses.map((c) => c.id);
  const titles = new Map(catalog.clauses.map((c) => [c.id, c.title]));
  const isLeaf = (n: string) => !numbers.some((m) => m.startsWith(`${n}.`));
  const parentOf = (n: string) => (n.includes('.') ? n.slice(0, n.lastIndexOf('.')) : undefined);
  const requirements: Requirement[] = numbers
    .filter(isLeaf)
    .sort(compareClauseNumbers)
    .map((n) => {
      const title = titles.get(n)!;
      const parent = parentOf(n);
      // "9.2.1 General" says nothing alone: name it after its parent ("Internal audit: general").
      const named = title === 'General' && parent?.includes('.') ? `${titles.get(parent)}: general` : title;
      return { id: `${PREFIX}${n}`, title: named, group: ISMS_GROUP.id };
    });
  const leavesUnder = new Map<string, string[]>();
  for (const n of numbers) {
    leavesUnder.set(
      n,
      requirements.map((r) => r.id.slice(PREFIX.length)).filter((leaf) => leaf === n || leaf.startsWith(`${n}.`)).map((leaf) => `${PREFIX}${leaf}`),
    );
  }
  const annexA = new Set(catalog.requirements.map((r) => r.id));
  cache = {
    group: ISMS_GROUP,
    requirements,
    resolve(ref) {
      const trimmed = ref.trim();
      const number = trimmed.toLowerCase().startsWith(PREFIX) ? trimmed.slice(PREFIX.length).trim() : annexA.has(trimmed) ? undefined : trimmed;
      if (number === undefined) return undefined;
      const leaves = leavesUnder.get(number);
      return leaves && leaves.length > 0 ? leaves : undefined;
    },
    isClauseRef: (ref) => ref.trim().toLowerCase().startsWith(PREFIX),
    numberOf: (id) => (id.startsWith(PREFIX) ? id.slice(PREFIX.length) : undefined),
  };
  return cache;
}

/** 4.1 < 4.2 < ... < 9.3.3 < 10.1: numerically, part by part. */
function compareClauseNumbers(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
