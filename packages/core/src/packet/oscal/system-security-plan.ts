import { catalogFileName, PROFILE_FILE } from './catalogs.js';
import { attestationValidity } from '../../model/vendors.js';
import { compareText } from '../../model/findings.js';
import type { FrameworkResult, RequirementResult } from '../../score/readiness.js';
import type { Assignment } from '../../schemas/types.js';
import type { Csoc, Cuec } from '../../score/complementary-controls.js';
import {
  attestationProps,
  catalogResource,
  controlProp,
  controlReasons,
  copyrightNote,
  IMPLEMENTATION_STATE,
  implementationStatus,
  metadata,
  multiline,
  oneLine,
  oscalControlId,
  prop,
  props,
  reasonsText,
  scopeLine,
  vendorComponentType,
  vendorDescription,
  type Context,
  type Obj,
  type RoleId,
  type VendorInfo,
  type VendorReason,
} from './common.js';

/**
 * oscal/system-security-plan.json: how the system meets each requirement in scope. Each implemented
 * requirement has one by-component per party that carries it, as the SSRM assigns it for CCM (see the
 * control-implementation description for the mapping), with the reasons readiness gave for its status.
 */

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

/** The CUEC (what customers must do) and the CSOCs (what a vendor must do) of a CCM requirement, as the packet numbers them. */
function complementaryOf(ctx: Context, key: string[]): { cuec?: Cuec; csoc?: Csoc } {
  if (key[0] !== 'ccm') return {};
  const { cuecs, csocs } = ctx.input.audit.complementary;
  const cuec = cuecs.find((c) => c.ccm === key[1]);
  const csoc = csocs.find((c) => c.ccm === key[1]);
  return { ...(cuec ? { cuec } : {}), ...(csoc ? { csoc } : {}) };
}

function role(roleId: RoleId, partyUuids?: string[]): Obj {
  return { 'role-id': roleId, 'party-uuids': partyUuids && partyUuids.length > 0 ? partyUuids : undefined };
}

/**
 * State of our own part from our controls alone: counts -> implemented, mapped -> partial; nothing that
 * counts -> planned only when a control with status planned maps to it (a plan exists), else partial with
 * remarks saying that nothing meets it.
 */
function ownPartState(r: RequirementResult): string {
  const controls = controlReasons(r);
  return controls.some((c) => c.counts) ? 'implemented' : hasPlan(r) ? 'planned' : 'partial';
}

/** A control with status planned maps to the requirement: the gap has a plan. */
function hasPlan(r: RequirementResult): boolean {
  return controlReasons(r).some((c) => c.status === 'planned');
}

/** The requirement's OSCAL state: a gap is "planned" only when a plan exists, else "partial" with remarks. */
function requirementState(r: RequirementResult): { state: string; remarks?: string } {
  if (r.status !== 'gap') return { state: IMPLEMENTATION_STATE[r.status] };
  if (hasPlan(r)) return { state: 'planned', remarks: `Not met yet (readiness: gap); planned: ${controlReasons(r).filter((c) => c.status === 'planned').map((c) => c.control).join(', ')}.` };
  const mapped = controlReasons(r).map((c) => c.control);
  return {
    state: 'partial',
    remarks: `Not met (readiness: gap), and nothing is planned: ${mapped.length ? `the controls that map to it (${mapped.join(', ')}) do not count yet` : 'no control maps to it'}. What the SSRM states for it is the description.`,
  };
}

function vendorReasonOf(r: RequirementResult): VendorReason | undefined {
  return r.reasons.find((x): x is VendorReason => x.kind === 'vendor');
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
// One implemented requirement

/** One requirement of one framework, with the builders its by-components share (same UUID key, same status). */
interface RequirementPlan {
  ctx: Context;
  r: RequirementResult;
  /** The UUID parts naming this requirement: framework key and requirement id. */
  key: string[];
  /** The OSCAL implementation-status of the requirement as a whole. */
  state: string;
  /** Our own by-component (this system), carrying the controls that map to the requirement. */
  thisSystem(description: string, extra?: Obj, stateOverride?: string): Obj;
  /** What this system provides to its customers (an export). */
  provided(description: string): Obj;
  /** What customers must do themselves (an export), optionally for a part this system provides. */
  responsibility(description: string, providedUuid?: string): Obj;
}

function planRequirement(ctx: Context, fw: FrameworkResult, r: RequirementResult): RequirementPlan {
  const key = [fw.key, r.id];
  const { state, remarks } = requirementState(r);
  const controlProps = props(...controlReasons(r).map((c) => controlProp(ctx, c)));
  return {
    ctx,
    r,
    key,
    state,
    thisSystem: (description, extra = {}, stateOverride) =>
      byComponent(ctx, [...key, 'this-system'], {
        component: ctx.thisSystem,
        description,
        props: controlProps,
        'implementation-status': implementationStatus(stateOverride ?? state, stateOverride && stateOverride !== state ? undefined : remarks),
        ...extra,
      }),
    provided: (description) => ({
      uuid: ctx.subject('ssp', 'provided', ...key),
      description: multiline(description),
      'responsible-roles': [role('provider', [ctx.orgParty])],
    }),
    responsibility: (description, providedUuid) => ({
      uuid: ctx.subject('ssp', 'responsibility', ...key),
      'provided-uuid': providedUuid,
      description: multiline(description),
      // The complementary user entity control this responsibility is, in the packet's CUEC list.
      props: props(prop('cuec-id', complementaryOf(ctx, key).cuec?.id)),
      'responsible-roles': [role('customer')],
    }),
  };
}

function excludedComponents(plan: RequirementPlan): Obj[] {
  const reason = plan.r.reasons.find((x) => x.kind === 'exclusion');
  return [plan.thisSystem(`Excluded from the scope in compliance.yaml: ${reason?.kind === 'exclusion' ? reason.reason : 'no reason given'}`)];
}

/** The vendor's by-component of a requirement the SSRM outsources to it or shares with it. */
function vendorPartComponent(plan: RequirementPlan, assignment: Assignment, vendor: VendorInfo): Obj {
  const { ctx, r, key, state } = plan;
  const csp = multiline(assignment.csp);
  const ours = csp || controlsText(ctx, r);
  const outsourced = assignment.ownership === 'third-party-outsourced';
  const vendorReason = vendorReasonOf(r);
  const vendorNote = vendorReason ? `${vendorReason.note} (${vendorReason.file}, line ${vendorReason.line})` : 'no attestation on record';
  const vendorCurrent = vendorReason?.current === true;
  // What we do ourselves: oversight of an outsourced requirement, or our part of a shared one.
  const satisfied = outsourced
    ? controlReasons(r).length > 0
      ? `${ctx.systemName} oversees ${vendor.name} for ${r.id}:\n${controlsText(ctx, r)}`
      : undefined
    : `The part of ${r.id} that ${ctx.systemName} carries: ${ours}`;
  return byComponent(ctx, [...key, 'vendor', vendor.id], {
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
        // The complementary subservice organization control it is, in the packet's CSOC list.
        props: props(prop('csoc-id', complementaryOf(ctx, key).csoc?.id), prop('attestation', vendorReason?.attestation), prop('attestation-current', vendorCurrent ? 'true' : 'false')),
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
  });
}

/** SSRM third-party-outsourced or shared-csp-third-party: the vendor's part, and ours when shared. */
function thirdPartyComponents(plan: RequirementPlan, assignment: Assignment): Obj[] {
  const { ctx, r } = plan;
  const out: Obj[] = [];
  const ours = multiline(assignment.csp) || controlsText(ctx, r);
  if (assignment.ownership !== 'third-party-outsourced') out.push(plan.thisSystem(ours, {}, ownPartState(r)));
  const vendor = assignment.vendor ? ctx.vendorById.get(assignment.vendor) : undefined;
  if (vendor) {
    out.push(vendorPartComponent(plan, assignment, vendor));
  } else {
    out.push(
      plan.thisSystem(
        `${r.id} is assigned to ${assignment.vendor ? `vendor ${assignment.vendor}, which is not defined under controls/vendors/` : 'a third party the SSRM does not name'}.`,
        {},
        'partial',
      ),
    );
  }
  return out;
}

/** The by-components of a CCM requirement that has an SSRM entry, by its ownership. */
function assignedComponents(plan: RequirementPlan, assignment: Assignment): Obj[] {
  const { ctx, r } = plan;
  const csp = multiline(assignment.csp);
  const csc = multiline(assignment.csc);
  const ours = csp || controlsText(ctx, r);
  switch (assignment.ownership) {
    case 'csp-owned': {
      const p = plan.provided(`${ctx.systemName} carries ${r.id} for its customers (SSRM: csp-owned)${csp ? `: ${csp}` : '.'}`);
      // Customers may still have something to do for it (a csc: text): that is a CUEC too.
      const cuec = complementaryOf(ctx, plan.key).cuec;
      return [plan.thisSystem(ours, { export: { provided: [p], ...(cuec ? { responsibilities: [plan.responsibility(cuec.text, p['uuid'] as string)] } : {}) } })];
    }
    case 'shared-csp-csc': {
      const p = plan.provided(`The part of ${r.id} that ${ctx.systemName} carries (SSRM: shared-csp-csc)${csp ? `: ${csp}` : '.'}`);
      return [
        plan.thisSystem(ours, {
          export: {
            provided: [p],
            responsibilities: [plan.responsibility(csc || `Customers share ${r.id}, but the SSRM does not yet say what they must do (csc: is empty).`, p['uuid'] as string)],
          },
        }),
      ];
    }
    case 'csc-owned':
      return [
        plan.thisSystem(`${r.id} is the customers' responsibility (SSRM: csc-owned); ${ctx.systemName} documents it for them.`, {
          export: {
            responsibilities: [plan.responsibility(csc || `The SSRM assigns ${r.id} to customers but does not yet tell them what to do (csc: is empty).`)],
          },
        }),
      ];
    case 'third-party-outsourced':
    case 'shared-csp-third-party': {
      const components = thirdPartyComponents(plan, assignment);
      const cuec = complementaryOf(ctx, plan.key).cuec;
      if (!cuec) return components;
      // One by-component of this system per requirement: the responsibility joins ours when we share it.
      const responsibilities = [plan.responsibility(cuec.text)];
      const own = components.find((c) => c['component-uuid'] === ctx.thisSystem);
      if (own) own['export'] = { ...(own['export'] as Obj | undefined), responsibilities };
      else components.push(plan.thisSystem(`What customers of ${ctx.systemName} do for ${r.id}.`, { export: { responsibilities } }, ownPartState(r)));
      return components;
    }
  }
  return [];
}

/** A TSC or ISO requirement inherited through the CCM requirements the SSRM outsources: one per vendor. */
function viaCcmComponents(plan: RequirementPlan): Obj[] {
  const { ctx, r, key } = plan;
  const viaCcm = r.reasons.find((x) => x.kind === 'via-ccm');
  if (viaCcm?.kind !== 'via-ccm') return [];
  const out: Obj[] = [];
  for (const vendorId of [...viaCcm.vendors].sort(compareText)) {
    const vendor = ctx.vendorById.get(vendorId);
    if (!vendor) continue;
    out.push(
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
  return out;
}

function sspRequirement(ctx: Context, fw: FrameworkResult, r: RequirementResult): Obj {
  const plan = planRequirement(ctx, fw, r);
  const assignment = fw.key === 'ccm' ? ctx.ssrm.get(r.id) : undefined;
  let byComponents: Obj[];
  let remarks = reasonsText(r);
  if (r.status === 'excluded') {
    byComponents = excludedComponents(plan);
  } else if (assignment) {
    byComponents = assignedComponents(plan, assignment);
  } else {
    byComponents = viaCcmComponents(plan);
    if (byComponents.length === 0) byComponents.push(plan.thisSystem(controlsText(ctx, r)));
    if (fw.key === 'ccm') remarks = `${remarks}\n- the SSRM (controls/responsibility/) has no entry for ${r.id}`;
  }
  return {
    uuid: ctx.subject('ssp', 'implemented-requirement', ...plan.key),
    'control-id': oscalControlId(fw.key, r.id),
    props: requirementProps(fw, r, assignment?.ownership),
    'by-components': byComponents,
    remarks: remarks ? multiline(`Why ${r.id} is ${r.status}:\n${remarks}`) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The document

function authorizationBoundary(ctx: Context): string {
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
  return boundary.filter(Boolean).join('\n\n');
}

function systemCharacteristics(ctx: Context): Obj {
  const { model } = ctx.input;
  return {
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
    'authorization-boundary': { description: authorizationBoundary(ctx) },
    remarks:
      'trustops records no FIPS 199 (or other) sensitivity categorization: security-sensitivity-level is "not-categorized" and the information type carries no impact levels until the system owner sets them.',
  };
}

/**
 * The cloud provider's attestations we rely on (current on the scoring date), as leveraged
 * authorizations: what an auditor treats as inherited assurance. Dated by the end of the period the
 * attestation covers, else the day we reviewed it.
 */
function leveragedAuthorizations(ctx: Context): Obj[] | undefined {
  const out: Obj[] = [];
  for (const v of ctx.vendors) {
    if (v.kind !== 'cloud-provider') continue;
    for (const a of v.data.attestations ?? []) {
      const validity = attestationValidity(a, ctx.input.readiness.today);
      const date = a.period?.end ?? a.reviewed_on;
      if (!validity.current || !date) continue;
      out.push({
        uuid: ctx.subject('leveraged-authorization', v.id, a.type, date),
        title: `${v.name}: ${a.type}${a.period ? ` (${a.period.start} to ${a.period.end})` : ''}`,
        props: props(prop('vendor-id', v.id), prop('attestation', a.type)),
        'party-uuid': v.partyUuid,
        'date-authorized': date,
        remarks: `${a.reference ? `${a.reference}. ` : ''}${a.reviewed_on ? `Reviewed by ${ctx.organization} on ${a.reviewed_on}` : `Not reviewed by ${ctx.organization}`}; current on ${ctx.input.readiness.today} (${v.file}).`,
      });
    }
  }
  return out.length ? out : undefined;
}

function systemImplementation(ctx: Context): Obj {
  return {
    'leveraged-authorizations': leveragedAuthorizations(ctx),
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
  };
}

function controlImplementation(ctx: Context): Obj {
  return {
    description: [
      `How ${ctx.systemName} meets each requirement in scope, from the trustops readiness assessment of ${ctx.input.readiness.today} (${ctx.input.readiness.type === 'type2' ? 'SOC 2 Type II view' : 'Type I view'}).`,
      'Implementation status: met or inherited -> implemented, partial -> partial, gap -> planned when a control with status planned maps to it, else partial with remarks that nothing meets it, excluded -> not-applicable.',
      'For CCM requirements the shared-responsibility model (SSRM) decides the components: csp-owned -> this system (provided to customers); shared-csp-csc -> this system, with a customer responsibility; csc-owned -> a customer responsibility; third-party-outsourced -> inherited from the vendor; shared-csp-third-party -> this system for our part, inherited from the vendor for theirs (our part also recorded as satisfied).',
      ...ctx.frameworks.map((f) => copyrightNote(f.key)),
    ].join('\n\n'),
    'implemented-requirements': ctx.frameworks.flatMap((fw) => fw.requirements.map((r) => sspRequirement(ctx, fw, r))),
  };
}

export function systemSecurityPlan(ctx: Context): Obj {
  const baseline = ctx.subject('resource', 'baseline');
  return {
    'system-security-plan': {
      uuid: ctx.instance('system-security-plan'),
      metadata: metadata(ctx, `${ctx.systemName}: system security plan`, ['provider', 'customer', 'third-party']),
      'import-profile': {
        href: PROFILE_FILE,
        remarks: `The baseline is the scope in compliance.yaml: ${PROFILE_FILE} imports the catalogs beside it (${ctx.frameworks.map(catalogFileName).join(', ')}), which hold the ids and titles of the requirements in scope.`,
      },
      'system-characteristics': systemCharacteristics(ctx),
      'system-implementation': systemImplementation(ctx),
      'control-implementation': controlImplementation(ctx),
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
