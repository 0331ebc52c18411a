import { getCcmCatalog, resolveCcmVersion, SUPPORTED_CCM_VERSIONS, type CcmVersion, type CrosswalkRow } from '@trustops/frameworks';
import { isScalar, parseDocument } from 'yaml';
import { classifyPath, type SourceFile } from '../load/source-files.js';
import { buildTranslation, ccmTranslation, ccmVersionLabel, type CcmTranslation } from './crosswalk.js';
import { addPlaceholderEntries, type AddedEntry } from './new-entries.js';
import {
  exclusionOccurrences,
  lineOfNode,
  mapOccurrences,
  ssrmOccurrences,
  type EditedFile,
  type Occurrence,
} from './occurrences.js';
import { findProse, reviewList, type ProseMention, type ReviewItem } from './review.js';
import { YamlEditor } from './yaml-edits.js';

/** Where the program named an id. */
export interface MigrationRef {
  file: string;
  line: number;
  owner: string;
}

export interface Migration {
  refused: false;
  /** The versions as people write them ("4.0.13", "4.1"). */
  from: string;
  to: string;
  /** Files whose text changes, sorted by path, with their whole text before and after. */
  files: { path: string; before: string; after: string }[];
  /** Ids the program named that the crosswalk renumbers, with every place that named them. */
  renumbered: { from: string; to: string[]; title: string; refs: MigrationRef[] }[];
  /** How many places named an id the crosswalk keeps. */
  unchanged: number;
  /** Ids of removed controls: what named them was removed (an SSRM entry's text is kept here). */
  removed: { id: string; title: string; note?: string; refs: MigrationRef[]; texts: { file: string; text: string }[] }[];
  /** A place whose id became one its container already had: removed, the first kept. */
  merged: { id: string; into: string; ref: MigrationRef; text?: string }[];
  /** SSRM placeholder entries for controls of the new version that nothing covers yet. */
  added: AddedEntry[];
  /** Ids the program names that the new version changed beyond the number: to review by hand. */
  review: ReviewItem[];
  /** Prose (descriptions, reasons, policy text) naming ids that were renumbered: to read again. */
  prose: ProseMention[];
  /** Ids that are not CCM ids of the source version: left as they were (check reports them). */
  unknown: { id: string; refs: MigrationRef[] }[];
  /** Files where `version:` was written or corrected. */
  versionRecorded: string[];
  /** Notes for the report (an SSRM file in flow style whose version could not be written). */
  notes: string[];
}

export interface MigrationRefusal {
  refused: true;
  /** usage: the command line asks for what cannot be done; content: the files do not allow it yet. */
  reason: 'usage' | 'content';
  message: string;
}

export interface MigrationOptions {
  /** The target CCM version as the user wrote it ("4.1"); it is written into the files as given. */
  ccm: string;
  /** The version the ids are in now, when the files do not say (compliance.yaml was edited by hand). */
  from?: string;
  /** A crosswalk of the test's own (merges and splits, which CSA's v4.0 → v4.1 has none of). */
  crosswalk?: readonly CrosswalkRow[];
}

const refuse = (reason: MigrationRefusal['reason'], message: string): MigrationRefusal => ({ refused: true, reason, message });

/**
 * `trustops migrate`: the program's CCM ids moved to another version through CSA's crosswalk, in one
 * pass, as edits to the files' text (comments, order and formatting kept). Pure: it takes the files and
 * gives their new text and what was done; the caller writes them.
 */
export function migrateProgram(sources: readonly SourceFile[], options: MigrationOptions): Migration | MigrationRefusal {
  const target = resolveCcmVersion(options.ccm);
  if (!target) return refuse('usage', `CCM version "${options.ccm}" is not one trustops ships (${SUPPORTED_CCM_VERSIONS.join(', ')})`);
  // compliance.yaml and the SSRM files say which version the ids are in; controls and policies come after,
  // and only those that name an id the crosswalk moves are parsed (at 2,000 controls most name none).
  const scope = openFiles(sources, (kind) => kind === 'compliance' || kind === 'responsibility');
  if ('refused' in scope) return scope;
  const files = scope;
  const config = files.find((f) => f.kind === 'compliance');
  if (!config) return refuse('content', 'no compliance.yaml here: nothing says which CCM version the program is on');
  const versionNode = config.editor.nodeAt(['frameworks', 'ccm', 'version']);
  if (!isScalar(versionNode) || typeof versionNode.value !== 'string') {
    return refuse('content', 'compliance.yaml has no frameworks.ccm.version (a quoted text): the program does not scope CCM');
  }
  const ssrmFiles = files.filter((f) => f.kind === 'responsibility');
  const source = sourceVersion(options.from, ssrmFiles, versionNode.value);
  if (typeof source !== 'string') return source;
  const translation = options.crosswalk && source !== target ? buildTranslation(source, target, options.crosswalk) : ccmTranslation(source, target);
  if (translation && translation.direction !== 'forward') {
    return refuse('usage', `cannot migrate CCM ${ccmVersionLabel(source)} → ${ccmVersionLabel(target)}: trustops migrates CCM 4.0.13 → 4.1 only`);
  }
  if (translation) {
    const rest = openFiles(sources, (kind, text) => (kind === 'control' || kind === 'policy') && namesMovedId(text, translation));
    if ('refused' in rest) return rest;
    files.push(...rest);
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  const migration: Migration = {
    refused: false,
    from: ccmVersionLabel(source),
    to: ccmVersionLabel(target),
    files: [],
    renumbered: [],
    unchanged: 0,
    removed: [],
    merged: [],
    added: [],
    review: [],
    prose: [],
    unknown: [],
    versionRecorded: [],
    notes: [],
  };
  const occurrences = [
    ...files.flatMap((f) => (f.kind === 'control' || f.kind === 'policy' ? mapOccurrences(f) : [])),
    ...exclusionOccurrences(config),
    ...ssrmFiles.flatMap(ssrmOccurrences),
  ];
  const finals = translation ? applyCrosswalk(occurrences, translation, migration) : new Map(occurrences.map((o) => [o, [o.scalar.value]]));
  if (resolveCcmVersion(versionNode.value) !== target) config.editor.replaceScalar(versionNode, options.ccm, { quote: true });
  for (const file of ssrmFiles) recordVersion(file, options.ccm, target, migration);
  if (translation) {
    migration.added = addPlaceholderEntries({ config, ssrmFiles, occurrences, finals, translation });
    if (ssrmFiles.length === 0 && translation.added.length) {
      migration.notes.push(`no SSRM file (controls/responsibility/): the ${translation.added.length} controls new in CCM ${migration.to} got no entries; check reports the model as missing`);
    }
    migration.review = reviewList(occurrences, finals, translation);
    migration.prose = findProse(files, new Set(occurrences.map((o) => o.scalar)), translation);
  }
  migration.files = files.filter((f) => f.editor.changed).map((f) => finishFile(f));
  locateAdded(migration);
  return migration;
}

const CCM_TOKEN = /(?:A&A|I&S|[A-Z]{3})-\d{2}/g;

/** Whether a text names an id (anywhere, prose too) that the crosswalk renumbers or removes. */
function namesMovedId(text: string, translation: CcmTranslation): boolean {
  for (const [id] of text.matchAll(CCM_TOKEN)) {
    const to = translation.lookup(id);
    if (to !== undefined && !(to.length === 1 && to[0] === id)) return true;
  }
  return false;
}

function openFiles(sources: readonly SourceFile[], wanted: (kind: EditedFile['kind'], text: string) => boolean): EditedFile[] | MigrationRefusal {
  const files: EditedFile[] = [];
  for (const source of [...sources].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const kind = classifyPath(source.path);
    if (kind !== 'compliance' && kind !== 'control' && kind !== 'responsibility' && kind !== 'policy') continue;
    if (!wanted(kind, source.text)) continue;
    if (source.binary) return refuse('content', `cannot migrate: ${source.path} is not UTF-8 text`);
    const file = kind === 'policy' ? openPolicy(source) : { path: source.path, kind, editor: new YamlEditor(source.text), prefix: '', suffix: '', lineOffset: 0 };
    if (!file) continue;
    const error = file.editor.errors[0];
    if (error) {
      return refuse('content', `cannot migrate: ${source.path}:${file.editor.lineOf(error.offset) + file.lineOffset} does not parse (${error.message.split('\n')[0]}); fix it first (trustops check shows it)`);
    }
    files.push(file);
  }
  return files;
}

const FRONT_MATTER = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?\r?\n)?(---[ \t]*(?:\r?\n|$)[\s\S]*)$/;

/** A policy's front matter as its own document, with the Markdown around it kept byte for byte. */
function openPolicy(source: SourceFile): EditedFile | undefined {
  const match = FRONT_MATTER.exec(source.text);
  if (!match) return undefined;
  return { path: source.path, kind: 'policy', editor: new YamlEditor(match[2] ?? ''), prefix: match[1]!, suffix: match[3]!, lineOffset: 1 };
}

/** The version the ids are in: --from, else what the SSRM files record, else compliance.yaml's. */
function sourceVersion(from: string | undefined, ssrmFiles: readonly EditedFile[], configured: string): CcmVersion | MigrationRefusal {
  const stated = new Map<CcmVersion, string[]>();
  for (const file of ssrmFiles) {
    const node = file.editor.nodeAt(['version']);
    if (!isScalar(node)) continue;
    const version = resolveCcmVersion(String(node.value));
    if (!version) return refuse('content', `${file.path} records version "${String(node.value)}", which is not a CCM version trustops ships`);
    stated.set(version, [...(stated.get(version) ?? []), file.path]);
  }
  if (stated.size > 1) {
    return refuse('content', `the SSRM files record different CCM versions (${[...stated].map(([v, f]) => `${f.join(', ')}: ${ccmVersionLabel(v)}`).join('; ')}); make them agree first`);
  }
  const recorded = [...stated.keys()][0];
  if (from !== undefined) {
    const version = resolveCcmVersion(from);
    if (!version) return refuse('usage', `--from: CCM version "${from}" is not one trustops ships (${SUPPORTED_CCM_VERSIONS.join(', ')})`);
    if (recorded && recorded !== version) {
      return refuse('usage', `--from ${from} disagrees with ${stated.get(recorded)!.join(', ')}, which records CCM ${ccmVersionLabel(recorded)} ids`);
    }
    return version;
  }
  const version = recorded ?? resolveCcmVersion(configured);
  return version ?? refuse('content', `compliance.yaml's CCM version "${configured}" is not one trustops ships; say which version the ids are in with --from`);
}

/** Every id looked up once; removed ones and ids that fold into one their container has are taken out. */
function applyCrosswalk(occurrences: readonly Occurrence[], translation: CcmTranslation, migration: Migration): Map<Occurrence, string[]> {
  const before = getCcmCatalog(translation.from);
  const finals = new Map<Occurrence, string[]>();
  const seen = new Map<string, Map<string, Occurrence>>();
  const renumbered = new Map<string, Migration['renumbered'][number]>();
  const removed = new Map<string, Migration['removed'][number]>();
  const unknown = new Map<string, MigrationRef[]>();
  for (const occ of occurrences) {
    const id = occ.scalar.value;
    const ref: MigrationRef = { file: occ.file.path, line: lineOfNode(occ.file, occ.scalar), owner: occ.owner };
    const targets = translation.lookup(id);
    if (targets === undefined) unknown.set(id, [...(unknown.get(id) ?? []), ref]);
    const taken = seen.get(occ.container) ?? new Map<string, Occurrence>();
    seen.set(occ.container, taken);
    const kept = (targets ?? [id]).filter((t) => !taken.has(t));
    finals.set(occ, kept);
    if (targets !== undefined && targets.length === 0) {
      const note = translation.rowOf(id)?.note;
      const entry = removed.get(id) ?? { id, title: before.get(id)?.title ?? '', ...(note ? { note } : {}), refs: [], texts: [] };
      entry.refs.push(ref);
      if (occ.text) entry.texts.push({ file: occ.file.path, text: occ.text() });
      removed.set(id, entry);
      occ.remove();
      continue;
    }
    if (kept.length === 0) {
      migration.merged.push({ id, into: targets![0]!, ref, ...(occ.text ? { text: occ.text() } : {}) });
      occ.remove();
      continue;
    }
    for (const t of kept) taken.set(t, occ);
    if (kept.length === 1 && kept[0] === id) {
      migration.unchanged++;
      continue;
    }
    occ.rename(kept);
    const entry = renumbered.get(id) ?? { from: id, to: kept, title: before.get(id)?.title ?? '', refs: [] };
    entry.refs.push(ref);
    renumbered.set(id, entry);
  }
  const order = (id: string) => before.requirements.findIndex((r) => r.id === id);
  migration.renumbered = [...renumbered.values()].sort((a, b) => order(a.from) - order(b.from));
  migration.removed = [...removed.values()].sort((a, b) => order(a.id) - order(b.id));
  migration.unknown = [...unknown].map(([id, refs]) => ({ id, refs })).sort((a, b) => (a.id < b.id ? -1 : 1));
  return finals;
}

/** Writes `version:` into an SSRM file: corrected where it is, else on the line after `framework:`. */
function recordVersion(file: EditedFile, spelling: string, target: CcmVersion, migration: Migration): void {
  const node = file.editor.nodeAt(['version']);
  if (isScalar(node)) {
    if (resolveCcmVersion(String(node.value)) === target) return;
    file.editor.replaceScalar(node, spelling, { quote: true });
    migration.versionRecorded.push(file.path);
    return;
  }
  const root = file.editor.doc.contents;
  const framework = ssrmRootPair(file, 'framework');
  if (!root || (root as { flow?: boolean }).flow || !framework) {
    migration.notes.push(`${file.path}: add \`version: "${spelling}"\` by hand (its layout leaves no line for it)`);
    return;
  }
  const end = file.editor.lineEnd((framework.value ?? framework.key).range![1]);
  const indent = framework.key.range![0] - file.editor.lineStart(framework.key.range![0]);
  file.editor.insert(end, `${' '.repeat(indent)}version: ${JSON.stringify(spelling)}\n`);
  migration.versionRecorded.push(file.path);
}

function ssrmRootPair(file: EditedFile, key: string) {
  const map = file.editor.doc.contents as { items?: { key: unknown; value: unknown }[] } | null;
  const pair = map?.items?.find((p) => isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.key) ? (pair as { key: { range: [number, number, number] }; value: { range: [number, number, number] } | null }) : undefined;
}

function finishFile(file: EditedFile): { path: string; before: string; after: string } {
  const yaml = file.editor.apply();
  const problem = parseDocument(yaml, { uniqueKeys: true }).errors[0];
  // The edits are exact ranges of a parsed document; a result that does not parse is a bug, never content.
  if (problem) throw new Error(`migrating ${file.path} gave text that does not parse: ${problem.message}`);
  return { path: file.path, before: file.prefix + file.editor.text + file.suffix, after: file.prefix + yaml + file.suffix };
}

/** The lines of the new SSRM entries in the migrated files. */
function locateAdded(migration: Migration): void {
  for (const entry of migration.added) {
    const file = migration.files.find((f) => f.path === entry.file);
    if (!file) continue;
    const lines = file.after.split('\n');
    const index = lines.findIndex((l) => new RegExp(`^\\s*"?${entry.id.replace(/[&]/g, '\\&')}"?\\s*:`).test(l));
    if (index >= 0) entry.line = index + 1;
  }
}
