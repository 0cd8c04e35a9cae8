import { useEffect, useRef, useState } from 'react';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { fitTexts, type TextRenderer } from '../diagram/fitText';

/** What the diagram shows of one case, by BPMN element id. */
export interface DiagramMarks {
  /** Where it waits now, with how many tokens wait there. */
  active: Map<string, number>;
  /** Elements it has left (history `activity.left`). */
  completed: Set<string>;
  /** Sequence flows it took (recorded by its steps; a flow is not inferred from its ends). */
  taken: Set<string>;
  /** Elements with an open incident. */
  incidents: Set<string>;
  /** Waiting user tasks' due dates, already written out, and whether they are past. */
  due: Map<string, { text: string; overdue: boolean }>;
}

/** The marker classes the diagram's shapes get (monitor.css draws them; tests look for them). */
export const markerClass = { active: 'monitor-active', completed: 'monitor-completed', taken: 'monitor-taken', incident: 'monitor-incident' } as const;

interface Props {
  xml: string;
  marks: DiagramMarks;
  /** The accessible name of the diagram's region. */
  label: string;
  /** The text of a token-count badge, e.g. "2 waiting". */
  tokensTitle(count: number): string;
  /** Shown instead of the diagram when the XML cannot be drawn. */
  failedText: string;
  /** The labels of the two view buttons, and how to move the drawing. */
  wholeText: string;
  focusText: string;
  hintText: string;
}

type Box = { x: number; y: number; width: number; height: number };
interface Canvas {
  zoom(v: string | number): number;
  viewbox(box?: Box): Box & { scale: number };
  addMarker(id: string, cls: string): void;
}

/** The scale a focused view draws at: task names readable. */
const readableScale = 0.9;

interface Element {
  id: string;
  type: string;
  businessObject: object;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a token badge goes: above an element's top-right corner, but below a boundary event on
 * its task's lower half (the usual place of a term's reminder timer), whose top-right corner lies
 * inside the task, over the task's name.
 */
function badgePosition(element: Element & { host?: Element }): Record<string, number> {
  const host = element.type === 'bpmn:BoundaryEvent' ? element.host : undefined;
  if (host && element.y + element.height / 2 >= host.y + host.height / 2) return { bottom: -12, right: -12 };
  return { top: -12, right: -12 };
}

/**
 * The case's own definition version drawn by bpmn-js's NavigatedViewer (pan with the mouse, zoom
 * with the wheel), with markers on active, completed and failing elements, token counts and due
 * dates as overlays, and the sequence flows it took, as the server recorded them: of two flows
 * between the same gateway and join, only the one the case went along is drawn taken.
 */
export function DiagramView({ xml, marks, label, tokensTitle, failedText, wholeText, focusText, hintText }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  // The two views, set once the diagram is drawn: all of it, or readable around where the case waits.
  const views = useRef<{ whole(): void; focus?: () => void }>({ whole() {} });
  const [canFocus, setCanFocus] = useState(false);
  // The badge text follows the language without drawing the diagram again for each render.
  const title = useRef(tokensTitle);
  title.current = tokensTitle;

  useEffect(() => {
    if (!host.current) return;
    const viewer = new NavigatedViewer({ container: host.current });
    let live = true;
    setFailed(false);
    viewer
      .importXML(xml)
      .then(() => {
        if (!live) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<{ get(id: string): Element | undefined; filter(fn: (e: Element) => boolean): Element[] }>('elementRegistry');
        const overlays = viewer.get<{ add(id: string, type: string, o: { position: Record<string, number>; html: HTMLElement }): void }>('overlays');
        const mark = (id: string, cls: string) => registry.get(id) && canvas.addMarker(id, cls);
        fitTexts(registry.filter(() => true), viewer.get<{ getGraphics(e: Element): SVGGElement | undefined }>('elementRegistry'), viewer.get<TextRenderer>('textRenderer'));
        for (const id of marks.completed) mark(id, markerClass.completed);
        for (const id of marks.taken) mark(id, markerClass.taken);
        for (const [id, count] of marks.active) {
          if (!registry.get(id)) continue;
          canvas.addMarker(id, markerClass.active);
          const badge = document.createElement('span');
          badge.className = 'monitor-tokens';
          badge.textContent = String(count);
          badge.title = title.current(count);
          badge.setAttribute('aria-label', title.current(count));
          overlays.add(id, 'tokens', { position: badgePosition(registry.get(id)!), html: badge });
        }
        for (const id of marks.incidents) mark(id, markerClass.incident);
        for (const [id, due] of marks.due) {
          if (!registry.get(id)) continue;
          const note = document.createElement('span');
          note.className = due.overdue ? 'monitor-due monitor-due-late' : 'monitor-due';
          note.textContent = due.text;
          overlays.add(id, 'due', { position: { top: -32, left: -15 }, html: note });
        }
        const focusOn = [...marks.incidents, ...marks.active.keys()].map((id) => registry.get(id)).find((e) => e && e.type !== 'bpmn:BoundaryEvent');
        views.current = {
          whole: () => canvas.zoom('fit-viewport'),
          focus: focusOn
            ? () => {
                const { width, height } = host.current!.getBoundingClientRect();
                const w = width / readableScale;
                const h = height / readableScale;
                canvas.viewbox({ x: focusOn.x + focusOn.width / 2 - w / 2, y: focusOn.y + focusOn.height / 2 - h / 2, width: w, height: h });
              }
            : undefined,
        };
        setCanFocus(!!focusOn);
        // A big regulation fitted whole is too small to read: show where the case waits instead.
        const fitted = canvas.zoom('fit-viewport');
        if (fitted < 0.6 && views.current.focus) views.current.focus();
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      viewer.destroy();
    };
  }, [xml, marks]);

  return (
    <>
      <div className="monitor-actions monitor-diagram-views">
        <button type="button" onClick={() => views.current.whole()}>
          {wholeText}
        </button>
        {canFocus && (
          <button type="button" onClick={() => views.current.focus?.()}>
            {focusText}
          </button>
        )}
        <span className="monitor-muted monitor-hint">{hintText}</span>
      </div>
      <div ref={host} className="monitor-diagram" role="region" aria-label={label} />
      {failed && <p className="error">{failedText}</p>}
    </>
  );
}
