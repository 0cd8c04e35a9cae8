interface ModdleElement {
  $type: string;
  get(name: string): unknown;
  [key: string]: unknown;
}

/**
 * Lists each sequence flow in its source's `outgoing` and its target's `incoming`. BPMN makes
 * those elements optional and Qyzmet's diagrams leave them out, but bpmnlint's rules read them
 * (without them every element looks disconnected). The modeler (src/web/modeler/) and deploy
 * (src/engine/definitions/lint.ts) both call this before they lint, so both judge the same diagram.
 */
export function connectFlows(root: unknown): void {
  const seen = new Set<unknown>();
  const visit = (element: ModdleElement): void => {
    if (seen.has(element)) return;
    seen.add(element);
    if (element.$type === 'bpmn:SequenceFlow') {
      for (const [end, side] of [['sourceRef', 'outgoing'], ['targetRef', 'incoming']] as const) {
        const node = element[end] as ModdleElement | undefined;
        if (!node || typeof node.get !== 'function') continue;
        const flows = node.get(side) as unknown[];
        if (!flows.includes(element)) flows.push(element);
      }
    }
    const children = [...((element.rootElements as ModdleElement[]) ?? []), ...((element.flowElements as ModdleElement[]) ?? [])];
    for (const child of children) visit(child);
  };
  visit(root as ModdleElement);
}
