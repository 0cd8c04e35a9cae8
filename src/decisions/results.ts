import { DecisionResultError } from './errors.js';

/** Camunda 7's `camunda:mapDecisionResult` values. */
export type MapDecisionResult = 'singleEntry' | 'singleResult' | 'collectEntries' | 'resultList';
export const mapDecisionResultKinds: readonly MapDecisionResult[] = ['singleEntry', 'singleResult', 'collectEntries', 'resultList'];

/**
 * A decision's result list (one output map per matched rule) in the shape Camunda 7 gives a
 * business rule task's result variable:
 * - `resultList`: the list itself;
 * - `singleResult`: the one output map, null when no rule matched;
 * - `singleEntry`: the one value of the one output map, null when no rule matched;
 * - `collectEntries`: the one output's value from every map, a list.
 *
 * @throws DecisionResultError when the list has several maps for singleResult or singleEntry, or a
 *   map has several outputs for singleEntry or collectEntries.
 */
export function mapDecisionResult(decisionId: string, resultList: readonly Record<string, unknown>[], kind: MapDecisionResult): unknown {
  const oneOutput = (): void => {
    const wide = resultList.find((r) => Object.keys(r).length > 1);
    if (wide) throw new DecisionResultError(decisionId, kind, `a result has ${Object.keys(wide).length} outputs (${Object.keys(wide).join(', ')})`);
  };
  const oneResult = (): void => {
    if (resultList.length > 1) throw new DecisionResultError(decisionId, kind, `${resultList.length} results, not one`);
  };
  switch (kind) {
    case 'resultList':
      return resultList.map((r) => ({ ...r }));
    case 'singleResult':
      oneResult();
      return resultList[0] ? { ...resultList[0] } : null;
    case 'singleEntry':
      oneResult();
      oneOutput();
      return resultList[0] ? Object.values(resultList[0])[0] ?? null : null;
    case 'collectEntries':
      oneOutput();
      return resultList.map((r) => Object.values(r)[0] ?? null);
  }
}
