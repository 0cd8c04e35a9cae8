// bpmn-moddle 10 ships no typings; this declares what Qyzmet and its scripts use.
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    /** `options` go to moddle-xml's reader (assigned onto it). */
    fromXML(xml: string, typeName?: string, options?: object): Promise<unknown>;
    toXML(element: unknown, options?: { format?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): Record<string, any> & { $type: string; id: string };
  }
}
