// The rules and their meta, for `trustops rules`: it prints them and loads nothing else of core.
export { rules } from './rules/registry.js';
