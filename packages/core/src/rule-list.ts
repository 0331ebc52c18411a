// The rules' meta, for `trustops rules`: it prints them and loads nothing else of core (not even the rules:
// the list is generated from their meta by `pnpm rule-docs`, and a test fails when it is stale).
export { ruleList as rules } from './model/rule-list.generated.js';
