/**
 * The ids of an index. An entity whose id failed validation stays in the model with the id pruned away
 * (schema/invalid reports it), which leaves an undefined key; it must not reach "did you mean" hints.
 */
export function knownIds(index: ReadonlyMap<string, unknown>): string[] {
  return [...index.keys()].filter((id) => typeof id === 'string');
}
