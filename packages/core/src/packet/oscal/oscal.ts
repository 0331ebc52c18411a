import { createHash } from 'node:crypto';
import { FRAMEWORK_KEYS, type FrameworkKey } from '@trustops/frameworks';
import { compareText, sortFindings, type Finding } from '../../model/findings.js';
import type { ControlAssessment } from '../../score/assess-controls.js';
import type { FrameworkResult, RequirementResult, RequirementStatus, StatusReason } from '../../score/readiness.js';
import { describeReason } from '../../render/explain.js';
import { FRAMEWORK_SHORT as FRAMEWORK_LABEL } from '../../render/labels.js';
import { renderPercent } from '../../render/score.js';
import type { Assignment, VendorData } from '../../schemas/types.js';
import { attestationValidity } from '../../model/vendors.js';
import type { PacketInput } from '../packet-input.js';

/**
 * The OSCAL part of the audit packet (`oscal/`): a component definition, a system security plan and
 * assessment results, NIST OSCAL 1.2.1 JSON. Pure and deterministic: every UUID is a name-based v5 UUID,
 * every time is `meta.createdAt`, keys are written in a fixed order, so the same input gives the same bytes.
 *
 * Control ids: OSCAL tokens may not contain "&" or start with a digit, so requirement ids are lower-cased,
 * "&" becomes "-" and ISO Annex A ids get their "A." prefix (A&A-01 -> a-a-01, CC6.1 -> cc6.1,
 * 5.17 -> a.5.17); every implemented requirement and finding carries the original id as a `label` prop.
 * Only ids are used: no catalog text (© CSA, AICPA, ISO/IEC) is reproduced.
 */

export const OSCAL_VERSION = '1.2.1';
/** Namespace of the props trustops adds (OSCAL requires a namespace for names it does not define). */
export const TRUSTOPS_OSCAL_NS = 'https://trustops.dev/ns/oscal';

export interface OscalFiles {
  'component-definition.json': string;
  'system-security-plan.json': string;
  'assessment-results.json': string;
}

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
type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
type Obj = { [key: string]: Json | undefined };


/** Stable URIs naming each catalog (the `source` of a control implementation). */
export const CATALOG_SOURCES: Record<FrameworkKey, string> = {
  ccm: 'https://cloudsecurityalliance.org/artifacts/cloud-controls-matrix-v4',
  tsc: 'https://www.aicpa-cima.com/tsc-2017',
  iso27001: 'https://www.iso.org/standard/27001',
};

const CATALOG_OWNER: Record<FrameworkKey, string> = {
  ccm: 'Cloud Security Alliance (CSA)',
  tsc: 'AICPA',
  iso27001: 'ISO/IEC',
};

function copyrightNote(key: FrameworkKey): string {
  return `Catalog content © ${CATALOG_OWNER[key]}. Only requirement ids are used here; no catalog text is reproduced.`;
}

/** OSCAL implementation-status for a readiness status. */
const IMPLEMENTATION_STATE: Record<RequirementStatus, string> = {
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
type RoleId = keyof typeof ROLE_TITLES;

/** One line of text: no line breaks, no surrounding blanks (OSCAL string and markup-line). */
function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Multi-line markup: trailing blanks trimmed. */
function multiline(text: string | undefined): string {
  return (text ?? '').replace(/[ \t]+$/gm, '').trim();
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** A trustops prop; undefined when the value is empty (OSCAL values may not be blank). */
function prop(name: string, value: string | number | undefined, extra: { cls?: string; remarks?: string } = {}): Obj | undefined {
  const v = oneLine(value === undefined ? '' : String(value));
  if (!v) return undefined;
  return { name, ns: TRUSTOPS_OSCAL_NS, value: v, class: extra.cls, remarks: extra.remarks ? multiline(extra.remarks) : undefined };
}

function props(...items: (Obj | undefined)[]): Obj[] | undefined {
  return nonEmpty(items.filter((p): p is Obj => p !== undefined));
}

/** An OSCAL token for a requirement id (see the module comment). */
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

function ruleToken(ruleId: string): string {
  return `trustops.${ruleId.replace(/\//g, '.').replace(/[^\p{L}\p{N}._-]+/gu, '-')}`;
}

function render(doc: Obj): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// What the three documents share

interface VendorInfo {
  id: string;
  name: string;
  kind: VendorData['kind'];
  data: VendorData;
  file: string;
  componentUuid: string;
  partyUuid: string;
}

interface Context {
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

function createContext(input: PacketInput): Context {
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
  // Cloud providers and subprocessors are part of the service; tools only when the SSRM relies on them.
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

function metadata(ctx: Context, title: string, roles: RoleId[]): Obj {
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

function vendorComponentType(v: VendorInfo): string {
  return v.kind === 'tool' ? 'software' : 'service';
}

function vendorDescription(ctx: Context, v: VendorInfo): string {
  const kind = v.kind === 'cloud-provider' ? 'cloud provider' : v.kind === 'subprocessor' ? 'subprocessor' : 'tool';
  const lines = [`${v.name}, a ${kind} of ${ctx.systemName} (${v.file}).`];
  if (v.data.services?.length) lines.push(`Services used: ${v.data.services.join(', ')}.`);
  if (v.data.data?.length) lines.push(`Data it holds: ${v.data.data.join(', ')}.`);
  return lines.join('\n\n');
}

function attestationProps(ctx: Context, v: VendorInfo): (Obj | undefined)[] {
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

type ControlReason = Extract<StatusReason, { kind: 'control' }>;
type VendorReason = Extract<StatusReason, { kind: 'vendor' }>;

function controlReasons(r: RequirementResult): ControlReason[] {
  return r.reasons.filter((x): x is ControlReason => x.kind === 'control');
}

function controlProp(ctx: Context, c: ControlReason): Obj | undefined {
  const title = ctx.controls.get(c.control)?.title;
  return prop('implemented-by', c.control, {
    remarks: `${title ? `${oneLine(title)}: ` : ''}status ${c.status}, maturity ${c.maturity}, ${c.counts ? 'counts' : 'does not count'} (${c.file}, line ${c.line}).`,
  });
}

/** What our controls do for a requirement, in words. */
function controlsText(ctx: Context, r: RequirementResult): string {
  const controls = controlReasons(r);
  if (controls.length === 0) return `No control of ${ctx.systemName} maps to ${r.id} yet.`;
  return controls
    .map((c) => {
      const title = ctx.controls.get(c.control)?.title;
      const state = c.counts ? 'counts' : `does not count${c.issues.length ? `: ${c.issues.join('; ')}` : ''}`;
      return `- ${c.control}${title ? ` (${oneLine(title)})` : ''}: ${c.status}, ${state}.`;
    })
    .join('\n');
}

/** "CSA Cloud Controls Matrix 4.0.13", "ISO/IEC 27001:2022 Annex A" (whose name already has its version). */
function catalogTitle(fw: FrameworkResult): string {
  return fw.name.includes(fw.version) ? fw.name : `${fw.name} ${fw.version}`;
}

function reasonsText(r: RequirementResult): string {
  return r.reasons.map((reason) => `- ${describeReason(reason)}`).join('\n');
}

function implementationStatus(state: string, remarks?: string): Obj {
  return { state, remarks: remarks ? multiline(remarks) : undefined };
}

function requirementProps(fw: FrameworkResult, r: RequirementResult, ownership?: string): Obj[] | undefined {
  return props(
    prop('framework', fw.key),
    prop('label', r.id),
    prop('readiness-status', r.status),
    ownership ? prop('ssrm-ownership', ownership) : undefined,
    r.status === 'excluded' || r.status === 'inherited' ? undefined : prop('maturity', r.maturity),
  );
}

// ---------------------------------------------------------------------------------------------------------
// 1. Component definition

function componentDefinition(ctx: Context): Obj {
  const service: Obj = {
    uuid: ctx.thisSystem,
    type: 'service',
    title: ctx.systemName,
    description: ctx.description,
    props: props(
      prop('service-model', ctx.input.model.config?.data.system.service_model),
      prop('csa-star-level', ctx.input.model.config?.data.frameworks?.ccm?.star_level),
    ),
    'responsible-roles': [{ 'role-id': 'provider', 'party-uuids': [ctx.orgParty] }],
    'control-implementations': nonEmpty(
      ctx.frameworks.flatMap((fw) => {
        const implemented = fw.requirements
          .filter((r) => r.status !== 'excluded')
          .map((r) => ({ r, controls: controlReasons(r).filter((c) => c.status === 'implemented' || c.status === 'operating') }))
          .filter(({ controls }) => controls.length > 0)
          .map(({ r, controls }): Obj => {
            const csp = fw.key === 'ccm' ? multiline(ctx.ssrm.get(r.id)?.csp) : '';
            const list = controls.map((c) => {
              const title = ctx.controls.get(c.control)?.title;
              return `- ${c.control}${title ? `: ${oneLine(title)}` : ''} (${c.status})`;
            });
            return {
              uuid: ctx.subject('component-definition', 'service', fw.key, r.id),
              'control-id': oscalControlId(fw.key, r.id),
              description: [csp, `Implemented by the controls of ${ctx.systemName}:\n${list.join('\n')}`].filter(Boolean).join('\n\n'),
              props: props(prop('label', r.id), ...controls.map((c) => controlProp(ctx, c))),
            };
          });
        if (implemented.length === 0) return [];
        return [
          {
            uuid: ctx.subject('component-definition', 'service', fw.key),
            source: CATALOG_SOURCES[fw.key],
            description: `${catalogTitle(fw)}: the requirements that the controls of ${ctx.systemName} implement (controls/**/*.yaml, implemented or operating). ${copyrightNote(fw.key)}`,
            props: props(prop('framework', fw.key), prop('catalog-version', fw.version)),
            'implemented-requirements': implemented,
          },
        ];
      }),
    ),
  };

  const ccm = ctx.frameworks.find((f) => f.key === 'ccm');
  const vendors = ctx.vendors.map((v): Obj => {
    const carried = (ccm?.requirements ?? [])
      .filter((r) => r.status !== 'excluded')
      .flatMap((r): Obj[] => {
        const a = ctx.ssrm.get(r.id);
        if (!a || a.vendor !== v.id || (a.ownership !== 'third-party-outsourced' && a.ownership !== 'shared-csp-third-party')) return [];
        const how = a.ownership === 'third-party-outsourced' ? `Outsourced to ${v.name} in the SSRM.` : `Shared between ${ctx.systemName} and ${v.name} in the SSRM.`;
        return [
          {
            uuid: ctx.subject('component-definition', 'vendor', v.id, r.id),
            'control-id': oscalControlId('ccm', r.id),
            description: [how, multiline(a.csp)].filter(Boolean).join('\n\n'),
            props: props(prop('label', r.id), prop('ssrm-ownership', a.ownership)),
          },
        ];
      });
    return {
      uuid: v.componentUuid,
      type: vendorComponentType(v),
      title: v.name,
      description: vendorDescription(ctx, v),
      props: props(prop('vendor-id', v.id), prop('vendor-kind', v.kind), ...attestationProps(ctx, v)),
      'responsible-roles': [{ 'role-id': 'third-party', 'party-uuids': [v.partyUuid] }],
      'control-implementations':
        ccm && carried.length > 0
          ? [
              {
                uuid: ctx.subject('component-definition', 'vendor', v.id, 'ccm'),
                source: CATALOG_SOURCES.ccm,
                description: `${catalogTitle(ccm)}: the requirements the SSRM (controls/responsibility/) assigns to ${v.name}, wholly or in part. ${copyrightNote('ccm')}`,
                props: props(prop('framework', 'ccm'), prop('catalog-version', ccm.version)),
                'implemented-requirements': carried,
              },
            ]
          : undefined,
    };
  });

  return {
    'component-definition': {
      uuid: ctx.instance('component-definition'),
      metadata: metadata(ctx, `${ctx.systemName}: component definition`, ['provider', 'third-party']),
      components: [service, ...vendors],
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// 2. System security plan

function byComponent(ctx: Context, parts: string[], fields: Omit<Obj, 'component-uuid' | 'uuid'> & { component: string; description: string }): Obj {
  const { component, description, ...rest } = fields;
  return {
    'component-uuid': component,
    uuid: ctx.subject('ssp', 'by-component', ...parts),
    description: multiline(description),
    props: rest.props,
    'implementation-status': rest['implementation-status'],
    export: rest.export,
    inherited: rest.inherited,
    satisfied: rest.satisfied,
    'responsible-roles': rest['responsible-roles'],
    remarks: rest.remarks,
  };
}

function role(roleId: RoleId, partyUuids?: string[]): Obj {
  return { 'role-id': roleId, 'party-uuids': partyUuids && partyUuids.length > 0 ? partyUuids : undefined };
}

/** State of our own part from our controls alone: counts -> implemented, mapped -> partial, none -> planned. */
function ownPartState(r: RequirementResult): string {
  const controls = controlReasons(r);
  return controls.some((c) => c.counts) ? 'implemented' : controls.length > 0 ? 'partial' : 'planned';
}

function vendorReasonOf(r: RequirementResult): VendorReason | undefined {
  return r.reasons.find((x): x is VendorReason => x.kind === 'vendor');
}

function sspRequirement(ctx: Context, fw: FrameworkResult, r: RequirementResult): Obj {
  const key = [fw.key, r.id];
  const assignment = fw.key === 'ccm' ? ctx.ssrm.get(r.id) : undefined;
  const state = IMPLEMENTATION_STATE[r.status];
  const controlProps = props(...controlReasons(r).map((c) => controlProp(ctx, c)));
  const thisSystem = (description: string, extra: Obj = {}, stateOverride?: string): Obj =>
    byComponent(ctx, [...key, 'this-system'], {
      component: ctx.thisSystem,
      description,
      props: controlProps,
      'implementation-status': implementationStatus(stateOverride ?? state),
      ...extra,
    });
  const provided = (description: string): Obj => ({
    uuid: ctx.subject('ssp', 'provided', ...key),
    description: multiline(description),
    'responsible-roles': [role('provider', [ctx.orgParty])],
  });
  const responsibility = (description: string, providedUuid?: string): Obj => ({
    uuid: ctx.subject('ssp', 'responsibility', ...key),
    'provided-uuid': providedUuid,
    description: multiline(description),
    'responsible-roles': [role('customer')],
  });

  const byComponents: Obj[] = [];
  let remarks = reasonsText(r);

  if (r.status === 'excluded') {
    const reason = r.reasons.find((x) => x.kind === 'exclusion');
    byComponents.push(thisSystem(`Excluded from the scope in compliance.yaml: ${reason?.kind === 'exclusion' ? reason.reason : 'no reason given'}`));
  } else if (assignment) {
    const csp = multiline(assignment.csp);
    const csc = multiline(assignment.csc);
    const ours = csp || controlsText(ctx, r);
    const vendor = assignment.vendor ? ctx.vendorById.get(assignment.vendor) : undefined;
    const vendorReason = vendorReasonOf(r);
    const vendorNote = vendorReason ? `${vendorReason.note} (${vendorReason.file}, line ${vendorReason.line})` : 'no attestation on record';
    switch (assignment.ownership) {
      case 'csp-owned':
        byComponents.push(
          thisSystem(ours, {
            export: { provided: [provided(`${ctx.systemName} carries ${r.id} for its customers (SSRM: csp-owned)${csp ? `: ${csp}` : '.'}`)] },
          }),
        );
        break;
      case 'shared-csp-csc': {
        const p = provided(`The part of ${r.id} that ${ctx.systemName} carries (SSRM: shared-csp-csc)${csp ? `: ${csp}` : '.'}`);
        byComponents.push(
          thisSystem(ours, {
            export: {
              provided: [p],
              responsibilities: [responsibility(csc || `Customers share ${r.id}, but the SSRM does not yet say what they must do (csc: is empty).`, p['uuid'] as string)],
            },
          }),
        );
        break;
      }
      case 'csc-owned':
        byComponents.push(
          thisSystem(`${r.id} is the customers' responsibility (SSRM: csc-owned); ${ctx.systemName} documents it for them.`, {
            export: {
              responsibilities: [responsibility(csc || `The SSRM assigns ${r.id} to customers but does not yet tell them what to do (csc: is empty).`)],
            },
          }),
        );
        break;
      case 'third-party-outsourced':
      case 'shared-csp-third-party': {
        const outsourced = assignment.ownership === 'third-party-outsourced';
        const vendorCurrent = vendorReason?.current === true;
        if (!outsourced) byComponents.push(thisSystem(ours, {}, ownPartState(r)));
        if (vendor) {
          const controls = controlReasons(r);
          const satisfied = outsourced
            ? controls.length > 0
              ? `${ctx.systemName} oversees ${vendor.name} for ${r.id}:\n${controlsText(ctx, r)}`
              : undefined
            : `The part of ${r.id} that ${ctx.systemName} carries: ${ours}`;
          byComponents.push(
            byComponent(ctx, [...key, 'vendor', vendor.id], {
              component: vendor.componentUuid,
              description: outsourced
                ? `${r.id} is outsourced to ${vendor.name} (SSRM: third-party-outsourced)${csp ? `: ${csp}` : '.'}`
                : `${r.id} is shared with ${vendor.name} (SSRM: shared-csp-third-party); ${vendor.name} carries its part.`,
              props: props(prop('vendor-id', vendor.id)),
              'implementation-status': implementationStatus(
                outsourced ? state : vendorCurrent ? 'implemented' : 'partial',
                vendorCurrent ? undefined : `The attestation of ${vendor.name} is not current or not reviewed: ${vendorNote}.`,
              ),
              inherited: [
                {
                  uuid: ctx.subject('ssp', 'inherited', ...key, vendor.id),
                  description: `${outsourced ? `${r.id}` : `The ${vendor.name} part of ${r.id}`} is inherited from ${vendor.name}; evidence: ${vendorNote}.`,
                  props: props(prop('attestation', vendorReason?.attestation), prop('attestation-current', vendorCurrent ? 'true' : 'false')),
                  'responsible-roles': [role('third-party', [vendor.partyUuid])],
                },
              ],
              satisfied: satisfied
                ? [
                    {
                      uuid: ctx.subject('ssp', 'satisfied', ...key, vendor.id),
                      description: multiline(satisfied),
                      'responsible-roles': [role('provider', [ctx.orgParty])],
                    },
                  ]
                : undefined,
              'responsible-roles': [role('third-party', [vendor.partyUuid])],
            }),
          );
        } else {
          byComponents.push(
            thisSystem(
              `${r.id} is assigned to ${assignment.vendor ? `vendor ${assignment.vendor}, which is not defined under controls/vendors/` : 'a third party the SSRM does not name'}.`,
              {},
              'partial',
            ),
          );
        }
        break;
      }
    }
  } else {
    const viaCcm = r.reasons.find((x) => x.kind === 'via-ccm');
    if (viaCcm?.kind === 'via-ccm') {
      for (const vendorId of [...viaCcm.vendors].sort(compareText)) {
        const vendor = ctx.vendorById.get(vendorId);
        if (!vendor) continue;
        byComponents.push(
          byComponent(ctx, [...key, 'vendor', vendor.id], {
            component: vendor.componentUuid,
            description: `${r.id} is inherited from ${vendor.name}: ${viaCcm.note}.`,
            props: props(prop('vendor-id', vendor.id), ...viaCcm.ccm.map((id) => prop('via-ccm', id))),
            'implementation-status': implementationStatus('implemented'),
            inherited: [
              {
                uuid: ctx.subject('ssp', 'inherited', ...key, vendor.id),
                description: `${r.id} is inherited from ${vendor.name} through CCM ${viaCcm.ccm.join(', ')}, which the SSRM outsources to it.`,
                'responsible-roles': [role('third-party', [vendor.partyUuid])],
              },
            ],
            'responsible-roles': [role('third-party', [vendor.partyUuid])],
          }),
        );
      }
    }
    if (byComponents.length === 0) byComponents.push(thisSystem(controlsText(ctx, r)));
    if (fw.key === 'ccm') remarks = `${remarks}\n- the SSRM (controls/responsibility/) has no entry for ${r.id}`;
  }

  return {
    uuid: ctx.subject('ssp', 'implemented-requirement', ...key),
    'control-id': oscalControlId(fw.key, r.id),
    props: requirementProps(fw, r, assignment?.ownership),
    'by-components': byComponents,
    remarks: remarks ? multiline(`Why ${r.id} is ${r.status}:\n${remarks}`) : undefined,
  };
}

function catalogResource(ctx: Context, fw: FrameworkResult): Obj {
  return {
    uuid: ctx.subject('resource', 'catalog', fw.key, fw.version),
    title: `${catalogTitle(fw)}`,
    description: copyrightNote(fw.key),
    props: props(prop('framework', fw.key), prop('catalog-version', fw.version)),
    rlinks: [{ href: CATALOG_SOURCES[fw.key] }],
  };
}

function scopeLine(fw: FrameworkResult): string {
  return `${catalogTitle(fw)}: ${fw.requirements.length} requirements in scope, ${fw.counts.excluded} excluded`;
}

function systemSecurityPlan(ctx: Context): Obj {
  const { model } = ctx.input;
  const baseline = ctx.subject('resource', 'baseline');
  const inheritedFrom = ctx.vendors.filter((v) =>
    [...ctx.ssrm.values()].some((a) => a.vendor === v.id && (a.ownership === 'third-party-outsourced' || a.ownership === 'shared-csp-third-party')),
  );
  const boundary = [
    `The authorization boundary is ${ctx.systemName} as operated by ${ctx.organization} and scoped in compliance.yaml.`,
    ctx.vendors.length > 0
      ? `Outside the boundary: ${ctx.vendors.map((v) => v.name).join(', ')}.${inheritedFrom.length > 0 ? ` ${ctx.systemName} inherits controls from ${inheritedFrom.map((v) => v.name).join(', ')} as the SSRM states, relying on their attestations.` : ''}`
      : '',
    `Customers' own tenants, identities and data decisions are outside the boundary; their responsibilities are listed per requirement (role "customer").`,
  ];
  return {
    'system-security-plan': {
      uuid: ctx.instance('system-security-plan'),
      metadata: metadata(ctx, `${ctx.systemName}: system security plan`, ['provider', 'customer', 'third-party']),
      'import-profile': {
        href: `#${baseline}`,
        remarks: 'The baseline is the scope in compliance.yaml (see the back-matter resource): no OSCAL profile exists for these catalogs.',
      },
      'system-characteristics': {
        'system-ids': [{ 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: ctx.thisSystem }],
        'system-name': ctx.systemName,
        description: ctx.description,
        props: props(
          prop('service-model', model.config?.data.system.service_model),
          prop('csa-star-level', model.config?.data.frameworks?.ccm?.star_level),
        ),
        'security-sensitivity-level': 'not-categorized',
        'system-information': {
          'information-types': [
            {
              uuid: ctx.subject('information-type', 'customer-data'),
              title: 'Customer data',
              description: `Data that customers store in and process with ${ctx.systemName}.`,
            },
          ],
        },
        status: { state: 'operational' },
        'authorization-boundary': { description: boundary.filter(Boolean).join('\n\n') },
        remarks:
          'trustops records no FIPS 199 (or other) sensitivity categorization: security-sensitivity-level is "not-categorized" and the information type carries no impact levels until the system owner sets them.',
      },
      'system-implementation': {
        users: [
          {
            uuid: ctx.subject('user', 'customer'),
            title: 'Customer users',
            description: `Users of customer tenants of ${ctx.systemName}; customers carry the responsibilities listed for role "customer".`,
            'role-ids': ['customer'],
          },
          {
            uuid: ctx.subject('user', 'workforce'),
            title: `${ctx.organization} workforce`,
            description: `Employees and contractors of ${ctx.organization} who build and operate ${ctx.systemName}.`,
            'role-ids': ['provider'],
          },
        ],
        components: [
          {
            uuid: ctx.thisSystem,
            type: 'this-system',
            title: ctx.systemName,
            description: ctx.description,
            status: { state: 'operational' },
            'responsible-roles': [role('provider', [ctx.orgParty])],
          },
          ...ctx.vendors.map((v) => ({
            uuid: v.componentUuid,
            type: vendorComponentType(v),
            title: v.name,
            description: vendorDescription(ctx, v),
            props: props(
              { name: 'implementation-point', value: 'external' },
              prop('vendor-id', v.id),
              prop('vendor-kind', v.kind),
              ...attestationProps(ctx, v),
            ),
            status: { state: 'operational' },
            'responsible-roles': [role('third-party', [v.partyUuid])],
          })),
        ],
      },
      'control-implementation': {
        description: [
          `How ${ctx.systemName} meets each requirement in scope, from the trustops readiness assessment of ${ctx.input.readiness.today} (${ctx.input.readiness.type === 'type2' ? 'SOC 2 Type II view' : 'Type I view'}).`,
          'Implementation status: met or inherited -> implemented, partial -> partial, gap -> planned, excluded -> not-applicable.',
          'For CCM requirements the shared-responsibility model (SSRM) decides the components: csp-owned -> this system (provided to customers); shared-csp-csc -> this system, with a customer responsibility; csc-owned -> a customer responsibility; third-party-outsourced -> inherited from the vendor; shared-csp-third-party -> this system for our part, inherited from the vendor for theirs (our part also recorded as satisfied).',
          ...ctx.frameworks.map((f) => copyrightNote(f.key)),
        ].join('\n\n'),
        'implemented-requirements': ctx.frameworks.flatMap((fw) => fw.requirements.map((r) => sspRequirement(ctx, fw, r))),
      },
      'back-matter': {
        resources: [
          {
            uuid: baseline,
            title: `Scope of ${ctx.systemName} (compliance.yaml)`,
            description: ctx.frameworks.map((f) => `- ${scopeLine(f)}`).join('\n') || 'No framework is in scope.',
            props: props(prop('source-commit', ctx.input.meta.commit)),
          },
          ...ctx.frameworks.map((fw) => catalogResource(ctx, fw)),
        ],
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// 3. Assessment results

function origins(ctx: Context): Obj[] {
  return [{ actors: [{ type: 'tool', 'actor-uuid': ctx.toolComponent }] }];
}

function windowText(w: { start: string; end: string }): string {
  return `${w.start}..${w.end}`;
}

function controlObservation(ctx: Context, id: string): Obj | undefined {
  const a = ctx.controls.get(id);
  if (!a) return undefined;
  const type2 = ctx.input.readiness.type === 'type2';
  const state = !a.designed ? 'not designed' : type2 && !a.operating ? 'designed, not operating' : type2 ? 'operating' : 'designed';
  const lines = [
    `${a.title} (${a.file}, line ${a.line}); owner ${a.owner}; status ${a.status}${a.implementedOn ? ` since ${a.implementedOn}` : ''}.`,
    `Maturity: declared ${a.declaredMaturity ?? 'none'}, counted ${a.effectiveMaturity}${a.maturitySupported ? '' : ' (a claim of 4 or 5 not backed by evidence on schedule counts as 3)'}.`,
    `Designed (Type I): ${a.designed ? 'yes' : `no: ${a.designIssues.join('; ')}`}.`,
    ...(type2 ? [`Operating (Type II, period ${windowText(ctx.input.readiness.period)}): ${a.operating ? 'yes' : `no: ${a.operationIssues.join('; ')}`}.`] : []),
    ...(a.lateStart ? [`Late start: ${a.lateStart}.`] : []),
  ];
  const evidence = a.evidence.map((item): Obj => {
    const missing = item.missingWindows.map(windowText);
    return {
      description: [
        `Evidence "${item.id}" (${item.every}): ${item.records} verified record(s)`,
        item.rejectedRecords > 0 ? `, ${item.rejectedRecords} rejected (a file is missing, altered or outside evidence/)` : '',
        item.firstCovered ? `, first covering ${item.firstCovered}` : '',
        `; ${item.dueWindows.length} window(s) due`,
        missing.length > 0 ? `; missing Type II window(s): ${missing.join(', ')}.` : '; every ended window is covered.',
      ].join(''),
      props: props(
        prop('evidence-item', item.id),
        prop('frequency', item.every),
        prop('verified-records', item.records),
        ...missing.map((w) => prop('missing-window', w)),
      ),
    };
  });
  // The packet carries every evidence record at its repository path, beside oscal/.
  const records = ctx.input.model.evidence
    .filter((r) => r.data.control === id)
    .sort((x, y) => compareText(x.source.file, y.source.file))
    .map(
      (r): Obj => ({
        href: `../${r.source.file.split('/').map(encodeURIComponent).join('/')}`,
        description: `Record ${r.source.file}: "${r.data.evidence}" covering ${windowText(r.data.covers)}, collected ${r.data.collected_on}${r.data.collected_by ? ` by ${oneLine(r.data.collected_by)}` : ''}.`,
        props: props(prop('evidence-item', r.data.evidence), prop('covers', windowText(r.data.covers))),
      }),
    );
  return {
    uuid: ctx.instance('observation', 'control', id),
    title: `Control ${id}: ${state}`,
    description: lines.join('\n\n'),
    props: props(prop('control-id', id), prop('control-status', a.status)),
    methods: ['EXAMINE'],
    types: ['control-objective'],
    origins: origins(ctx),
    subjects: [{ 'subject-uuid': ctx.thisSystem, type: 'component', title: ctx.systemName }],
    'relevant-evidence': nonEmpty([...evidence, ...records]),
    collected: ctx.createdAt,
  };
}

function vendorObservation(ctx: Context, reason: VendorReason): Obj {
  const vendor = ctx.vendorById.get(reason.vendor);
  return {
    uuid: ctx.instance('observation', 'vendor', reason.vendor),
    title: `Vendor ${reason.vendor}: no current, reviewed attestation`,
    description: `${vendor?.name ?? reason.vendor}: ${reason.note} (${reason.file}, line ${reason.line}).`,
    props: props(prop('vendor-id', reason.vendor), prop('attestation', reason.attestation), prop('attestation-until', reason.until)),
    methods: ['EXAMINE'],
    types: ['control-objective'],
    origins: origins(ctx),
    subjects: vendor ? [{ 'subject-uuid': vendor.componentUuid, type: 'component', title: vendor.name }] : undefined,
    collected: ctx.createdAt,
  };
}

function summaryObservation(ctx: Context, fw: FrameworkResult): Obj {
  const c = fw.counts;
  const ids = (status: RequirementStatus) => fw.requirements.filter((r) => r.status === status);
  const inherited = ids('inherited').map((r) => {
    const vendors = new Set<string>();
    for (const reason of r.reasons) {
      if (reason.kind === 'ssrm' && reason.vendor) vendors.add(reason.vendor);
      if (reason.kind === 'via-ccm') reason.vendors.forEach((v) => vendors.add(v));
    }
    return vendors.size > 0 ? `${r.id} (from ${[...vendors].sort(compareText).join(', ')})` : r.id;
  });
  return {
    uuid: ctx.instance('observation', 'summary', fw.key),
    title: `${FRAMEWORK_LABEL[fw.key]} ${fw.version}: readiness ${renderPercent(fw.readiness)}`,
    description: [
      `${catalogTitle(fw)}: ${c.met} met, ${c.inherited} inherited, ${c.partial} partial, ${c.gap} gap, ${c.excluded} excluded; readiness (met + inherited + partial/2) / (all - excluded) = ${renderPercent(fw.readiness)}.`,
      `Met: ${ids('met').map((r) => r.id).join(', ') || 'none'}.`,
      `Inherited: ${inherited.join(', ') || 'none'}.`,
      `Excluded: ${ids('excluded').map((r) => r.id).join(', ') || 'none'}.`,
      'Partial and gap requirements each have a finding below.',
    ].join('\n\n'),
    props: props(
      prop('framework', fw.key),
      prop('readiness', renderPercent(fw.readiness)),
      ...(['met', 'inherited', 'partial', 'gap', 'excluded'] as const).map((s) => prop('requirement-count', c[s], { cls: s })),
    ),
    methods: ['EXAMINE'],
    types: ['control-objective'],
    origins: origins(ctx),
    subjects: [{ 'subject-uuid': ctx.thisSystem, type: 'component', title: ctx.systemName }],
    collected: ctx.createdAt,
  };
}

function assessmentResults(ctx: Context): Obj {
  const { meta, readiness } = ctx.input;
  const notMet = ctx.frameworks.flatMap((fw) => fw.requirements.filter((r) => r.status === 'partial' || r.status === 'gap').map((r) => ({ fw, r })));

  // Observations: one per control or vendor behind a requirement that is not met, shared by its findings.
  const controlIds = new Set<string>();
  const vendorReasons = new Map<string, VendorReason>();
  for (const { r } of notMet) {
    for (const reason of r.reasons) {
      if (reason.kind === 'control' && !reason.counts) controlIds.add(reason.control);
      if (reason.kind === 'vendor' && !reason.current && !vendorReasons.has(reason.vendor)) vendorReasons.set(reason.vendor, reason);
    }
  }
  const controlObservations = new Map<string, Obj>();
  for (const id of [...controlIds].sort(compareText)) {
    const o = controlObservation(ctx, id);
    if (o) controlObservations.set(id, o);
  }
  const vendorObservations = new Map([...vendorReasons.keys()].sort(compareText).map((id) => [id, vendorObservation(ctx, vendorReasons.get(id)!)]));

  const requirementFindings = notMet.map(({ fw, r }): Obj => {
    const related: string[] = [];
    for (const reason of r.reasons) {
      const o = reason.kind === 'control' ? controlObservations.get(reason.control) : reason.kind === 'vendor' ? vendorObservations.get(reason.vendor) : undefined;
      const uuid = o?.['uuid'];
      if (typeof uuid === 'string' && !related.includes(uuid)) related.push(uuid);
    }
    return {
      uuid: ctx.instance('finding', 'requirement', fw.key, r.id),
      title: `${FRAMEWORK_LABEL[fw.key]} ${r.id}: ${r.status}`,
      description: `${catalogTitle(fw)} ${r.id} is ${r.status}${r.status === 'partial' ? ' (it counts half towards readiness)' : ''}, because:\n${reasonsText(r)}`,
      props: props(
        prop('framework', fw.key),
        prop('label', r.id),
        prop('readiness-status', r.status),
        fw.key === 'ccm' ? prop('ssrm-ownership', ctx.ssrm.get(r.id)?.ownership) : undefined,
      ),
      target: {
        type: 'objective-id',
        'target-id': `${oscalControlId(fw.key, r.id)}_obj`,
        status: { state: 'not-satisfied', reason: 'fail' },
        'implementation-status': implementationStatus(IMPLEMENTATION_STATE[r.status]),
      },
      'implementation-statement-uuid': ctx.subject('ssp', 'implemented-requirement', fw.key, r.id),
      'related-observations': nonEmpty(related.map((uuid) => ({ 'observation-uuid': uuid }))),
    };
  });

  const checkFindings: Obj[] = [];
  const seen = new Set<string>();
  for (const f of sortFindings(ctx.input.findings.filter((x: Finding) => x.severity === 'error' || x.severity === 'warning'))) {
    const name = JSON.stringify([f.ruleId, f.file, f.line, f.column, f.message]);
    if (seen.has(name)) continue;
    seen.add(name);
    checkFindings.push({
      uuid: ctx.instance('finding', 'check', name),
      title: oneLine(`${f.ruleId} (${f.severity}) at ${f.file}:${f.line}`),
      description: multiline(`${f.message}\n\nHow to fix: ${f.hint}`),
      props: props(prop('rule-id', f.ruleId), prop('severity', f.severity), prop('location', `${f.file}:${f.line}:${f.column}`)),
      target: {
        type: 'objective-id',
        'target-id': ruleToken(f.ruleId),
        title: oneLine(`trustops rule ${f.ruleId}`),
        status: { state: 'not-satisfied', reason: 'fail' },
      },
    });
  }

  const apResource = ctx.subject('resource', 'assessment-plan');
  const observations = [...ctx.frameworks.map((fw) => summaryObservation(ctx, fw)), ...controlObservations.values(), ...vendorObservations.values()];
  const selections = ctx.frameworks
    .map((fw) => {
      const scored = fw.requirements.filter((r) => r.status !== 'excluded');
      const excluded = fw.requirements.filter((r) => r.status === 'excluded');
      if (scored.length === 0) return undefined;
      return {
        description: `${scopeLine(fw)}; ${scored.length} scored.`,
        props: props(prop('framework', fw.key), prop('catalog-version', fw.version)),
        'include-controls': scored.map((r) => ({ 'control-id': oscalControlId(fw.key, r.id) })),
        remarks:
          excluded.length > 0
            ? `Excluded in compliance.yaml:\n${excluded.map((r) => `- ${r.id}: ${r.reasons.map((x) => (x.kind === 'exclusion' ? oneLine(x.reason) : '')).join('')}`).join('\n')}`
            : undefined,
      };
    })
    .filter((s): s is NonNullable<typeof s> => s !== undefined);

  return {
    'assessment-results': {
      uuid: ctx.instance('assessment-results'),
      metadata: metadata(ctx, `${ctx.systemName}: readiness assessment results`, ['provider', 'third-party']),
      'import-ap': {
        href: `#${apResource}`,
        remarks: 'There is no separate OSCAL assessment plan: the scope in compliance.yaml and the system security plan beside this file define what was assessed.',
      },
      results: [
        {
          uuid: ctx.instance('result'),
          title: `trustops readiness of ${ctx.systemName} (${readiness.type === 'type2' ? 'SOC 2 Type II view' : 'Type I view'}) as of ${readiness.today}`,
          description: [
            `Readiness computed by trustops ${oneLine(meta.toolVersion)} from the compliance repository at ${meta.commit}, as of ${readiness.today}, observation period ${windowText(readiness.period)}.`,
            'One finding per requirement that is partial or a gap, and one per error or warning of trustops check. Met, inherited and excluded requirements are summarized in one observation per framework; the system security plan has the detail.',
            'Evidence hrefs (../evidence/...) are relative to this file inside the audit packet, which carries every evidence record. The scoring rules are in docs/scoring.md of trustops.',
          ].join('\n\n'),
          start: ctx.createdAt,
          props: props(
            prop('report-type', readiness.type),
            prop('as-of', readiness.today),
            prop('observation-period', windowText(readiness.period)),
            ...ctx.frameworks.map((fw) => prop('readiness', renderPercent(fw.readiness), { cls: fw.key })),
          ),
          'local-definitions': {
            'assessment-assets': {
              components: [
                {
                  uuid: ctx.toolComponent,
                  type: 'software',
                  title: 'trustops',
                  description: 'trustops: compliance as code; it validates the repository and computes readiness per docs/scoring.md.',
                  props: props(prop('version', meta.toolVersion)),
                  status: { state: 'operational' },
                },
              ],
              'assessment-platforms': [
                {
                  uuid: ctx.subject('assessment-platform', 'trustops'),
                  title: oneLine(`trustops ${meta.toolVersion}`),
                  'uses-components': [{ 'component-uuid': ctx.toolComponent }],
                },
              ],
            },
          },
          'reviewed-controls': {
            description: 'Every requirement in scope that is not excluded.',
            'control-selections': selections.length > 0 ? selections : [{ description: 'Nothing is in scope.', 'include-all': {} }],
          },
          observations: nonEmpty(observations),
          findings: nonEmpty([...requirementFindings, ...checkFindings]),
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: apResource,
            title: `Assessment scope of ${ctx.systemName} (compliance.yaml)`,
            description: ctx.frameworks.map((f) => `- ${scopeLine(f)}`).join('\n') || 'No framework is in scope.',
            props: props(prop('source-commit', meta.commit)),
            rlinks: [{ href: 'system-security-plan.json', 'media-type': 'application/oscal.ssp+json' }],
          },
          ...ctx.frameworks.map((fw) => catalogResource(ctx, fw)),
        ],
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------

/** The three OSCAL documents of the packet's `oscal/` folder, pretty-printed with a trailing newline. */
export function renderOscal(input: PacketInput): OscalFiles {
  const ctx = createContext(input);
  return {
    'component-definition.json': render(componentDefinition(ctx)),
    'system-security-plan.json': render(systemSecurityPlan(ctx)),
    'assessment-results.json': render(assessmentResults(ctx)),
  };
}
