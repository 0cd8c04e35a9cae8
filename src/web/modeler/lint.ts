import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import recommended from 'bpmnlint/config/recommended';
import config from './bpmnlintrc.json';
import { kazakhNameRule, labelRequiredUnlessNamedElsewhere } from '../../lint/kazakhNameRule';

/**
 * bpmnlint's rules packed for the browser, as bpmn-js-bpmnlint's `linting.bpmnlint` option wants
 * them (`{ config, resolver }`). bpmnlint finds rules by requiring them from node_modules, which a
 * browser cannot; bpmnlint-loader and rollup-plugin-bpmnlint pack them at build time. Vite's
 * `import.meta.glob` does the same with no extra package: every rule of bpmnlint is bundled, and a
 * StaticResolver (bpmnlint's own) hands them out by name. The config is the server's
 * (src/engine/definitions/lint.ts; a test keeps the two in step), except that `conditional-flows`
 * is an error here: analysts name every way out of a gateway, while the server still accepts the
 * unconditioned flows that diagrams from other tools rely on.
 */
const ruleModules = import.meta.glob<{ default: unknown }>('../../../node_modules/bpmnlint/rules/*.js', { eager: true });

const cache: Record<string, unknown> = { 'config:bpmnlint/recommended': recommended };
for (const [file, module] of Object.entries(ruleModules)) {
  const name = /([^/]+)\.js$/.exec(file)![1];
  cache[`rule:bpmnlint/${name}`] = module.default ?? module;
}

cache['rule:bpmnlint-plugin-qyzmet/kazakh-name'] = kazakhNameRule;
cache['rule:bpmnlint/label-required'] = labelRequiredUnlessNamedElsewhere(cache['rule:bpmnlint/label-required'] as never);

export const packedLintConfig = { config, resolver: new StaticResolver(cache) };
