// `trustops catalog`: the framework listings and compliance.yaml's CCM version, without the rest of core.
export { parseYamlFile } from './load/parse-yaml-file.js';
export { queryCatalog, renderCatalogJson, renderCatalogText } from './render/catalog.js';
export type { FrameworkKey } from '@trustops/frameworks';
