import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { stringItems, stringPairs, YamlEditor } from './yaml-edits.js';

/** One file the migration reads, with its editor; a policy's editor holds only its front matter. */
export interface EditedFile {
  path: string;
  kind: 'compliance' | 'control' | 'responsibility' | 'policy';
  editor: YamlEditor;
  /** The text around the YAML (a policy's "---" lines and body); empty for YAML files. */
  prefix: string;
  suffix: string;
  /** Lines before the YAML starts in the file (a policy's opening "---"). */
  lineOffset: number;
}

/** One place where a file names a CCM id: a list item, an SSRM key or an exclusion's id. */
export interface Occurrence {
  file: EditedFile;
  scalar: Scalar & { value: string };
  /** Who names it, for the report: "control IAM-MFA", "policy POL-ACCESS", "the SSRM", "an exclusion". */
  owner: string;
  /** Ids in one container must stay unique: a control's maps.ccm, the exclusions, every SSRM key of the program. */
  container: string;
  remove: () => void;
  /** Gives the place its new id(s); a key or an exclusion takes the first (the review lists the rest). */
  rename: (ids: readonly string[]) => void;
  /** The source text of an SSRM entry, kept in the report when the entry goes. */
  text?: () => string;
}

/** The 1-based line of a node in its file. */
export function lineOfNode(file: EditedFile, node: Node): number {
  return file.editor.lineOf(node.range![0]) + file.lineOffset;
}

function idOf(editor: YamlEditor): string {
  const id = editor.nodeAt(['id']);
  return isScalar(id) ? String(id.value) : '?';
}

/** The CCM ids in `maps.ccm` of a control or a policy. */
export function mapOccurrences(file: EditedFile): Occurrence[] {
  const owner = `${file.kind} ${idOf(file.editor)}`;
  return stringItems(file.editor.nodeAt(['maps', 'ccm'])).map(({ seq, index, scalar }) => ({
    file,
    scalar,
    owner,
    container: `${file.path}#maps.ccm`,
    remove: () => file.editor.removeItem(seq, index),
    rename: (ids) => file.editor.replaceItem(seq, index, ids),
  }));
}

/** The ids of compliance.yaml's CCM exclusions. */
export function exclusionOccurrences(file: EditedFile): Occurrence[] {
  const seq = file.editor.nodeAt(['exclusions']);
  if (!isSeq(seq)) return [];
  return (seq as YAMLSeq).items.flatMap((item, index) => {
    if (!isMap(item)) return [];
    const framework = item.get('framework');
    const id = item.get('id', true);
    if (framework !== 'ccm' || !isScalar(id) || typeof id.value !== 'string') return [];
    return [
      {
        file,
        scalar: id as Scalar & { value: string },
        owner: 'an exclusion',
        container: `${file.path}#exclusions`,
        remove: () => file.editor.removeItem(seq as YAMLSeq, index),
        rename: (ids) => file.editor.replaceScalar(id as Scalar, ids[0]!),
      },
    ];
  });
}

/** The keys of an SSRM file's assignments. */
export function ssrmOccurrences(file: EditedFile): Occurrence[] {
  return ssrmPairs(file).map(({ map, pair, key }) => ({
    file,
    scalar: key,
    owner: 'the SSRM',
    container: 'ssrm',
    remove: () => file.editor.removePair(map, pair),
    rename: (ids) => file.editor.replaceScalar(key, ids[0]!),
    text: () => file.editor.pairText(map, pair),
  }));
}

export function ssrmPairs(file: EditedFile): { map: YAMLMap; pair: Pair; key: Scalar & { value: string } }[] {
  return stringPairs(file.editor.nodeAt(['assignments']));
}
