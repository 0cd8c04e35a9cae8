/** What a name is fitted into: an element (a label, or a step that holds its name) with its bounds. */
export interface Fitted {
  type: string;
  businessObject: object;
  width: number;
  height: number;
}

/** The smallest a name is drawn to fit its place: 0.65 of bpmn-js's 11–12 px is 7–8 px, legible zoomed in. */
export const minTextScale = 0.65;

export interface TextRenderer {
  createText(text: string, options: { box: { width: number; height: number }; align: string; padding?: number; style: object }): SVGTextElement;
  getDefaultStyle(): object;
  getExternalStyle(): object;
}

/**
 * A name drawn in its place. The diagram interchange gives each label the bounds of its Kazakh
 * text; a Russian or English name is often longer, and wrapped to the same width it runs further
 * down, over the next label or step, or breaks a word in two. Such a name (and a step's name that
 * overflows its box) is laid out again in a box 1/s as large and drawn at scale s, the largest s
 * (down to `minTextScale`) at which it fits the bounds and breaks no word: the layout drawn for
 * Kazakh holds in every language. `drawn` is the element's drawn `<text>`, in the document (its box
 * is measured).
 */
export function fitText(element: Fitted, drawn: SVGTextElement | null | undefined, renderer: TextRenderer) {
  const label = element.type === 'label';
  if (!label && !/Task$|CallActivity$|SubProcess$/.test(element.type)) return;
  const name = (element.businessObject as { name?: string }).name?.trim();
  if (!name || !drawn) return;
  const words = name.split(/\s+/).join(' ');
  const room = label ? { width: element.width + 4, height: element.height } : { width: element.width - 4, height: element.height - 4 };
  const fits = (text: SVGTextElement, scale: number) => {
    const box = text.getBBox();
    const lines = Array.from(text.querySelectorAll('tspan')).map((t) => t.textContent?.trim() ?? '');
    return box.width * scale <= room.width && box.height * scale <= room.height && lines.join(' ') === words;
  };
  if (fits(drawn, 1)) return;
  for (let scale = 0.95; scale >= minTextScale - 0.001; scale -= 0.05) {
    const box = { width: element.width / scale, height: element.height / scale };
    const text = label
      ? renderer.createText(name, { box, align: 'center-top', style: renderer.getExternalStyle() })
      : renderer.createText(name, { box, align: 'center-middle', padding: 7, style: renderer.getDefaultStyle() });
    drawn.parentNode!.appendChild(text);
    const ok = fits(text, scale) || scale - 0.05 < minTextScale - 0.001;
    text.remove();
    if (!ok) continue;
    drawn.replaceChildren(...Array.from(text.childNodes));
    drawn.setAttribute('transform', `scale(${scale.toFixed(2)})`);
    break;
  }
}

/** {@link fitText} for every element drawn, each with its drawn name found in `registry`. */
export function fitTexts<E extends Fitted>(elements: E[], registry: { getGraphics(e: E): SVGGElement | undefined }, renderer: TextRenderer) {
  for (const element of elements) fitText(element, registry.getGraphics(element)?.querySelector<SVGTextElement>('.djs-visual text'), renderer);
}
