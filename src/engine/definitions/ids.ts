import type { ModdleElement } from './parse.js';

/*
 * BPMN 2.0.2's schema types every id as xsd:ID, an NCName (Namespaces in XML 1.0 §3): an XML
 * Name (XML 1.0 §2.3, productions [4] and [4a]) without a colon. Its letters are Unicode letters,
 * so `Өтініш_қабылдау` and `проверка-1` are ids; `1st`, `a b` and `a:b` are not.
 */
const nameStart =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F' +
  '\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const nameChar = `${nameStart}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const ncName = new RegExp(`^[${nameStart}][${nameChar}]*$`, 'u');

/** Whether `id` may be the id of a BPMN element (an xsd:ID, i.e. an NCName). */
export function isXmlId(id: string): boolean {
  return ncName.test(id);
}

/** Why `id` is not an xsd:ID, in words an analyst can act on. */
export function xmlIdProblem(id: string): string {
  return `id "${id}" is not an XML name (xsd:ID): it starts with a letter or "_" and continues with letters, digits, "_", "-" or "."; no spaces or colons`;
}

/** What moddle-xml's parse context needs of us: the ids seen so far, and the element to register. */
interface ParseContext {
  elementsById: Record<string, ModdleElement>;
  addElement(element: ModdleElement): void;
}

/**
 * Reader options for bpmn-moddle's `fromXML` that check ids against the schema's own type.
 * moddle-xml accepts ASCII names only (its `illegal ID` check, bpmn-io/moddle-xml#55) and also
 * prefixed names such as `a:b`; this keeps its duplicate check and swaps the name rule for NCName.
 * It rests on two details of moddle-xml: the reader's options are assigned onto the reader (so
 * `handler` here replaces the root handler factory) and the root handler is handed the parse
 * context before parsing starts; a test deploys Kazakh ids so that a change shows at once.
 */
export const xmlIdReaderOptions = {
  handler(this: object, typeName: string): object {
    const root = (Object.getPrototypeOf(this) as { handler(this: object, name: string): object }).handler.call(this, typeName);
    let context: ParseContext | undefined;
    Object.defineProperty(root, 'context', {
      configurable: true,
      enumerable: true,
      get: () => context,
      set(value: ParseContext) {
        context = value;
        value.addElement = function addElement(this: ParseContext, element: ModdleElement) {
          const idProperty = element.$descriptor?.idProperty as { name: string } | undefined;
          const id = idProperty ? (element.get(idProperty.name) as unknown) : undefined;
          if (typeof id !== 'string' || id === '') return;
          if (!isXmlId(id)) throw new Error(`illegal ID <${id}>`);
          if (this.elementsById[id]) throw new Error(`duplicate ID <${id}>`);
          this.elementsById[id] = element;
        };
      },
    });
    return root;
  },
};
