import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { YamlEditor } from './yaml-edits.js';

const TEXT = `# head comment
framework: ccm   # trailing comment
assignments:
  # --- IAM ---
  IAM-12:  # Safeguard
    ownership: csp-owned
    csp: >-
      folded text
      over two lines
  # between
  IAM-13:  # Unique
    ownership: csp-owned
  "IAM-14": { ownership: csp-owned }
maps: { ccm: [IAM-14, 'IAM-15', "IAM-16"], tsc: [CC6.1] }
list:
  - IAM-12
  -
    IAM-13
  - IAM-14
`;

function pairOf(editor: YamlEditor, map: string, key: string): { map: YAMLMap; pair: Pair } {
  const node = editor.nodeAt([map]) as YAMLMap;
  return { map: node, pair: node.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair };
}

describe('YamlEditor: edits in place, the rest of the file byte for byte', () => {
  it('renames keys and list items in their own quoting style', () => {
    const editor = new YamlEditor(TEXT);
    editor.replaceScalar(pairOf(editor, 'assignments', 'IAM-13').pair.key as Scalar, 'IAM-12');
    editor.replaceScalar(pairOf(editor, 'assignments', 'IAM-14').pair.key as Scalar, 'IAM-13');
    const ccm = editor.nodeAt(['maps', 'ccm']) as YAMLSeq;
    ccm.items.forEach((item, i) => editor.replaceScalar(item as Scalar, ['I&S-01', "it's", 'IAM-15'][i]!));
    expect(editor.apply()).toBe(
      TEXT.replace('  IAM-13:  # Unique', '  IAM-12:  # Unique')
        .replace('"IAM-14": {', '"IAM-13": {')
        .replace(`[IAM-14, 'IAM-15', "IAM-16"]`, `[I&S-01, 'it''s', "IAM-15"]`),
    );
  });

  it('quotes a plain value on request, so that 4.1 stays text', () => {
    const editor = new YamlEditor('version: 4.0.13\n');
    editor.replaceScalar(editor.nodeAt(['version']) as Scalar, '4.1', { quote: true });
    expect(editor.apply()).toBe('version: "4.1"\n');
    const plain = new YamlEditor('id: IVS-07\n');
    plain.replaceScalar(plain.nodeAt(['id']) as Scalar, 'A value: with colon');
    expect(plain.apply()).toBe('id: "A value: with colon"\n');
  });

  it('removes a block entry with its lines and keeps the comments around it', () => {
    const editor = new YamlEditor(TEXT);
    const { map, pair } = pairOf(editor, 'assignments', 'IAM-12');
    expect(editor.pairText(map, pair)).toBe('  IAM-12:  # Safeguard\n    ownership: csp-owned\n    csp: >-\n      folded text\n      over two lines');
    editor.removePair(map, pair);
    expect(editor.apply()).toBe(TEXT.replace('  IAM-12:  # Safeguard\n    ownership: csp-owned\n    csp: >-\n      folded text\n      over two lines\n', ''));
  });

  it('removes flow items with their comma, first, middle and last', () => {
    for (const [index, expected] of [
      [0, `['IAM-15', "IAM-16"]`],
      [1, `[IAM-14, "IAM-16"]`],
      [2, `[IAM-14, 'IAM-15']`],
    ] as const) {
      const editor = new YamlEditor(TEXT);
      editor.removeItem(editor.nodeAt(['maps', 'ccm']) as YAMLSeq, index);
      expect(editor.apply()).toBe(TEXT.replace(`[IAM-14, 'IAM-15', "IAM-16"]`, expected));
    }
    const only = new YamlEditor('ccm: [IAM-12]\n');
    only.removeItem(only.nodeAt(['ccm']) as YAMLSeq, 0);
    expect(only.apply()).toBe('ccm: []\n');
    const map = new YamlEditor('a: { x: 1, y: 2 }\n');
    const node = map.nodeAt(['a']) as YAMLMap;
    map.removePair(node, node.items[1] as Pair);
    expect(map.apply()).toBe('a: { x: 1 }\n');
  });

  it('removes block sequence items, also one whose value is on the line after its dash', () => {
    const editor = new YamlEditor(TEXT);
    const list = editor.nodeAt(['list']) as YAMLSeq;
    expect(isSeq(list)).toBe(true);
    editor.removeItem(list, 1);
    editor.removeItem(list, 0);
    expect(editor.apply()).toBe(TEXT.replace('  - IAM-12\n  -\n    IAM-13\n', ''));
  });

  it('replaces an item with several values in either style', () => {
    const block = new YamlEditor(TEXT);
    block.replaceItem(block.nodeAt(['list']) as YAMLSeq, 2, ['A-01', 'B-02']);
    expect(block.apply()).toBe(TEXT.replace('  - IAM-14\n', '  - A-01\n  - B-02\n'));
    const flow = new YamlEditor(TEXT);
    flow.replaceItem(flow.nodeAt(['maps', 'tsc']) as YAMLSeq, 0, ['CC6.1', 'CC6.6']);
    expect(flow.apply()).toBe(TEXT.replace('tsc: [CC6.1]', 'tsc: [CC6.1, CC6.6]'));
  });

  it('inserts in the file\'s own line ends, and keeps insertions at one place in the order they were made', () => {
    const crlf = 'a: 1\r\nb: 2\r\n';
    const editor = new YamlEditor(crlf);
    editor.insert(editor.lineEnd(0), 'x: 1\n');
    editor.insert(editor.lineEnd(0), 'y: 2\n');
    expect(editor.apply()).toBe('a: 1\r\nx: 1\r\ny: 2\r\nb: 2\r\n');
  });

  it('a removal and an insertion at the same offset: the insertion survives', () => {
    const editor = new YamlEditor('m:\n  a: 1\n  b: 2\n');
    const m = editor.nodeAt(['m']) as YAMLMap;
    expect(isMap(m)).toBe(true);
    editor.insert(editor.lineEnd((m.items[0]!.value as Scalar).range![1]), '  new: 0\n');
    editor.removePair(m, m.items[1] as Pair);
    expect(editor.apply()).toBe('m:\n  a: 1\n  new: 0\n');
  });

  it('refuses overlapping edits (a bug, not content)', () => {
    const editor = new YamlEditor('a: [x, y]\n');
    const seq = editor.nodeAt(['a']) as YAMLSeq;
    editor.removeItem(seq, 0);
    editor.replaceScalar(seq.items[0] as Scalar, 'z');
    expect(() => editor.apply()).toThrow(/overlapping edits/);
  });
});
