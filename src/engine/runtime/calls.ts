import type { VariableMapping } from '../definitions/index.js';
import { feelExpressions } from '../expressions.js';

/** Applies `camunda:in` / `camunda:out` mappings to the variables of the side they read from. */
export function mapVariables(mappings: readonly VariableMapping[], variables: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const mapping of mappings) {
    if (mapping.all) Object.assign(out, variables);
    else if (mapping.source !== undefined) out[mapping.target] = variables[mapping.source];
    else out[mapping.target] = feelExpressions.resolveExpression(mapping.sourceExpression, { environment: { variables } });
  }
  return out;
}
