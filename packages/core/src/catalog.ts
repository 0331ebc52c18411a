// `trustops catalog`: the framework listings and compliance.yaml's CCM version, without the rest of core
// (and, for a plain valid compliance.yaml, without the `yaml` library: model/read-compliance-config.ts).
export { TrustopsError } from './model/errors.js';
export { readComplianceConfig } from './model/read-compliance-config.js';
export { queryCatalog, renderCatalogJson, renderCatalogText } from './render/catalog.js';
export type { FrameworkKey } from '@trustops/frameworks';
// The report writer the CLI shares (repo-dir.ts) writes large reports in pieces.
export { batchChunks } from './render/json-chunks.js';
