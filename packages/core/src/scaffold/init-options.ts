import type { TscCategoryId } from '@trustops/frameworks';
import type { IsoDate } from '../model/dates.js';

/** The service models CSA's typical ownership distinguishes (compliance.yaml `system.service_model`). */
export const SERVICE_MODELS = ['saas', 'paas', 'iaas'] as const;
export type ServiceModel = (typeof SERVICE_MODELS)[number];
export const SERVICE_MODEL_LABEL: Record<ServiceModel, string> = { saas: 'SaaS', paas: 'PaaS', iaas: 'IaaS' };

/** The clouds `trustops init --cloud` knows, and the vendor file it writes for each. */
export const CLOUD_VENDORS = {
  aws: { id: 'aws', name: 'Amazon Web Services', portal: 'AWS Artifact' },
  gcp: { id: 'google-cloud', name: 'Google Cloud', portal: 'the Google Cloud Compliance Reports Manager' },
  azure: { id: 'azure', name: 'Microsoft Azure', portal: 'the Microsoft Service Trust Portal' },
} as const;
export type CloudKey = keyof typeof CLOUD_VENDORS;
export type CloudVendor = (typeof CLOUD_VENDORS)[CloudKey];
export const CLOUDS = [...(Object.keys(CLOUD_VENDORS) as CloudKey[]), 'none'] as const;

export const TSC_CATEGORIES: readonly TscCategoryId[] = ['security', 'availability', 'processing_integrity', 'confidentiality', 'privacy'];

/** How the GitHub workflows install the repository's dependencies (the lockfile init found). */
export type PackageManager = 'npm' | 'pnpm' | 'yarn';

/** What `trustops init` was told, every choice made: the scaffold is a pure function of this. */
export interface InitChoices {
  /** undefined: a placeholder the user must replace. */
  organization?: string;
  system?: string;
  serviceModel: ServiceModel;
  cloud: CloudKey | 'none';
  /** "4.0.13" or "4.1". */
  ccmVersion: string;
  lite: boolean;
  /** SOC 2; undefined: not in scope. */
  tsc?: {
    categories: readonly TscCategoryId[];
    report: 'type1' | 'type2';
    asOf?: IsoDate;
    period?: { start: IsoDate; end: IsoDate };
  };
  iso27001: boolean;
  /** The day init runs: the policies' effective date. */
  today: IsoDate;
  /**
   * Where the JSON Schemas are, relative to the compliance repository's root (node_modules/@trustops/cli/
   * schemas): each file's modeline points there, relative to the file.
   */
  schemaDir: string;
  packageManager: PackageManager;
  /** The compliance repository's folder in its git repository ("" at the root): where the workflows run. */
  gitPrefix: string;
}
