/** The framework keys of `compliance.yaml` (`frameworks.<key>`). */
export type FrameworkKey = 'ccm' | 'tsc' | 'iso27001';

export const FRAMEWORK_KEYS: readonly FrameworkKey[] = ['ccm', 'tsc', 'iso27001'];

/** A CCM domain, a TSC series or an ISO Annex A theme: how readiness is grouped. */
export interface RequirementGroup {
  readonly id: string;
  readonly name: string;
}

/** One requirement of a catalog: a CCM control, a TSC criterion or an ISO Annex A control. */
export interface Requirement {
  readonly id: string;
  readonly title: string;
  /** The id of its RequirementGroup. */
  readonly group: string;
}

/** A catalog as the core uses it: requirements in catalog order plus typed lookups. */
export interface Catalog<R extends Requirement = Requirement> {
  readonly key: FrameworkKey;
  /** Human name, e.g. "CSA Cloud Controls Matrix". */
  readonly name: string;
  /** The catalog version as shipped, e.g. "4.0.13". */
  readonly version: string;
  /** Who owns the content; shown wherever catalog facts are printed. */
  readonly attribution: string;
  readonly groups: readonly RequirementGroup[];
  readonly requirements: readonly R[];
  get(id: string): R | undefined;
  /** The nearest real id, for "did you mean" hints on unknown ids. */
  suggest(id: string): string | undefined;
}

/** CCM "Typical Control Applicability and Ownership", verbatim from CSA (e.g. "CSP-Owned", "Shared"). */
export interface CcmOwnership {
  readonly iaas: string;
  readonly paas: string;
  readonly saas: string;
}

export interface CcmControl extends Requirement {
  readonly ccmLite: boolean;
  readonly ownership: CcmOwnership;
  /** CCM Implementation Guidelines v2.0 ownership (v4.0.13 only). */
  readonly ownershipIg?: CcmOwnership;
}

export interface TscCriterion extends Requirement {
  /** security | availability | processing_integrity | confidentiality | privacy */
  readonly category: TscCategoryId;
  readonly cosoPrinciple?: number;
}

export type TscCategoryId = 'security' | 'availability' | 'processing_integrity' | 'confidentiality' | 'privacy';

export interface TscCategory {
  readonly id: TscCategoryId;
  readonly name: string;
}

export interface TscSeries extends RequirementGroup {
  readonly category: TscCategoryId;
  /** AICPA heading id, e.g. "CC1.0". */
  readonly headingId: string;
}

export interface CaiqQuestion {
  readonly id: string;
  readonly ccm: string;
  readonly caiqLite: boolean;
}

export interface Caiq {
  readonly version: string;
  readonly ccmVersion: string;
  readonly questions: readonly CaiqQuestion[];
}

/** CSA's gap level, verbatim. */
export type GapLevel = 'No Gap' | 'Partial Gap' | 'Full Gap';
export type MappingRelationship = 'equivalent-to' | 'superset-of' | 'no-relationship';

/** One CCM control's entry in CSA's mapping to TSC or ISO 27001. */
export interface CcmMapping {
  readonly ccm: string;
  readonly gapLevel: GapLevel;
  readonly relationship: MappingRelationship;
  readonly targets: readonly string[];
  /** ISO only: ISMS clause ids (4-10.x) that CSA cites. */
  readonly clauseTargets?: readonly string[];
  /**
   * true for CCM v4.1: CSA publishes the mappings for v4.0.13; v4.1 entries are carried through the
   * crosswalk from `derivedFrom` where the control is unchanged or renumbered.
   */
  readonly derived: boolean;
  readonly derivedFrom?: string;
}

export type CrosswalkChange = 'unchanged' | 'renumbered' | 'removed' | 'new';

export interface CrosswalkRow {
  readonly from: string | null;
  readonly to: readonly string[];
  readonly change: CrosswalkChange;
  readonly basis: string;
  readonly retitled?: boolean;
  readonly uncertain?: boolean;
  readonly note?: string;
  /**
   * How much of the v4.0.13 specification text v4.1 kept (0-1, word-level); under about 0.6 the
   * requirement was substantially rewritten even where the id and title stayed.
   */
  readonly specSimilarity?: number;
}

/** How an ISO/IEC 27001:2013 Annex A control went into 2022 (ISO/IEC 27002:2022 Annex B). */
export type Iso2013Change = 'renumbered' | 'merged' | 'split' | 'new';

export interface Iso2013Row {
  /** The 2013 id without "A." ("9.4.2"); null for a 2022 control without predecessor. */
  readonly from: string | null;
  /** The 2022 ids ("8.5"). */
  readonly to: readonly string[];
  readonly change: Iso2013Change;
}
