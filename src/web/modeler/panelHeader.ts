import { currentLanguage } from '../i18n';
import { isNamed, shownName, type NamedObject } from './elementNames';

/**
 * The properties panel's header in the analyst's language. bpmn-js-properties-panel draws the
 * selected element's `name` there — the Kazakh one — and lets no module supply the label; so,
 * as the canvas draws each name in the app's language (languageLabels.ts), this rewrites the
 * header's label whenever the panel draws it, with the name the canvas shows. The model is not
 * touched.
 */

interface Shape {
  type: string;
  businessObject: NamedObject;
  labelTarget?: Shape;
}

class PanelHeaderNames {
  static $inject = ['eventBus', 'selection', 'canvas', 'config.propertiesPanel'];
  constructor(
    eventBus: { on(event: string, priority: number | (() => void), callback?: () => void): void },
    private readonly selection: { get(): Shape[] },
    private readonly canvas: { getRootElement(): Shape },
    config: { parent?: HTMLElement } | undefined
  ) {
    const parent = config?.parent;
    if (!parent || typeof MutationObserver === 'undefined') return;
    const observer = new MutationObserver(() => this.rename(parent));
    observer.observe(parent, { childList: true, subtree: true, characterData: true });
    // The panel writes the header only when the Kazakh name changes: a language switch, or a new
    // Russian or English name, leaves it as it was, so those rename it too (after the panel has drawn).
    // (A diagram-js listener that returns a value stops the event there: this one returns nothing.)
    const later = () => {
      setTimeout(() => this.rename(parent), 0);
    };
    // Below every other listener (priority 1000), after the panel and the linter have had the event.
    eventBus.on('i18n.changed', 100, later);
    eventBus.on('elements.changed', 100, later);
    eventBus.on('diagram.destroy', () => {
      observer.disconnect();
    });
  }

  /** The element the panel shows: the one selected (a label's owner), or the diagram's root when none is. */
  private shown(): Shape | undefined {
    const selected = this.selection.get();
    if (selected.length > 1) return undefined;
    const element = selected[0] ?? this.canvas.getRootElement();
    return element?.labelTarget ?? element;
  }

  private rename(parent: HTMLElement) {
    const label = parent.querySelector('.bio-properties-panel-header-label');
    const bo = this.shown()?.businessObject;
    if (!label || !isNamed(bo)) return;
    const name = shownName(bo, currentLanguage());
    // The panel's own text node is kept (Preact writes the next name into that same node).
    const text = label.firstChild;
    if (name && text?.nodeType === Node.TEXT_NODE && text.nodeValue !== name) text.nodeValue = name;
  }
}

export const panelHeaderModule = {
  __init__: ['qyzmetPanelHeaderNames'],
  qyzmetPanelHeaderNames: ['type', PanelHeaderNames],
};
