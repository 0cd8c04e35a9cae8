// Libraries of the modeler that ship no types of their own.
declare module 'bpmnlint/lib/resolver/static-resolver' {
  const StaticResolver: new (cache: Record<string, unknown>) => unknown;
  export default StaticResolver;
}
declare module 'bpmnlint/config/recommended' {
  const config: { rules: Record<string, string> };
  export default config;
}
declare module 'bpmn-js-bpmnlint' {
  const module: unknown;
  export default module;
}
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: unknown;
  export const BpmnPropertiesProviderModule: unknown;
  export const CamundaPlatformPropertiesProviderModule: unknown;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-platform' {
  const module: unknown;
  export default module;
}
declare module 'bpmn-js-differ' {
  export function diff(
    a: unknown,
    b: unknown
  ): { _added: Record<string, unknown>; _removed: Record<string, unknown>; _changed: Record<string, { attrs: Record<string, unknown> }>; _layoutChanged: Record<string, unknown> };
}
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<{ rootElement: unknown }>;
  }
}
declare module 'bpmn-js-properties-panel' {
  export function useService(name: string): any;
}
declare module 'diagram-js/lib/draw/BaseRenderer' {
  const BaseRenderer: unknown;
  export default BaseRenderer;
}
declare module '@bpmn-io/properties-panel' {
  export const TextFieldEntry: any;
  export function isTextFieldEntryEdited(node: unknown): boolean;
}
