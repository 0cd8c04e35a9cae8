/**
 * bpmnlint rule `qyzmet/kazakh-name`: an element named in Russian or English but not in Kazakh. The
 * Kazakh `name` is the step's name in the state language, printed on documents and in the law; an
 * element an analyst named only in Russian (say, drawn in the Russian modeler) would otherwise go
 * unnoticed. The modeler (src/web/modeler/lint.ts) and deploy
 * (src/engine/definitions/lint.ts) both lint with this one rule; a test keeps their configs in step.
 */
interface Node {
  id?: string;
  name?: string;
  $instanceOf?(type: string): boolean;
  extensionElements?: { values?: { $type?: string; values?: { name?: string; value?: string }[] }[] };
}

const namedTypes = ['bpmn:FlowNode', 'bpmn:SequenceFlow', 'bpmn:Lane', 'bpmn:Participant', 'bpmn:Process'];

type Reporter = { report(id: string, message: string): void };

function nameProperty(node: Node, language: string): string | undefined {
  return (node.extensionElements?.values ?? [])
    .filter((v) => v.$type === 'camunda:Properties')
    .flatMap((v) => v.values ?? [])
    .find((p) => p.name === `name:${language}`)
    ?.value?.trim();
}

export function kazakhNameRule() {
  return {
    check(node: Node, reporter: Reporter) {
      if (!node.id || !namedTypes.some((t) => node.$instanceOf?.(t))) return;
      const kk = nameProperty(node, 'kk') || node.name?.trim();
      const other = nameProperty(node, 'ru') || nameProperty(node, 'en');
      if (!kk && other) reporter.report(node.id, `Element has no Kazakh name (name), only "${other}"`);
    },
  };
}

/**
 * bpmnlint's `label-required`, silent about an element named in Russian or English only: it is
 * named, and `kazakh-name` tells what is missing (one warning, not two that contradict each other).
 */
export function labelRequiredUnlessNamedElsewhere(labelRequired: () => { check(node: Node, reporter: Reporter): void }) {
  return () => {
    const rule = labelRequired();
    return { ...rule, check: (node: Node, reporter: Reporter) => (nameProperty(node, 'ru') || nameProperty(node, 'en') ? undefined : rule.check(node, reporter)) };
  };
}
