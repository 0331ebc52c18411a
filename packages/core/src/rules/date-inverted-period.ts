import type { PathSegment, YamlSource } from '../load/yaml-source.js';
import { defineRule } from './define-rule.js';

interface Period {
  start: string;
  end: string;
}

export const dateInvertedPeriod = defineRule({
  id: 'date/inverted-period',
  severity: 'error',
  description: 'A period (observation period, evidence covers, attestation period) starts on or before it ends.',
  check({ model, report }) {
    // Each period is checked where it is found: a list of every period first (one per evidence record)
    // outlived the young generation and was ~9 MB of old-space garbage at 100,000 records.
    const checkPeriod = (source: YamlSource, path: PathSegment[], period: Period | undefined) => {
      // A date that failed validation is pruned: with one end of the period missing there is nothing to compare.
      if (!period?.start || !period.end || period.start <= period.end) return;
      report({
        at: { source, path: [...path, 'end'] },
        message: `the period ends (${period.end}) before it starts (${period.start})`,
        hint: 'Swap start and end, or correct the date that is wrong.',
      });
    };
    if (model.config) checkPeriod(model.config.source, ['frameworks', 'tsc', 'period'], model.config.data.frameworks?.tsc?.period);
    for (const record of model.evidence) checkPeriod(record.source, ['covers'], record.data.covers);
    for (const vendor of model.vendors) {
      (vendor.data.attestations ?? []).forEach((a, i) => checkPeriod(vendor.source, ['attestations', i, 'period'], a.period));
    }
  },
});
