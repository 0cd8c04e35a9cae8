import { createRequire } from 'node:module';
import type { DiagramProblem } from '../../errors/index.js';
import { lineOf, type ModdleElement } from './parse.js';
import { connectFlows } from '../../lint/connectFlows.js';
import { kazakhNameRule, labelRequiredUnlessNamedElsewhere } from '../../lint/kazakhNameRule.js';

/**
 * bpmnlint's `recommended` rules as Qyzmet applies them at deploy, the same as the modeler applies
 * while an analyst edits (src/web/modeler/bpmnlintrc.json holds the browser's copy, stricter in
 * one rule; a test keeps the two in step). Some rules are lowered to warnings:
 * - `label-required`, `no-bpmndi`: diagrams written in code or by `qyzmet deploy` need neither names
 *   nor diagram interchange to run; the modeler always writes both.
 * - `no-gateway-join-fork`: a gateway that joins returning branches and decides at once runs exactly
 *   as drawn; Qyzmet's own regulations (processes/) split the two all the same and lint clean.
 * - `no-implicit-start`, `no-implicit-end`, `no-implicit-split`, `no-duplicate-sequence-flows`:
 *   BPMN 2.0 gives each a meaning (a token per flow; a path ends where its flows end) and the
 *   engine follows it, as the semantics and conformance suites check; an analyst is still told.
 * - `start-event-required`, `end-event-required`, `no-disconnected`: the same holds for a process
 *   of one lone task, a pool drawn as a black box, or an activity reached only by a message; the
 *   conformance corpus runs such files from other tools (Bizagi, ARIS, Signavio, Trisotech).
 * - `conditional-flows`, `event-sub-process-typed-start-event`: bpmn-elements runs an unconditioned
 *   flow as always taken and a blank start in an event sub-process as its start; corpus files rely
 *   on both. The modeler holds analysts to `conditional-flows` as an error all the same
 *   (src/web/modeler/bpmnlintrc.json): a new version of a regulation names every way out.
 * - `qyzmet/kazakh-name` (ours): an element named in Russian or English but not in Kazakh is told,
 *   not refused — it runs the same, but its documents and the law want the state-language name.
 * What still refuses any deployment: several blank start events in one process (which one does a
 * case start at?), and constructs drawn against BPMN's rules (event-based gateways followed by
 * anything but catching events, unpaired link events, several definitions on one event,
 * sub-processes started other than blank, complex gateways, malformed ad-hoc sub-processes).
 */
export const lintConfig = {
  extends: 'bpmnlint:recommended',
  rules: {
    'label-required': 'warn',
    'no-bpmndi': 'warn',
    'no-gateway-join-fork': 'warn',
    'no-implicit-start': 'warn',
    'no-implicit-end': 'warn',
    'no-implicit-split': 'warn',
    'no-duplicate-sequence-flows': 'warn',
    'start-event-required': 'warn',
    'end-event-required': 'warn',
    'no-disconnected': 'warn',
    'conditional-flows': 'warn',
    'event-sub-process-typed-start-event': 'warn',
    'qyzmet/kazakh-name': 'warn',
  },
} as const;

/** One finding of a bpmnlint rule: the element it names, the rule, and bpmnlint's message. */
export interface LintFinding extends DiagramProblem {
  rule: string;
}

interface Report {
  id?: string;
  message: string;
  category: string;
}
interface RuleDefinition {
  name: string;
}
/** The two steps of bpmnlint's `Linter#lint`, taken one rule at a time here (bpmnlint is pinned). */
interface LinterInstance {
  resolveRules(config: unknown): Promise<RuleDefinition[]>;
  applyRule(definitions: ModdleElement, rule: RuleDefinition): Report[];
}

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint') as { Linter: new (options: { config: unknown; resolver: unknown }) => LinterInstance };
const StaticResolver = require('bpmnlint/lib/resolver/static-resolver') as new (cache: Record<string, unknown>) => unknown;
const recommended = require('bpmnlint/config/recommended') as { rules: Record<string, string> };

/**
 * Every rule the config can name, loaded once. A static cache rather than bpmnlint's NodeResolver,
 * which resolves from the process's working directory: `qyzmet` runs from anywhere.
 */
const cache: Record<string, unknown> = { 'config:bpmnlint/recommended': recommended };
for (const rule of Object.keys(recommended.rules)) cache[`rule:bpmnlint/${rule}`] = require(`bpmnlint/rules/${rule}`);
cache['rule:bpmnlint-plugin-qyzmet/kazakh-name'] = kazakhNameRule;
cache['rule:bpmnlint/label-required'] = labelRequiredUnlessNamedElsewhere(cache['rule:bpmnlint/label-required'] as never);

/**
 * Lints a parsed diagram: `errors` refuse a deployment, `warnings` are shown. A rule that fails on
 * a diagram (bpmnlint's `rule-error`) is reported as a warning, as the rule cannot judge it.
 *
 * Rules run one per event-loop turn rather than all in one call as `Linter#lint` does: each walks
 * the whole tree, and on a diagram of 2,000 elements all of them together held the loop for
 * more than 100 ms of a deploy.
 *
 * BPMN makes `<incoming>`/`<outgoing>` optional and bpmnlint's rules read them, so they are filled
 * from each flow's sourceRef/targetRef first — what bpmn-js does on import, so the server and the
 * modeler lint the same diagram. This changes the moddle tree: call it after compiling.
 */
export async function lintDiagram(definitions: ModdleElement, xml: string): Promise<{ errors: LintFinding[]; warnings: LintFinding[] }> {
  connectFlows(definitions);
  // A linter per diagram: bpmnlint's rules keep state (seen flows) for the life of the linter.
  const linter = new Linter({ config: lintConfig, resolver: new StaticResolver(cache) });
  const errors: LintFinding[] = [];
  const warnings: LintFinding[] = [];
  for (const ruleDefinition of await linter.resolveRules(lintConfig)) {
    await new Promise(setImmediate);
    const rule = ruleDefinition.name;
    for (const report of linter.applyRule(definitions, ruleDefinition)) {
      const finding: LintFinding = { rule, message: `${report.message} (bpmnlint ${rule})`, ...(report.id ? { elementId: report.id, line: lineOf(xml, report.id) } : {}) };
      (report.category === 'error' ? errors : warnings).push(finding);
    }
  }
  return { errors, warnings };
}
