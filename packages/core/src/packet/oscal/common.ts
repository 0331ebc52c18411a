import { createHash } from 'node:crypto';
import { FRAMEWORK_KEYS, type FrameworkKey } from '@trustops/frameworks';
import { compareText } from '../../model/findings.js';
import type { ControlAssessment } from '../../score/assess-controls.js';
import type { FrameworkResult, RequirementResult, RequirementStatus, StatusReason } from '../../score/readiness.js';
import { describeReason } from '../../render/explain.js';
import { stringifyJsonChunks } from '../../render/json-chunks.js';
import type { Assignment, VendorData } from '../../schemas/types.js';
import { attestationValidity } from '../../model/vendors.js';
import type { PacketInput } from '../packet-input.js';

/**
 * What the three OSCAL documents of the packet share: name-based UUIDs, the JSON and prop helpers, the
 * labels and catalog facts, the context every document is built from and its metadata. Kept apart so
 * that the three documents cannot drift in how they name, describe or identify the same thing.
 */

export const OSCAL_VERSION = '1.2.1';
/** Namespace of the props trustops adds (OSCAL requires a namespace for names it does not define). */
export const TRUSTOPS_OSCAL_NS = 'https://trustops.dev/ns/oscal';

// ---------------------------------------------------------------------------------------------------------
// UUID v5 (RFC 4122 section 4.3: SHA-1 of namespace bytes + name, version 5, variant 10xx)

/** The RFC 4122 URL namespace. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Every UUID trustops writes into OSCAL is derived from this namespace. */
export const TRUSTOPS_UUID_NAMESPACE = uuidV5(TRUSTOPS_OSCAL_NS, URL_NAMESPACE);

// ---------------------------------------------------------------------------------------------------------
// Small helpers

/** A JSON value; object members that are undefined are left out by JSON.stringify. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
export type Obj = { [key: string]: Json | undefined };

/** Stable URIs naming each catalog (the `source` of a control implementation). */
export const CATALOG_SOURCES: Record<FrameworkKey, string> = {
  ccm: 'https://cloudsecurityalliance.org/artifacts/cloud-controls-matrix-v4',
  tsc: 'https://www.aicpa-cima.com/tsc-2017',
  iso27001: 'https://www.iso.org/standard/27001',
};

export const CATALOG_OWNER: Record<FrameworkKey, string> = {
  ccm: 'Cloud Security Alliance (CSA)',
  tsc: 'AICPA',
  iso27001: 'ISO/IEC',
};

export function copyrightNote(key: FrameworkKey): string {
  return `Catalog content © ${CATALOG_OWNER[key]}. Only requirement ids are used here; no catalog text is reproduced.`;
}

/** OSCAL implementation-status for a readiness status. */
export const IMPLEMENTATION_STATE: Record<RequirementStatus, string> = {
  met: 'implemented',
  inherited: 'implemented',
  partial: 'partial',
  gap: 'planned',
  excluded: 'not-applicable',
};

const ROLE_TITLES = {
  provider: 'Cloud service provider',
  customer: 'Cloud service customer',
  'third-party': 'Third-party provider (vendor)',
} as const;
export type RoleId = keyof typeof ROLE_TITLES;

/** One line of text: no line breaks, no surrounding blanks (OSCAL string and markup-line). */
export function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Multi-line markup: trailing blanks trimmed. */
export function multiline(text: string | undefined): string {
  return (text ?? '').replace(/[ \t]+$/gm, '').trim();
}

export function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** A trustops prop; undefined when the value is empty (OSCAL values may not be blank). */
export function prop(name: string, value: string | number | undefined, extra: { cls?: string; remarks?: string } = {}): Obj | undefined {
  const v = oneLine(value === undefined ? '' : String(value));
  if (!v) return undefined;
  return { name, ns: TRUSTOPS_OSCAL_NS, value: v, class: extra.cls, remarks: extra.remarks ? multiline(extra.remarks) : undefined };
}

export function props(...items: (Obj | undefined)[]): Obj[] | undefined {
  return nonEmpty(items.filter((p): p is Obj => p !== undefined));
}

/** An OSCAL token for a requirement id (see the comment of oscal.ts). */
export function oscalControlId(key: FrameworkKey, id: string): string {
  let token = id
    .trim()
    .toLowerCase()
    .replace(/&/g, '-')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-');
  if (key === 'iso27001' && /^\p{N}/u.test(token)) token = `a.${token}`;
  if (!/^[\p{L}_]/u.test(token)) token = `_${token}`;
  return token;
}

/**
 * A document as the packet stores it (two-space indent, a trailing newline), in pieces that joined are
 * JSON.stringify(doc, null, 2) byte for byte: the packet writes them as they come instead of
 * one string (the system security plan is 3 MB of text at 2,000 controls, allocated straight into the old
 * generation and garbage once written). Six levels apart reach the items of every large list (a component
 * definition's implemented requirements sit at the sixth).
 */
export function renderParts(doc: Obj): Iterable<string> {
  return stringifyJsonChunks(doc, 6);
}

// ---------------------------------------------------------------------------------------------------------
// What the three documents share

export interface VendorInfo {
  id: string;
  name: string;
  kind: VendorData['kind'];
  data: VendorData;
  file: string;
  componentUuid: string;
  partyUuid: string;
}

export interface Context {
  input: PacketInput;
  systemName: string;
  organization: string;
  description: string;
  createdAt: string;
  version: string;
  /** UUID of something that stays the same across revisions (a component, a party, a requirement's statement). */
  subject(...parts: string[]): string;
  /** UUID of something that belongs to this build only (a document, a result, a finding). */
  instance(...parts: string[]): string;
  thisSystem: string;
  orgParty: string;
  toolComponent: string;
  vendors: VendorInfo[];
  vendorById: Map<string, VendorInfo>;
  ssrm: Map<string, Assignment>;
  frameworks: FrameworkResult[];
  controls: Map<string, ControlAssessment>;
}

export function createContext(input: PacketInput): Context {
  const { meta, model, readiness } = input;
  const organization = oneLine(meta.organization) || 'Unnamed organization';
  const systemName = oneLine(meta.systemName) || 'Unnamed system';
  const subject = (...parts: string[]) => uuidV5(JSON.stringify(['subject', organization, systemName, ...parts]), TRUSTOPS_UUID_NAMESPACE);
  const instance = (...parts: string[]) => uuidV5(JSON.stringify(['instance', meta.commit, meta.createdAt, ...parts]), TRUSTOPS_UUID_NAMESPACE);

  // The SSRM as the readiness code reads it: the first entry of an id wins.
  const ssrm = new Map<string, Assignment>();
  for (const r of model.responsibilities) {
    for (const [id, assignment] of Object.entries(r.data.assignments)) {
      if (assignment && !ssrm.has(id)) ssrm.set(id, assignment);
    }
  }
  const ccmInScope = new Set(readiness.frameworks.ccm?.requirements.filter((r) => r.status !== 'excluded').map((r) => r.id) ?? []);
  const referenced = new Set<string>();
  for (const [id, a] of ssrm) {
    if (a.vendor && ccmInScope.has(id) && (a.ownership === 'third-party-outsourced' || a.ownership === 'shared-csp-third-party')) referenced.add(a.vendor);
  }
  // Tools the controls depend on (vendors: in a control that is not retired) are components too.
  for (const c of model.controls) if (c.data.status !== 'retired') for (const v of c.data.vendors ?? []) referenced.add(v);
  // Cloud providers and subprocessors are part of the service; tools when the SSRM or a control relies on them.
  const seen = new Set<string>();
  const vendors: VendorInfo[] = [];
  for (const v of model.vendors) {
    if (seen.has(v.data.id)) continue;
    seen.add(v.data.id);
    if (v.data.kind === 'tool' && !referenced.has(v.data.id)) continue;
    vendors.push({
      id: v.data.id,
      name: oneLine(v.data.name) || v.data.id,
      kind: v.data.kind,
      data: v.data,
      file: v.source.file,
      componentUuid: subject('component', 'vendor', v.data.id),
      partyUuid: subject('party', 'vendor', v.data.id),
    });
  }
  vendors.sort((a, b) => compareText(a.id, b.id));

  const frameworks = FRAMEWORK_KEYS.map((k) => readiness.frameworks[k]).filter((f): f is FrameworkResult => f !== undefined);
  const description =
    multiline(meta.systemDescription) || multiline(model.config?.data.system.description) || `${systemName}, a cloud service operated by ${organization}.`;
  return {
    input,
    systemName,
    organization,
    description,
    createdAt: meta.createdAt,
    version: oneLine(meta.version) || oneLine(meta.commit) || 'unversioned',
    subject,
    instance,
    thisSystem: subject('component', 'this-system'),
    orgParty: subject('party', 'organization'),
    toolComponent: subject('component', 'trustops'),
    vendors,
    vendorById: new Map(vendors.map((v) => [v.id, v])),
    ssrm,
    frameworks,
    controls: readiness.controls,
  };
}

export function metadata(ctx: Context, title: string, roles: RoleId[]): Obj {
  const { meta } = ctx.input;
  const vendors = ctx.vendors;
  return {
    title,
    published: ctx.createdAt,
    'last-modified': ctx.createdAt,
    version: ctx.version,
    'oscal-version': OSCAL_VERSION,
    props: props(
      prop('generator', `trustops ${oneLine(meta.toolVersion)}`),
      prop('source-commit', meta.commit),
      prop('built-with-findings', meta.builtWithFindings ? 'true' : 'false'),
    ),
    roles: roles.map((id) => ({ id, title: ROLE_TITLES[id] })),
    parties: [
      { uuid: ctx.orgParty, type: 'organization', name: ctx.organization },
      ...vendors.map((v) => ({ uuid: v.partyUuid, type: 'organization', name: v.name, 'short-name': v.id })),
    ],
    'responsible-parties': [
      { 'role-id': 'provider', 'party-uuids': [ctx.orgParty] },
      ...(vendors.length > 0 ? [{ 'role-id': 'third-party', 'party-uuids': vendors.map((v) => v.partyUuid) }] : []),
    ],
    remarks: [
      `Generated by trustops from the compliance repository of ${ctx.organization} at ${meta.commit}.`,
      ...ctx.frameworks.map((f) => copyrightNote(f.key)),
    ].join('\n\n'),
  };
}

export function vendorComponentType(v: VendorInfo): string {
  return v.kind === 'tool' ? 'software' : 'service';
}

export function vendorDescription(ctx: Context, v: VendorInfo): string {
  const kind = v.kind === 'cloud-provider' ? 'cloud provider' : v.kind === 'subprocessor' ? 'subprocessor' : 'tool';
  const lines = [`${v.name}, a ${kind} of ${ctx.systemName} (${v.file}).`];
  if (v.data.services?.length) lines.push(`Services used: ${v.data.services.join(', ')}.`);
  if (v.data.data?.length) lines.push(`Data it holds: ${v.data.data.join(', ')}.`);
  return lines.join('\n\n');
}

export function attestationProps(ctx: Context, v: VendorInfo): (Obj | undefined)[] {
  return (v.data.attestations ?? []).map((a) => {
    const validity = attestationValidity(a, ctx.input.readiness.today);
    const parts = [
      a.period ? `period ${a.period.start}..${a.period.end}` : undefined,
      a.expires ? `expires ${a.expires}` : undefined,
      a.reviewed_on ? `reviewed by us on ${a.reviewed_on}` : 'not reviewed by us',
      validity.current ? `current on ${ctx.input.readiness.today}` : `not current on ${ctx.input.readiness.today}`,
      a.reference ? oneLine(a.reference) : undefined,
    ].filter((p): p is string => p !== undefined);
    return prop('attestation', a.type, { remarks: `${parts.join('; ')}.` });
  });
}

export type ControlReason = Extract<StatusReason, { kind: 'control' }>;
export type VendorReason = Extract<StatusReason, { kind: 'vendor' }>;

export function controlReasons(r: RequirementResult): ControlReason[] {
  return r.reasons.filter((x): x is ControlReason => x.kind === 'control');
}

export function controlProp(ctx: Context, c: ControlReason): Obj | undefined {
  const title = ctx.controls.get(c.control)?.title;
  return prop('implemented-by', c.control, {
    remarks: `${title ? `${oneLine(title)}: ` : ''}status ${c.status}, maturity ${c.maturity}, ${c.counts ? 'counts' : 'does not count'} (${c.file}, line ${c.line}).`,
  });
}

/** "CSA Cloud Controls Matrix 4.0.13", "ISO/IEC 27001:2022 Annex A" (whose name already has its version). */
export function catalogTitle(fw: FrameworkResult): string {
  return fw.name.includes(fw.version) ? fw.name : `${fw.name} ${fw.version}`;
}

export function reasonsText(r: RequirementResult): string {
  return r.reasons.map((reason) => `- ${describeReason(reason)}`).join('\n');
}

export function implementationStatus(state: string, remarks?: string): Obj {
  return { state, remarks: remarks ? multiline(remarks) : undefined };
}

/** A back-matter resource naming a catalog by its URI only: its text is not ours to reproduce. */
export function catalogResource(ctx: Context, fw: FrameworkResult): Obj {
  return {
    uuid: ctx.subject('resource', 'catalog', fw.key, fw.version),
    title: `${catalogTitle(fw)}`,
    description: copyrightNote(fw.key),
    props: props(prop('framework', fw.key), prop('catalog-version', fw.version)),
    rlinks: [{ href: CATALOG_SOURCES[fw.key] }],
  };
}

/** One line of the scope in compliance.yaml, as the SSP baseline and the assessment scope describe it. */
export function scopeLine(fw: FrameworkResult): string {
  return `${catalogTitle(fw)}: ${fw.requirements.length} requirements in scope, ${fw.counts.excluded} excluded`;
}
