import { getCcmCatalog, type CcmControl } from '@trustops/frameworks';
import { isMap, isScalar, type Pair, type Scalar } from 'yaml';
import { parseOwnership, type Ownership } from '../model/ownership.js';
import { ccmVersionLabel, type CcmTranslation } from './crosswalk.js';
import { ssrmPairs, type EditedFile, type Occurrence } from './occurrences.js';

/** A placeholder SSRM entry the migration wrote for a control that nothing covered yet. */
export interface AddedEntry {
  id: string;
  title: string;
  file: string;
  /** Its line in the migrated file (0 until the file is written out). */
  line: number;
  ownership: Ownership;
  /** CSA's typical ownership for the service model, verbatim ("Shared"). */
  typical: string;
  serviceModel: 'saas' | 'paas' | 'iaas';
}

interface Entry {
  file: EditedFile;
  pair: Pair;
  id: string;
}

/**
 * An SSRM entry, marked as a placeholder, for every in-scope control new in the version (or split off
 * another) that has none after the ids moved: ownership from CSA's typical ownership for the
 * program's service model, csp/csc texts to write. Each goes where the catalog order puts it among the
 * entries of its domain, in the style of its neighbours.
 */
export function addPlaceholderEntries(input: {
  config: EditedFile;
  ssrmFiles: readonly EditedFile[];
  occurrences: readonly Occurrence[];
  finals: ReadonlyMap<Occurrence, string[]>;
  translation: CcmTranslation;
}): AddedEntry[] {
  const { config, ssrmFiles, occurrences, finals, translation } = input;
  const catalog = getCcmCatalog(translation.to);
  const entries: Entry[] = [];
  for (const file of ssrmFiles) {
    for (const { pair, key } of ssrmPairs(file)) {
      const occ = occurrences.find((o) => o.scalar === key);
      const id = occ ? finals.get(occ)?.[0] : key.value;
      if (id) entries.push({ file, pair, id });
    }
  }
  if (entries.length === 0) return [];
  const excluded = new Set(occurrences.filter((o) => o.container.endsWith('#exclusions')).flatMap((o) => finals.get(o) ?? []));
  const lite = config.editor.nodeAt(['frameworks', 'ccm', 'lite']);
  const liteOnly = isScalar(lite) && lite.value === true;
  const model = serviceModelOf(config);
  const assigned = new Set(entries.map((e) => e.id));
  const index = new Map(catalog.requirements.map((r, i) => [r.id, i]));
  // Controls new in the version, and what a split gave besides the first id: an entry the program never had.
  const fresh = new Set([...translation.added, ...[...finals.values()].flatMap((ids) => ids.slice(1))]);
  const added: AddedEntry[] = [];
  for (const control of catalog.requirements) {
    if (!fresh.has(control.id) || assigned.has(control.id) || excluded.has(control.id) || (liteOnly && !control.ccmLite)) continue;
    const typical = control.ownership[model];
    const ownership = parseOwnership(typical) ?? 'shared-csp-csc';
    const { neighbour, before } = placeFor(control, entries, index, catalog.requirements);
    const file = neighbour.file;
    const editor = file.editor;
    const key = neighbour.pair.key as Scalar;
    const indent = key.range![0] - editor.lineStart(key.range![0]);
    const value = neighbour.pair.value;
    const flow = isMap(value) && value.flow;
    // Fields indented as the neighbour's are (two spaces deeper when it shows none).
    const firstField = isMap(value) && !value.flow ? (value.items[0]?.key as Scalar | undefined) : undefined;
    const fieldIndent = firstField?.range ? firstField.range[0] - editor.lineStart(firstField.range[0]) : indent + 2;
    const text = entryText(control, ownership, typical, { model, version: ccmVersionLabel(translation.to), indent, fieldIndent, flow: Boolean(flow) });
    const end = ((neighbour.pair.value ?? neighbour.pair.key) as Scalar).range![1];
    editor.insert(before ? editor.lineStart(key.range![0]) : editor.lineEnd(end), text);
    added.push({ id: control.id, title: control.title, file: file.path, line: 0, ownership, typical, serviceModel: model });
  }
  return added;
}

function serviceModelOf(config: EditedFile): 'saas' | 'paas' | 'iaas' {
  const node = config.editor.nodeAt(['system', 'service_model']);
  const value = isScalar(node) ? String(node.value) : 'saas';
  return value === 'paas' || value === 'iaas' ? value : 'saas';
}

/** The entry a new one goes next to: the first later entry of its domain, else the last earlier one, else the very last entry. */
function placeFor(control: CcmControl, entries: readonly Entry[], index: ReadonlyMap<string, number>, requirements: readonly CcmControl[]): { neighbour: Entry; before: boolean } {
  const own = index.get(control.id)!;
  const sameDomain = entries.filter((e) => requirements[index.get(e.id) ?? -1]?.group === control.group);
  const later = sameDomain.filter((e) => index.get(e.id)! > own).sort((a, b) => index.get(a.id)! - index.get(b.id)!)[0];
  if (later) return { neighbour: later, before: true };
  const earlier = sameDomain.filter((e) => index.get(e.id)! < own).sort((a, b) => index.get(b.id)! - index.get(a.id)!)[0];
  return { neighbour: earlier ?? entries[entries.length - 1]!, before: false };
}

function entryText(
  control: CcmControl,
  ownership: Ownership,
  typical: string,
  style: { model: string; version: string; indent: number; fieldIndent: number; flow: boolean },
): string {
  const { model, version, flow } = style;
  const pad = ' '.repeat(style.indent);
  const fieldPad = ' '.repeat(style.fieldIndent);
  const why = `new in CCM ${version}; CSA's typical ${model.toUpperCase()} ownership: ${typical}`;
  const fields: [string, string][] = [['ownership', ownership]];
  if (ownership !== 'csc-owned') fields.push(['csp', JSON.stringify(`TODO: how we meet ${control.id} (${control.title}), ${why}`)]);
  if (ownership !== 'csp-owned') fields.push(['csc', JSON.stringify(`TODO: what customers do for ${control.id} (${control.title})`)]);
  const key = /^[A-Za-z0-9][A-Za-z0-9&._-]*$/.test(control.id) ? control.id : JSON.stringify(control.id);
  if (flow) return `${pad}${key}: { ${fields.map(([k, v]) => `${k}: ${v}`).join(', ')} }  # ${control.title} (${why})\n`;
  return `${pad}${key}:  # ${control.title} (${why})\n${fields.map(([k, v]) => `${fieldPad}${k}: ${v}\n`).join('')}`;
}
