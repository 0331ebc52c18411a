import type { FrameworkResult } from '../../score/readiness.js';
import {
  attestationProps,
  CATALOG_SOURCES,
  catalogTitle,
  controlProp,
  controlReasons,
  copyrightNote,
  metadata,
  multiline,
  nonEmpty,
  oneLine,
  oscalControlId,
  prop,
  props,
  vendorComponentType,
  vendorDescription,
  type Context,
  type Obj,
  type VendorInfo,
} from './common.js';

/**
 * oscal/component-definition.json: the service itself, with the requirements its controls implement, and
 * one component per vendor with the CCM requirements the SSRM hands to it. A component definition states
 * what a component can do, not whether it is in order: the status of each requirement is in the SSP.
 */

/** The requirements of one framework that a control implements (implemented or operating), if any. */
function serviceControlImplementation(ctx: Context, fw: FrameworkResult): Obj[] {
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
}

function serviceComponent(ctx: Context): Obj {
  return {
    uuid: ctx.thisSystem,
    type: 'service',
    title: ctx.systemName,
    description: ctx.description,
    props: props(
      prop('service-model', ctx.input.model.config?.data.system.service_model),
      prop('csa-star-level', ctx.input.model.config?.data.frameworks?.ccm?.star_level),
    ),
    'responsible-roles': [{ 'role-id': 'provider', 'party-uuids': [ctx.orgParty] }],
    'control-implementations': nonEmpty(ctx.frameworks.flatMap((fw) => serviceControlImplementation(ctx, fw))),
  };
}

/** The CCM requirements the SSRM outsources to a vendor or shares with it (only CCM has an SSRM). */
function vendorCarriedRequirements(ctx: Context, ccm: FrameworkResult | undefined, v: VendorInfo): Obj[] {
  return (ccm?.requirements ?? [])
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
}

function vendorComponent(ctx: Context, ccm: FrameworkResult | undefined, v: VendorInfo): Obj {
  const carried = vendorCarriedRequirements(ctx, ccm, v);
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
}

export function componentDefinition(ctx: Context): Obj {
  const ccm = ctx.frameworks.find((f) => f.key === 'ccm');
  return {
    'component-definition': {
      uuid: ctx.instance('component-definition'),
      metadata: metadata(ctx, `${ctx.systemName}: component definition`, ['provider', 'third-party']),
      components: [serviceComponent(ctx), ...ctx.vendors.map((v) => vendorComponent(ctx, ccm, v))],
    },
  };
}
