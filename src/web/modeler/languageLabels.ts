import BaseRenderer from 'diagram-js/lib/draw/BaseRenderer';
import { getExternalLabelMid, hasExternalLabel, isLabelExternal } from 'bpmn-js/lib/util/LabelUtil';
import { fitText, type TextRenderer } from '../diagram/fitText';
import { currentLanguage } from '../i18n';
import { isNamed, setNameIn, shownName, type NamedObject } from './elementNames';

/**
 * The canvas in the analyst's language: each step, flow, lane and pool is drawn with its name in the
 * language the app is in (its Kazakh name where it has none there), and editing a label on the
 * canvas edits the name in that language — `name` in Kazakh, `name:ru` / `name:en` otherwise — so
 * an analyst working in Russian never types Russian into the Kazakh `name`. The model is not
 * changed to draw it: bpmn-js's renderer draws a stand-in of the element that carries the shown
 * name, so saving, the diff and lint see the diagram as it is.
 */

interface Shape {
  id: string;
  type: string;
  businessObject: NamedObject;
  labelTarget?: Shape;
  label?: Shape;
  di?: unknown;
}

interface Renderer {
  canRender(element: Shape): boolean;
  drawShape(gfx: SVGElement, element: Shape, attrs?: unknown): SVGElement;
  drawConnection(gfx: SVGElement, element: Shape, attrs?: unknown): SVGElement;
  getShapePath(element: Shape): string;
  getConnectionPath(element: Shape): string;
}

/** The element as drawn in `language`, or null when that is what bpmn-js draws anyway. */
function inLanguage(element: Shape): Shape | null {
  const bo = element.businessObject;
  if (!isNamed(bo) || element.type === 'bpmn:TextAnnotation') return null;
  const shown = shownName(bo, currentLanguage());
  if (shown === (bo.name ?? '')) return null;
  const standIn = Object.create(bo, { name: { value: shown, enumerable: true } });
  return Object.create(element, { businessObject: { value: standIn } });
}

class LanguageRenderer extends (BaseRenderer as unknown as new (eventBus: unknown, priority: number) => object) {
  static $inject = ['eventBus', 'bpmnRenderer', 'textRenderer'];
  constructor(
    eventBus: unknown,
    private readonly bpmn: Renderer,
    private readonly text: TextRenderer
  ) {
    // Above bpmn-js's own renderer (1000), which draws everything this one does not.
    super(eventBus, 1100);
  }
  canRender(element: Shape) {
    return this.bpmn.canRender(element) && inLanguage(element) !== null;
  }
  drawShape(gfx: SVGElement, element: Shape, attrs?: unknown) {
    const shown = inLanguage(element) ?? element;
    const visual = this.bpmn.drawShape(gfx, shown, attrs);
    // The bounds were drawn for the Kazakh name: the name shown here is fitted into them unbroken.
    fitText(shown as Shape & { width: number; height: number }, gfx.querySelector('text'), this.text);
    return visual;
  }
  drawConnection(gfx: SVGElement, element: Shape, attrs?: unknown) {
    return this.bpmn.drawConnection(gfx, inLanguage(element) ?? element, attrs);
  }
  getShapePath(element: Shape) {
    return this.bpmn.getShapePath(element);
  }
  getConnectionPath(element: Shape) {
    return this.bpmn.getConnectionPath(element);
  }
}

interface LabelEditing {
  activate(element: Shape): { text: string } | undefined;
  update(element: Shape, text: string, previous: string, bounds: unknown): void;
}

/** Canvas editing of a label reads and writes the name in the app's language. */
function languageLabelEditing(
  labelEditingProvider: LabelEditing,
  bpmnFactory: Parameters<typeof setNameIn>[0]['bpmnFactory'],
  commandStack: Parameters<typeof setNameIn>[0]['commandStack'],
  modeling: Parameters<typeof setNameIn>[0]['modeling'] & { createLabel(element: Shape, at: { x: number; y: number }, attrs: object): Shape },
  textRenderer: { getExternalLabelBounds(label: Shape, text: string): object }
) {
  const activate = labelEditingProvider.activate.bind(labelEditingProvider);
  const update = labelEditingProvider.update.bind(labelEditingProvider);
  labelEditingProvider.activate = (element) => {
    const context = activate(element);
    const owner = element.labelTarget ?? element;
    if (context && currentLanguage() !== 'kk' && isNamed(owner.businessObject)) context.text = shownName(owner.businessObject, currentLanguage());
    return context;
  };
  labelEditingProvider.update = (element, text, previous, bounds) => {
    const language = currentLanguage();
    const owner = element.labelTarget ?? element;
    if (language === 'kk' || !isNamed(owner.businessObject)) return update(element, text, previous, bounds);
    if (text.trim() === shownName(owner.businessObject, language)) return;
    setNameIn({ bpmnFactory, commandStack, modeling }, owner, language, text);
    // An event, gateway or flow named only now needs the label shape bpmn-js makes when `name` is set.
    if (text.trim() && isLabelExternal(owner.businessObject as never) && !hasExternalLabel(owner as never)) {
      const mid = getExternalLabelMid(owner as never);
      const label = modeling.createLabel(owner, { x: mid.x, y: mid.y + 7 }, { id: `${owner.businessObject.id}_label`, businessObject: owner.businessObject, di: owner.di });
      (modeling as unknown as { resizeShape(s: Shape, b: object): void }).resizeShape(label, textRenderer.getExternalLabelBounds(label, text.trim()));
    }
  };
}
languageLabelEditing.$inject = ['labelEditingProvider', 'bpmnFactory', 'commandStack', 'modeling', 'textRenderer'];

/** Redraws every element (after a language switch: the canvas shows the names of the new language). */
export function redrawAll(modeler: { get(name: string): unknown }) {
  const registry = modeler.get('elementRegistry') as { getAll(): Shape[] };
  const eventBus = modeler.get('eventBus') as { fire(event: string, data: object): void };
  eventBus.fire('elements.changed', { elements: registry.getAll().filter((e) => e.type !== 'bpmn:Process' && e.type !== 'bpmn:Collaboration') });
}

export const languageLabelsModule = {
  __init__: ['languageRenderer', 'languageLabelEditing'],
  languageRenderer: ['type', LanguageRenderer],
  languageLabelEditing: ['type', languageLabelEditing],
};
