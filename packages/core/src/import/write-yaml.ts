import type { FrameworkKey, TscCategoryId } from '@trustops/frameworks';
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { Ownership } from '../model/ownership.js';
import { ccmVersionLabel } from '../migrate/crosswalk.js';
import { YamlEditor } from '../migrate/yaml-edits.js';
import { resolveCcmVersion } from '@trustops/frameworks';
import type { ImportKind } from './columns.js';

export interface NewExclusion {
  framework: FrameworkKey;
  id: string;
  reason: string;
  placeholder: boolean;
}

export interface NewSsrmEntry {
  id: string;
  ownership: Ownership;
  csp?: string;
  csc?: string;
  vendor?: string;
}

const q = (text: string) => JSON.stringify(text);
const PLAIN_KEY = /^[A-Za-z0-9][A-Za-z0-9&._-]*$/;

function exclusionItem(e: NewExclusion): string {
  return `{ framework: ${e.framework}, id: ${q(e.id)}, reason: ${q(e.reason)} }`;
}

/** Exclusions added to compliance.yaml where they stand (the rest of the file byte for byte). */
export function appendExclusions(text: string, exclusions: readonly NewExclusion[]): string {
  const editor = new YamlEditor(text);
  const seq = editor.nodeAt(['exclusions']);
  const eol = text.endsWith('\n') || text === '' ? '' : '\n';
  if (isSeq(seq) && seq.flow) {
    const close = seq.range![1] - 1;
    const items = exclusions.map(exclusionItem).join(', ');
    editor.insert(close, `${seq.items.length ? ', ' : ''}${items}`);
    return editor.apply();
  }
  if (isSeq(seq) && seq.items.length > 0) {
    const firstItem = seq.items[0] as Node;
    const dash = editor.dashBefore(firstItem.range![0]);
    const indent = ' '.repeat(dash - editor.lineStart(dash));
    const last = seq.items[seq.items.length - 1] as Node;
    editor.insert(editor.lineEnd(last.range![1]), exclusions.map((e) => `${indent}- ${exclusionItem(e)}\n`).join(''));
    return editor.apply();
  }
  const pair = rootPair(editor, 'exclusions');
  const lines = exclusions.map((e) => `  - ${exclusionItem(e)}\n`).join('');
  if (pair) {
    // `exclusions:` with nothing (or an empty block) after it.
    editor.insert(editor.lineEnd(((pair.value as Node | null) ?? (pair.key as Node)).range![1]), lines);
    return editor.apply();
  }
  editor.insert(text.length, `${eol}exclusions:\n${lines}`);
  return editor.apply();
}

function rootPair(editor: YamlEditor, key: string): Pair | undefined {
  const root = editor.doc.contents;
  return isMap(root) ? (root.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined) : undefined;
}

function entryLines(e: NewSsrmEntry, indent: string, field: string): string {
  const key = PLAIN_KEY.test(e.id) ? e.id : q(e.id);
  const lines = [`${indent}${key}:`, `${field}ownership: ${e.ownership}`];
  if (e.vendor) lines.push(`${field}vendor: ${e.vendor}`);
  const needsCsp = e.ownership !== 'csc-owned';
  const needsCsc = e.ownership === 'csc-owned' || e.ownership === 'shared-csp-csc';
  if (e.csp || needsCsp) lines.push(`${field}csp: ${q(e.csp ?? `TODO: how we meet ${e.id}`)}`);
  if (e.csc || needsCsc) lines.push(`${field}csc: ${q(e.csc ?? `TODO: what customers do for ${e.id}`)}`);
  return `${lines.join('\n')}\n`;
}

/** SSRM entries added at the end of an SSRM file's assignments, in its indentation. */
export function appendSsrmEntries(text: string, entries: readonly NewSsrmEntry[]): string {
  const editor = new YamlEditor(text);
  const map = editor.nodeAt(['assignments']);
  if (isMap(map) && !map.flow && map.items.length > 0) {
    const firstKey = map.items[0]!.key as Scalar;
    const indent = ' '.repeat(firstKey.range![0] - editor.lineStart(firstKey.range![0]));
    const firstValue = map.items[0]!.value;
    const firstField = isMap(firstValue) && !firstValue.flow ? (firstValue.items[0]?.key as Scalar | undefined) : undefined;
    const field = ' '.repeat(firstField?.range ? firstField.range[0] - editor.lineStart(firstField.range[0]) : indent.length + 2);
    const last = map.items[map.items.length - 1]!;
    editor.insert(editor.lineEnd(((last.value ?? last.key) as Node).range![1]), entries.map((e) => entryLines(e, indent, field)).join(''));
    return editor.apply();
  }
  if (isMap(map) && map.flow) {
    const items = entries.map((e) => `${PLAIN_KEY.test(e.id) ? e.id : q(e.id)}: { ownership: ${e.ownership}${e.vendor ? `, vendor: ${e.vendor}` : ''}${e.csp || e.ownership !== 'csc-owned' ? `, csp: ${q(e.csp ?? `TODO: how we meet ${e.id}`)}` : ''}${e.csc || e.ownership === 'csc-owned' || e.ownership === 'shared-csp-csc' ? `, csc: ${q(e.csc ?? `TODO: what customers do for ${e.id}`)}` : ''} }`);
    editor.insert(map.range![1] - 1, `${map.items.length ? ', ' : ''}${items.join(', ')}`);
    return editor.apply();
  }
  const pair = rootPair(editor, 'assignments');
  const body = entries.map((e) => entryLines(e, '  ', '    ')).join('');
  if (pair) editor.insert(editor.lineEnd(((pair.value as Node | null) ?? (pair.key as Node)).range![1]), body);
  else editor.insert(text.length, `${text.endsWith('\n') || text === '' ? '' : '\n'}assignments:\n${body}`);
  return editor.apply();
}

export function newSsrmFile(entries: readonly NewSsrmEntry[], ccmVersion: string, sourceName: string): string {
  return `# Shared-responsibility model, imported by \`trustops import ccm-matrix\` from ${sourceName}.\nframework: ccm\nversion: ${q(ccmVersionLabel(resolveCcmVersion(ccmVersion)!))}\nassignments:\n${entries.map((e) => entryLines(e, '  ', '    ')).join('')}`;
}

/** A first compliance.yaml for a program that starts from an import: the frameworks it implies, to complete by hand. */
export function newComplianceFile(input: {
  kind: ImportKind;
  sourceName: string;
  ccmVersion: string;
  framework: FrameworkKey;
  tscCategories: readonly TscCategoryId[];
  exclusions: readonly NewExclusion[];
}): string {
  const lines = [
    `# The scope of the program, first written by \`trustops import ${input.kind}\` from ${input.sourceName}.`,
    '# Fill in organization and system, and check the frameworks (docs/repository-format.md).',
    'organization: TODO the organisation',
    'system:',
    '  name: TODO the system in scope',
    'frameworks:',
    '  ccm:',
    `    version: ${q(ccmVersionLabel(resolveCcmVersion(input.ccmVersion)!))}`,
  ];
  if (input.framework === 'tsc') {
    const categories = input.tscCategories.filter((c) => c !== 'security');
    lines.push('  tsc:', `    categories: [security${categories.map((c) => `, ${c}`).join('')}]`);
  }
  if (input.framework === 'iso27001') lines.push('  iso27001:', '    version: "2022"');
  if (input.exclusions.length) lines.push('exclusions:', ...input.exclusions.map((e) => `  - ${exclusionItem(e)}`));
  return `${lines.join('\n')}\n`;
}
