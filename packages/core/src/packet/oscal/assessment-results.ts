import { compareText, sortFindings, type Finding } from '../../model/findings.js';
import type { FrameworkResult, RequirementResult, RequirementStatus } from '../../score/readiness.js';
import { FRAMEWORK_SHORT as FRAMEWORK_LABEL } from '../../render/labels.js';
import { renderPercent } from '../../render/score.js';
import {
  catalogResource,
  catalogTitle,
  IMPLEMENTATION_STATE,
  implementationStatus,
  metadata,
  multiline,
  nonEmpty,
  oneLine,
  oscalControlId,
  prop,
  props,
  reasonsText,
  scopeLine,
  type Context,
  type Obj,
  type VendorReason,
} from './common.js';

/**
 * oscal/assessment-results.json: one result, the readiness trustops computed at this commit. A finding per
 * requirement that is partial or a gap and per error or warning of `trustops check`; observations say what
 * stands behind them (a control, a vendor's attestation), one per framework sums up the rest.
 */

function ruleToken(ruleId: string): string {
  return `trustops.${ruleId.replace(/\//g, '.').replace(/[^\p{L}\p{N}._-]+/gu, '-')}`;
}

// ---------------------------------------------------------------------------------------------------------
// Observations

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
    ...(type2 && ctx.input.readiness.period ? [`Operating (Type II, period ${windowText(ctx.input.readiness.period)}): ${a.operating ? 'yes' : `no: ${a.operationIssues.join('; ')}`}.`] : []),
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


// ---------------------------------------------------------------------------------------------------------
// Findings

interface NotMet {
  fw: FrameworkResult;
  r: RequirementResult;
}

/** Observations of the controls and vendors behind requirements that are not met, in id order. */
interface NotMetObservations {
  controls: Map<string, Obj>;
  vendors: Map<string, Obj>;
}

function notMetRequirements(ctx: Context): NotMet[] {
  return ctx.frameworks.flatMap((fw) => fw.requirements.filter((r) => r.status === 'partial' || r.status === 'gap').map((r) => ({ fw, r })));
}

/** One observation per control or vendor behind a requirement that is not met, shared by its findings. */
function observeNotMet(ctx: Context, notMet: readonly NotMet[]): NotMetObservations {
  const controlIds = new Set<string>();
  const vendorReasons = new Map<string, VendorReason>();
  for (const { r } of notMet) {
    for (const reason of r.reasons) {
      if (reason.kind === 'control' && !reason.counts) controlIds.add(reason.control);
      if (reason.kind === 'vendor' && !reason.current && !vendorReasons.has(reason.vendor)) vendorReasons.set(reason.vendor, reason);
    }
  }
  const controls = new Map<string, Obj>();
  for (const id of [...controlIds].sort(compareText)) {
    const o = controlObservation(ctx, id);
    if (o) controls.set(id, o);
  }
  const vendors = new Map([...vendorReasons.keys()].sort(compareText).map((id) => [id, vendorObservation(ctx, vendorReasons.get(id)!)]));
  return { controls, vendors };
}

function requirementFinding(ctx: Context, { fw, r }: NotMet, observations: NotMetObservations): Obj {
  const related: string[] = [];
  for (const reason of r.reasons) {
    const o =
      reason.kind === 'control' ? observations.controls.get(reason.control) : reason.kind === 'vendor' ? observations.vendors.get(reason.vendor) : undefined;
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
}

/** One finding per distinct error or warning of `trustops check` (info findings are not gaps). */
function checkFindings(ctx: Context): Obj[] {
  const out: Obj[] = [];
  const seen = new Set<string>();
  for (const f of sortFindings(ctx.input.findings.filter((x: Finding) => x.severity === 'error' || x.severity === 'warning'))) {
    const name = JSON.stringify([f.ruleId, f.file, f.line, f.column, f.message]);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({
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
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The result and the document

/** The requirements each framework scores (excluded ones are listed, with their reasons, in the remarks). */
function reviewedControlSelections(ctx: Context): Obj[] {
  return ctx.frameworks.flatMap((fw): Obj[] => {
    const scored = fw.requirements.filter((r) => r.status !== 'excluded');
    const excluded = fw.requirements.filter((r) => r.status === 'excluded');
    if (scored.length === 0) return [];
    return [
      {
        description: `${scopeLine(fw)}; ${scored.length} scored.`,
        props: props(prop('framework', fw.key), prop('catalog-version', fw.version)),
        'include-controls': scored.map((r) => ({ 'control-id': oscalControlId(fw.key, r.id) })),
        remarks:
          excluded.length > 0
            ? `Excluded in compliance.yaml:\n${excluded.map((r) => `- ${r.id}: ${r.reasons.map((x) => (x.kind === 'exclusion' ? oneLine(x.reason) : '')).join('')}`).join('\n')}`
            : undefined,
      },
    ];
  });
}

/** trustops itself, the tool that made the assessment (the actor of every observation). */
function assessmentAssets(ctx: Context): Obj {
  const { meta } = ctx.input;
  return {
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
  };
}

function readinessResult(ctx: Context): Obj {
  const { meta, readiness } = ctx.input;
  const notMet = notMetRequirements(ctx);
  const notMetObservations = observeNotMet(ctx, notMet);
  const observations = [...ctx.frameworks.map((fw) => summaryObservation(ctx, fw)), ...notMetObservations.controls.values(), ...notMetObservations.vendors.values()];
  const findings = [...notMet.map((item) => requirementFinding(ctx, item, notMetObservations)), ...checkFindings(ctx)];
  const selections = reviewedControlSelections(ctx);
  return {
    uuid: ctx.instance('result'),
    title: `trustops readiness of ${ctx.systemName} (${readiness.type === 'type2' ? 'SOC 2 Type II view' : 'Type I view'}) as of ${readiness.asOf}`,
    description: [
      `Readiness computed by trustops ${oneLine(meta.toolVersion)} from the compliance repository at ${meta.commit}, as of ${readiness.asOf}${readiness.period ? `, observation period ${windowText(readiness.period)}` : ''}.`,
      'One finding per requirement that is partial or a gap, and one per error or warning of trustops check. Met, inherited and excluded requirements are summarized in one observation per framework; the system security plan has the detail.',
      'Evidence hrefs (../evidence/...) are relative to this file inside the audit packet, which carries every evidence record. The scoring rules are in docs/scoring.md of trustops.',
    ].join('\n\n'),
    start: ctx.createdAt,
    props: props(
      prop('report-type', readiness.type),
      prop('as-of', readiness.asOf),
      ...(readiness.period ? [prop('observation-period', windowText(readiness.period))] : []),
      ...ctx.frameworks.map((fw) => prop('readiness', renderPercent(fw.readiness), { cls: fw.key })),
    ),
    'local-definitions': { 'assessment-assets': assessmentAssets(ctx) },
    'reviewed-controls': {
      description: 'Every requirement in scope that is not excluded.',
      'control-selections': selections.length > 0 ? selections : [{ description: 'Nothing is in scope.', 'include-all': {} }],
    },
    observations: nonEmpty(observations),
    findings: nonEmpty(findings),
  };
}

export function assessmentResults(ctx: Context): Obj {
  const { meta } = ctx.input;
  const apResource = ctx.subject('resource', 'assessment-plan');
  return {
    'assessment-results': {
      uuid: ctx.instance('assessment-results'),
      metadata: metadata(ctx, `${ctx.systemName}: readiness assessment results`, ['provider', 'third-party']),
      'import-ap': {
        href: `#${apResource}`,
        remarks: 'There is no separate OSCAL assessment plan: the scope in compliance.yaml and the system security plan beside this file define what was assessed.',
      },
      results: [readinessResult(ctx)],
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
