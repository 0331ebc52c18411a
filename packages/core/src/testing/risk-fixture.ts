import { BASE_FILES } from './base-repo.js';

/**
 * A risk of the base repository's register, treated by IAM-MFA, reviewed every quarter (last on
 * 2026-10-05, so current on the base date 2026-11-22). Line numbers in rule tests refer to this text.
 */
export const RISK_FILE = 'risks/R-001.yaml';
export const RISK = `id: R-001
title: Workforce account takeover through phishing
description: A phished Okta session gives an attacker the employee's access to production.
owner: ciso
assets: [okta, aws-production]
inherent: { likelihood: 4, impact: 5 }
residual: { likelihood: 2, impact: 4 }
treatment: mitigate
controls: [IAM-MFA]
review_every: quarterly
last_reviewed: 2026-10-05
`;

/** compliance.yaml of the base repository with a risk appetite of 9 (line 18: risk:, line 19: appetite). */
export const COMPLIANCE_WITH_APPETITE = `${BASE_FILES['compliance.yaml']!}risk:\n  appetite: 9\n`;

/** The base repository with a one-risk register and an appetite: the base of the risk rules' tables. */
export const RISK_BASE: Readonly<Record<string, string>> = { [RISK_FILE]: RISK, 'compliance.yaml': COMPLIANCE_WITH_APPETITE };
