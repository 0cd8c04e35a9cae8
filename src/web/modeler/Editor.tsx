import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import lintModule from 'bpmn-js-bpmnlint';
import { packedLintConfig } from './lint';
import { translateModule } from './translate';
import { diagramChanges, type Change } from './diff';
import { connectFlows } from '../../lint/connectFlows';
import { languageLabelsModule, redrawAll } from './languageLabels';
import { namesGroupModule } from './namesGroup';
import { panelHeaderModule } from './panelHeader';
import { moddleNames } from '../names';
import { currentLanguage } from '../i18n';

/** A lint finding of bpmn-js-bpmnlint for one element. */
export interface LintIssue {
  id: string;
  rule: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

export interface EditorApi {
  xml(): Promise<string>;
  select(id: string): void;
  /** The element's name on the canvas, else its id. */
  name(id: string): string;
}

interface Props {
  /** The XML opened, and compared against: the deployed version being edited. */
  deployedXml: string;
  onChanges(changes: Change[]): void;
  onLint(issues: LintIssue[]): void;
  onReady(api: EditorApi): void;
}

const markers: Record<Change['kind'], string> = { added: 'diff-added', changed: 'diff-changed', layout: 'diff-layout', removed: 'diff-removed' };
/** The badge of each kind of change, on the canvas and in the list. */
export const signs: Record<Change['kind'], string> = { added: '+', changed: '✎', layout: '⇄', removed: '−' };

/**
 * The bpmn-js Modeler with Camunda's properties panel (camunda:* attributes: candidate groups, form
 * key, external topic, due dates and timers) and a "Names" group for the Kazakh, Russian and
 * English names, the canvas in the app's language (languageLabels.ts), bpmnlint as one edits, and
 * the diff against the deployed version drawn as markers and overlays after each change.
 */
export function Editor({ deployedXml, onChanges, onLint, onReady }: Props) {
  const { t, i18n } = useTranslation();
  const modelerRef = useRef<BpmnModeler | null>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const callbacks = useRef({ onChanges, onLint, onReady });
  callbacks.current = { onChanges, onLint, onReady };

  useEffect(() => {
    const modeler = new BpmnModeler({
      container: canvasRef.current!,
      propertiesPanel: { parent: panelRef.current! },
      linting: { bpmnlint: packedLintConfig, active: true },
      additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule, CamundaBehaviorsModule, lintModule, translateModule, languageLabelsModule, namesGroupModule, panelHeaderModule],
      moddleExtensions: { camunda: camundaModdle },
    } as never);
    modelerRef.current = modeler;
    const get = <T,>(name: string) => modeler.get(name) as T;
    let drawn: Change[] = [];
    let closed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const redraw = (changes: Change[]) => {
      const canvas = get<{ addMarker(id: string, m: string): void; removeMarker(id: string, m: string): void }>('canvas');
      const overlays = get<{ remove(filter: { type: string }): void; add(id: string, type: string, o: object): void }>('overlays');
      const registry = get<{ get(id: string): unknown }>('elementRegistry');
      for (const c of drawn) if (registry.get(c.id)) canvas.removeMarker(c.id, markers[c.kind]);
      overlays.remove({ type: 'diff' });
      for (const c of changes) {
        if (!registry.get(c.id)) continue;
        canvas.addMarker(c.id, markers[c.kind]);
        const badge = document.createElement('span');
        badge.className = `diff-badge diff-badge-${c.kind}`;
        badge.textContent = signs[c.kind];
        badge.title = t(`modeler.diff.${c.kind}`);
        overlays.add(c.id, 'diff', { position: { top: -10, right: 10 }, html: badge });
      }
      drawn = changes;
    };

    const compare = async () => {
      const { xml } = await modeler.saveXML({ format: true });
      const changes = await diagramChanges(deployedXml, xml!);
      if (closed) return;
      redraw(changes);
      callbacks.current.onChanges(changes);
    };

    modeler.on('commandStack.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void compare().catch((e: unknown) => console.error(e)), 250);
    });
    modeler.on('linting.completed', (event: { issues: Record<string, Omit<LintIssue, 'id'>[]> }) => {
      const issues = Object.entries(event.issues).flatMap(([id, list]) => list.map((i) => ({ ...i, id })));
      callbacks.current.onLint(issues);
    });

    modeler
      .importXML(deployedXml)
      .then(() => {
        if (closed) return;
        connectFlows(modeler.getDefinitions());
        get<{ update(): void }>('linting').update();
        get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
        callbacks.current.onReady({
          async xml() {
            const { xml } = await modeler.saveXML({ format: true });
            return xml!;
          },
          name(id) {
            const element = get<{ get(id: string): { businessObject?: Parameters<typeof moddleNames>[0] } | undefined }>('elementRegistry').get(id);
            return moddleNames(element?.businessObject)?.[currentLanguage()] || id;
          },
          select(id) {
            const element = get<{ get(id: string): unknown }>('elementRegistry').get(id);
            if (!element) return;
            get<{ select(e: unknown): void }>('selection').select(element);
            const canvas = get<{ zoom(level?: number): number; scrollToElement(e: unknown): void }>('canvas');
            // A whole regulation fits the view only when drawn too small to read: show the element at full size.
            if (canvas.zoom() < 0.8) canvas.zoom(1);
            canvas.scrollToElement(element);
          },
        });
        callbacks.current.onChanges([]);
      })
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));

    return () => {
      closed = true;
      clearTimeout(timer);
      modelerRef.current = null;
      modeler.destroy();
    };
    // One modeler per opened version; the texts of overlays follow the language at the next change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deployedXml]);

  // The properties panel and the lint button draw their texts when they render: after a language
  // switch, the panel is drawn again for the same selection and the linter reports again. The
  // palette redraws its tooltips on diagram-js's own `i18n.changed`; the context pad and the
  // replace menu ask translate() each time they open.
  useEffect(() => {
    const modeler = modelerRef.current;
    if (!modeler) return;
    (modeler.get('eventBus') as { fire(event: string): void }).fire('i18n.changed');
    // The canvas draws each name in the new language.
    redrawAll(modeler);
    const selection = modeler.get('selection') as { get(): unknown[]; select(e: unknown): void };
    const selected = selection.get();
    selection.select(null);
    (modeler.get('linting') as { update(): void }).update();
    // After the panel has drawn the empty selection; selecting again at once would change nothing it renders.
    const again = setTimeout(() => selection.select(selected), 50);
    return () => clearTimeout(again);
  }, [i18n.resolvedLanguage]);

  return (
    <div className="modeler-editor">
      {failed && (
        <p role="alert" className="error">
          {t('modeler.importFailed', { message: failed })}
        </p>
      )}
      <div className="modeler-canvas" ref={canvasRef} role="application" aria-label={t('modeler.canvas')} />
      <aside className="modeler-properties" ref={panelRef} aria-label={t('modeler.properties')} />
    </div>
  );
}
