// dmn-moddle 12 and @bpmn-io/dmn-migrate 0.7 ship no typings; this declares what src/decisions uses.
declare module 'dmn-moddle' {
  export interface DmnParseResult {
    rootElement: Record<string, any> & { $type: string };
    warnings: { message: string }[];
  }
  export class DmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: object): Promise<DmnParseResult>;
  }
}

declare module '@bpmn-io/dmn-migrate' {
  /** DMN 1.1 or 1.2 XML as DMN 1.3 XML; any other XML is returned unchanged. */
  export function migrateDiagram(xml: string): Promise<string>;
}
