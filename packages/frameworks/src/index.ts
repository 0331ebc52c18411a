export * from './types.js';
export {
  SUPPORTED_CCM_VERSIONS,
  SUPPORTED_ISO27001_VERSIONS,
  getCaiq,
  getCcmCatalog,
  getCcmCrosswalk,
  getCcmMapping,
  getIso27001Catalog,
  getIso27001Correspondence,
  getTscCatalog,
  invertCcmMapping,
  resolveCcmVersion,
} from './catalogs.js';
export type { CcmVersion, MappingTarget } from './catalogs.js';
export { readProvenance } from './data-files.js';
export { getIsmsClauses, ISMS_GROUP } from './isms-clauses.js';
export type { IsmsClauses } from './isms-clauses.js';
export { suggestClosest } from './suggest.js';
