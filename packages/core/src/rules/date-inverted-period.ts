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
    const periods: { source: YamlSource; path: PathSegment[]; period: Period | undefined }[] = [];
    if (model.config) {
      periods.push({ source: model.config.source, path: ['frameworks', 'tsc', 'period'], period: model.config.data.frameworks?.tsc?.period });
    }
    for (const record of model.evidence) periods.push({ source: record.source, path: ['covers'], period: record.data.covers });
    for (const vendor of model.vendors) {
      (vendor.data.attestations ?? []).forEach((a, i) =>
        periods.push({ source: vendor.source, path: ['attestations', i, 'period'], period: a.period }),
      );
    }
    for (const { source, path, period } of periods) {
      // A date that failed validation is pruned: with one end of the period missing there is nothing to compare.
      if (!period?.start || !period.end || period.start <= period.end) continue;
      report({
        at: { source, path: [...path, 'end'] },
        message: `the period ends (${period.end}) before it starts (${period.start})`,
        hint: 'Swap start and end, or correct the date that is wrong.',
      });
    }
  },
});
