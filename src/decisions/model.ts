import type { DmnVersion } from './migrate.js';

/**
 * A parsed DMN file, every FEEL cell already checked. Plain data: what `evaluateDecision` needs and
 * what an API may show. Ids are the DMN element ids; a rule without an id is named `rule N` (1-based).
 */
export interface DecisionDefinitions {
  id: string;
  name: string;
  /** The version the file was written in; it is read as DMN 1.3 whatever this says. */
  dmnVersion: DmnVersion;
  /** Decisions by id, in document order. */
  decisions: ReadonlyMap<string, Decision>;
  /** Names of the input data elements: the variables the caller supplies. */
  inputData: readonly string[];
}

export interface Decision {
  id: string;
  name: string;
  /** The name its value goes by in a requiring decision's scope (its variable's name, else its name). */
  variableName: string;
  /** Ids of the decisions it requires, evaluated before it, in document order. */
  requiredDecisions: readonly string[];
  logic: DecisionTable | LiteralExpression;
}

export interface LiteralExpression {
  kind: 'literalExpression';
  text: string;
}

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionTable {
  kind: 'decisionTable';
  hitPolicy: HitPolicy;
  /** Only with COLLECT. */
  aggregation?: Aggregation;
  inputs: readonly InputClause[];
  outputs: readonly OutputClause[];
  rules: readonly Rule[];
}

export interface InputClause {
  /** How errors name the column: its label, else its id, else `input N`. */
  column: string;
  expression: string;
  /** Camunda 7's name for the value inside an input entry (`camunda:inputVariable`, default `cellInput`). */
  inputVariable: string;
}

export interface OutputClause {
  column: string;
  /** The key of this output in a rule's result (Camunda's output name). */
  name: string;
  /** The output values in priority order, for PRIORITY and OUTPUT ORDER; undefined when none are listed. */
  priorities?: readonly unknown[];
  /** The default output entry (FEEL), used when no rule matches. */
  defaultEntry?: string;
}

export interface Rule {
  id: string;
  /** One unary-tests text per input, in column order. */
  inputEntries: readonly string[];
  /** One FEEL expression per output, in column order. */
  outputEntries: readonly string[];
  /** The rule's description or first annotation: where a table cites its source. */
  annotation?: string;
}
