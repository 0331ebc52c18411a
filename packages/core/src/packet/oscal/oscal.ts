import type { PacketInput, PacketLines } from '../packet-input.js';
import { assessmentResults } from './assessment-results.js';
import { catalogDocument, catalogFileName, profileDocument } from './catalogs.js';
import { createContext, renderParts } from './common.js';
import { componentDefinition } from './component-definition.js';
import { systemSecurityPlan } from './system-security-plan.js';

/**
 * The OSCAL part of the audit packet (`oscal/`): a component definition, a system security plan,
 * assessment results, and the catalogs (ids and titles) and profile the SSP's controls resolve in, NIST
 * OSCAL 1.2.1 JSON. Pure and deterministic: every UUID is a name-based v5 UUID,
 * every time is `meta.createdAt`, keys are written in a fixed order, so the same input gives the same bytes.
 *
 * Control ids: OSCAL tokens may not contain "&" or start with a digit, so requirement ids are lower-cased,
 * "&" becomes "-" and ISO Annex A ids get their "A." prefix (A&A-01 -> a-a-01, CC6.1 -> cc6.1,
 * 5.17 -> a.5.17); every implemented requirement and finding carries the original id as a `label` prop.
 * Only ids are used: no catalog text (© CSA, AICPA, ISO/IEC) is reproduced.
 */

// The names other modules (and the tests) have always imported from here.
export { CATALOG_SOURCES, OSCAL_VERSION, oscalControlId, TRUSTOPS_OSCAL_NS, TRUSTOPS_UUID_NAMESPACE, uuidV5 } from './common.js';

export interface OscalFiles {
  'component-definition.json': string;
  'system-security-plan.json': string;
  'assessment-results.json': string;
  'profile.json': string;
  /** One catalog per framework in scope. */
  'catalog-ccm.json'?: string;
  'catalog-tsc.json'?: string;
  'catalog-iso27001.json'?: string;
}

/** The three OSCAL documents of the packet's `oscal/` folder, pretty-printed with a trailing newline. */
export function renderOscal(input: PacketInput): OscalFiles {
  return Object.fromEntries(renderOscalLazily(input).map(([name, renderFile]) => [name, [...renderFile().lines].join('')])) as unknown as OscalFiles;
}

/**
 * renderOscal's files, in the same order, each rendered when asked for and in parts (joined with nothing):
 * the packet writes one at a time and never holds one as a string (the system security plan alone is 3 MB
 * of text at 2,000 controls). They share one context.
 */
export function renderOscalLazily(input: PacketInput): [keyof OscalFiles, () => PacketLines][] {
  let shared: ReturnType<typeof createContext> | undefined;
  const ctx = () => (shared ??= createContext(input));
  const parts = (doc: Parameters<typeof renderParts>[0]): PacketLines => ({ lines: renderParts(doc), separator: '' });
  const files: [keyof OscalFiles, () => PacketLines][] = [
    ['component-definition.json', () => parts(componentDefinition(ctx()))],
    ['system-security-plan.json', () => parts(systemSecurityPlan(ctx()))],
    ['assessment-results.json', () => parts(assessmentResults(ctx()))],
    ['profile.json', () => parts(profileDocument(ctx()))],
  ];
  for (const fw of ctx().frameworks) files.push([catalogFileName(fw), () => parts(catalogDocument(ctx(), fw))]);
  return files;
}
