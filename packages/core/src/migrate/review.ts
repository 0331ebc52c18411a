import { getCcmCatalog } from '@trustops/frameworks';
import { isScalar, visit, type Scalar } from 'yaml';
import type { CcmTranslation } from './crosswalk.js';
import { lineOfNode, type EditedFile, type Occurrence } from './occurrences.js';

/** An id the program names whose control changed beyond its number: the reviewer decides. */
export interface ReviewItem {
  /** The id in the new version, and the one it came from. */
  id: string;
  from: string;
  title: string;
  reasons: string[];
  /** Who names it. */
  owners: string[];
}

/** Prose that names a CCM id the migration renumbered or removed (a description, a reason, a comment, policy text). */
export interface ProseMention {
  file: string;
  line: number;
  id: string;
  /** What the id is now ([] for a removed control). */
  to: string[];
}

/** Under this spec similarity CSA rewrote the requirement, whatever its id and title (see the crosswalk's header). */
const REWRITTEN = 0.6;

export function reviewList(occurrences: readonly Occurrence[], finals: ReadonlyMap<Occurrence, string[]>, translation: CcmTranslation): ReviewItem[] {
  const before = getCcmCatalog(translation.from);
  const after = getCcmCatalog(translation.to);
  const items = new Map<string, ReviewItem>();
  for (const occ of occurrences) {
    const from = occ.scalar.value;
    const row = translation.rowOf(from);
    const to = finals.get(occ) ?? [];
    if (!row || to.length === 0) continue;
    const reasons: string[] = [];
    if (row.retitled) reasons.push(`retitled: "${before.get(from)?.title}" → "${after.get(to[0]!)?.title}"`);
    if (row.uncertain) reasons.push(`uncertain in the crosswalk${row.note ? `: ${row.note}` : ''}`);
    else if (row.basis === 'manual judgement') reasons.push(`matched by judgement${row.note ? `: ${row.note}` : ''}`);
    if (row.specSimilarity !== undefined && row.specSimilarity < REWRITTEN) reasons.push(`requirement text substantially rewritten (similarity ${row.specSimilarity.toFixed(2)})`);
    if (to.length > 1) reasons.push(`split: also ${to.slice(1).join(', ')}`);
    if (reasons.length === 0) continue;
    const item = items.get(to[0]!) ?? { id: to[0]!, from, title: after.get(to[0]!)?.title ?? '', reasons, owners: [] };
    if (!item.owners.includes(occ.owner)) item.owners.push(occ.owner);
    items.set(to[0]!, item);
  }
  const order = (id: string) => after.requirements.findIndex((r) => r.id === id);
  return [...items.values()].sort((a, b) => order(a.id) - order(b.id));
}

const CCM_ID = /(?<![A-Za-z0-9&-])(?:A&A|I&S|[A-Z]{3})-\d{2}(?![0-9])/g;

/** Text values (not the ids the migration edits), comments and policy bodies that name renumbered or removed ids. */
export function findProse(files: readonly EditedFile[], edited: ReadonlySet<Scalar>, translation: CcmTranslation): ProseMention[] {
  const out: ProseMention[] = [];
  const consider = (file: EditedFile, lineAt: (id: string) => number, text: string) => {
    for (const match of text.matchAll(CCM_ID)) {
      const to = translation.lookup(match[0]);
      if (to === undefined || (to.length === 1 && to[0] === match[0])) continue;
      const line = lineAt(match[0]);
      if (!out.some((m) => m.file === file.path && m.line === line && m.id === match[0])) out.push({ file: file.path, line, id: match[0], to: [...to] });
    }
  };
  for (const file of files) {
    visit(file.editor.doc, {
      Scalar(key, node) {
        if (key === 'key' || edited.has(node) || !isScalar(node) || typeof node.value !== 'string') return;
        // A block or folded scalar starts on its indicator's line: point at the line where the id is written.
        const [start, end] = node.range!;
        const lineAt = (id: string) => {
          const at = file.editor.text.indexOf(id, start);
          return at >= 0 && at < end ? file.editor.lineOf(at) + file.lineOffset : lineOfNode(file, node);
        };
        consider(file, lineAt, node.value);
      },
    });
    // Comments too: a header that says "IVS-07 is excluded" is stale once IVS-07 is I&S-07.
    file.editor.text.split('\n').forEach((line, i) => {
      const comment = /(?:^|\s)#(.*)$/.exec(line);
      if (comment) consider(file, () => i + 1 + file.lineOffset, comment[1]!);
    });
    if (file.kind === 'policy') {
      const bodyStart = file.lineOffset + file.editor.text.split('\n').length;
      file.suffix.split('\n').forEach((text, i) => consider(file, () => bodyStart + i, text));
    }
  }
  return out;
}
