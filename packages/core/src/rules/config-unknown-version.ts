import { shorten } from '../model/findings.js';
import { SUPPORTED_CCM_VERSIONS, resolveCcmVersion, suggestClosest } from '@trustops/frameworks';
import { defineRule } from './define-rule.js';

export const configUnknownVersion = defineRule({
  id: 'config/unknown-version',
  severity: 'error',
  description: 'frameworks.ccm.version names a CCM version trustops ships (4.0.13 or 4.1).',
  check({ model, report }) {
    const config = model.config;
    const version = config?.data.frameworks?.ccm?.version;
    if (!config || version === undefined || resolveCcmVersion(version)) return;
    // Newest first, so that a tie ("4.2" is as close to "4.0" as to "4.1") suggests the newer version.
    const guess = suggestClosest(version, [...SUPPORTED_CCM_VERSIONS].reverse(), 3);
    report({
      at: { source: config.source, path: ['frameworks', 'ccm', 'version'] },
      message: `CCM version "${shorten(String(version))}" is not one trustops ships, so CCM checks are skipped`,
      hint: `${guess ? `Did you mean "${guess}"? ` : ''}Shipped: ${SUPPORTED_CCM_VERSIONS.join(', ')}.`,
    });
  },
});
