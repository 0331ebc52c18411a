/**
 * compliance.yaml's value as `check` reads it (every invalid part removed; undefined when the file is
 * unusable), for a command that needs one setting of it: `trustops catalog` takes the CCM version. A plain,
 * valid file, the usual case, is read by js-yaml and checked by the compiled schema alone (schemas/compliance-check.generated.ts), where loading `yaml` would
 * double the command's start-up; any other file goes the whole way (load/parse-yaml-file.ts). Either way the
 * value is the one parseYamlFile gives: the fast path is parseYamlSource's, and a valid value is not pruned.
 */
export async function readComplianceConfig(path: string, text: string): Promise<unknown> {
  // As parseYamlSource: a UTF-8 BOM is legal at the start of a YAML stream.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Imported here, not at the top: `catalog --version` or a listing outside a program reads no file.
  const [{ readPlainYaml }, { compliance: isValidCompliance }] = await Promise.all([import('../load/fast-yaml.js'), import('../schemas/compliance-check.generated.js')]);
  const plain = readPlainYaml(body);
  if (plain && plain.value !== null && (isValidCompliance as (value: unknown) => boolean)(plain.value)) return plain.value;
  const { parseYamlFile } = await import('../load/parse-yaml-file.js');
  return parseYamlFile(path, 'compliance', text).pruned;
}
