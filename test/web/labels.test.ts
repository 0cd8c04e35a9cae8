import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { application } from '../support/cases.js';
import { screenshot, startWebApp, type WebApp } from './app.js';

const processes = path.resolve(import.meta.dirname, '..', '..', 'processes');

/** A case of each regulation in processes/, started the way its scenario tests start one. */
const starts: Record<string, Record<string, unknown>> = {
  'housing-assistance': { ...application, iin: '840512310075', channel: 'portal', certificateSerial: 'EDS-840512310075' },
  'housing-assistance-almaty': { ...application, iin: '840512310075', channel: 'portal', authenticated: true, certificateSerial: 'EDS-840512310075' },
  'housing-center-registration': { iin: '840512310075', certificateSerial: 'EDS-840512310075', housingStock: 'general', emergencyHousing: false, housingCheckConsent: true, personalDataConsent: true, consentedMembers: [], publicationConsent: true, noCategoryConsent: true },
  complaint: { complainantLastName: 'Ахметов', complainantFirstName: 'Ерлан', complainantMiddleName: 'Серікұлы', postalAddress: 'г. Алматы, ул. Толе би, д. 59, кв. 12, 050000', iin: '840512310075', caseNumber: 'HA-2026-000001', subject: 'refusal', complaintAddressee: 'provider', complaintText: 'Не согласен с отказом.', answerBy: 'mail', filedThrough: 'mail' },
  hearing: {
    iin: '840512310075',
    applicant: { lastName: 'Ахметов', firstName: 'Ерлан', middleName: 'Серікұлы' },
    act: 'stateHousingQueue',
    noticeLeadTime: { amount: 3, unit: 'workingDays', start: 'beforeTermEnd' },
    objectionWindow: { amount: 2, unit: 'workingDays', start: 'afterNotice' },
    hearingLimit: { amount: 2, unit: 'workingDays', start: 'afterNotice' },
    preliminaryGrounds: [{ kk: 'Стандарттың 9-тармағының 2) тармақшасы: көрсетілетін қызметті алушының Қағидаларға сәйкес келмеуі', ru: 'подпункт 2) пункта 9 Стандарта: несоответствие услугополучателя Правилам' }],
    preliminaryReasoning: 'По сведениям регистра недвижимости за заявителем с 2022 года зарегистрирована квартира в г. Алматы.',
  },
  'housing-queue-registration': { iin: '840512310075', certificateSerial: 'EDS-840512310075', rooms: 2, queueList: 'sociallyVulnerable', category: 'socially vulnerable', familyMembers: [], acceptsNonMatchingHousing: false, housingConditions: [], attachedDocuments: [], mobilePhone: '+7 701 555 0101', housingCheckConsent: true, secretDataConsent: true },
  'waiting-list-update': { iin: '840512310075', reason: 'A child was born', supportingDocument: 'Birth certificate No. 0123456 of 01.12.2026', grounds: 'smsRequest', groundsOn: '2026-12-10', housingCheckConsent: true, secretDataConsent: true, personalDataConsent: true },
  privatization: { iin: '600308412595', channel: 'portal', certificateSerial: 'EDS-600308412595', provider: 'default', address: 'Алматы қ., Фурманов көшесі 200, 44-пәтер', tenancyAgreementNumber: 'KZh-2004/55', tenancyAgreementDate: '2004-05-20', privatizationMethod: 'redemption', residualValue: 12_500_000 },
  // The two processes only another case calls, started alone to be drawn.
  'commission-vote': {
    provider: 'default',
    subject: { kk: 'Алматы қ., Әуезов ауданы, 8-шағын аудан, 12-үй, 45-пәтерді жекешелендіру', ru: 'Приватизация квартиры по адресу г. Алматы, Ауэзовский район, мкр. 8, д. 12, кв. 45' },
    applicantName: 'Қасымова Әлия Нұрланқызы',
    iin: '750930410421',
    address: 'Алматы қ., Әуезов ауданы, 8-шағын аудан, 12-үй, 45-пәтер',
  },
  'family-consent': { applicant: { iin: '551216412942', lastName: 'Ахметов', firstName: 'Ерлан' }, family: [], housing: [] },
};


type Box = { x: number; y: number; width: number; height: number };

/**
 * What a reader cannot read on the drawn diagram: a label's text over another label's or over a
 * step, event or gateway, a label across the border of an expanded sub-process (the labels of its
 * own elements sit inside it), and a step's name running out of its box.
 */
async function clashes(page: Page, nodes: string[], containers: string[]): Promise<string[]> {
  // tsx names the functions below with a helper the page does not have.
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(([nodeIds, containerIds]) => {
    const box = (e: Element | null | undefined): Box | null => {
      const r = e?.getBoundingClientRect();
      return r && r.width > 0 && r.height > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    };
    // Texts may touch: a pixel of each side is kept out of the comparison.
    const meet = (a: Box, b: Box) => a.x + 1 < b.x + b.width - 1 && b.x + 1 < a.x + a.width - 1 && a.y + 1 < b.y + b.height - 1 && b.y + 1 < a.y + a.height - 1;
    const element = (id: string) => document.querySelector(`.monitor-diagram .djs-element[data-element-id="${CSS.escape(id)}"]`);
    const labels: { id: string; text: Box }[] = [];
    for (const el of Array.from(document.querySelectorAll('.monitor-diagram .djs-element'))) {
      const id = el.getAttribute('data-element-id') ?? '';
      if (!id.endsWith('_label')) continue;
      const text = box(el.querySelector('.djs-visual text'));
      if (text && (el.querySelector('.djs-visual text')?.textContent ?? '').trim()) labels.push({ id: id.slice(0, -'_label'.length), text });
    }
    // A gateway's diamond and an event's circle leave their boxes' corners empty: a label there is
    // beside the symbol, not on it. What counts is the square inside the symbol.
    const inner = (b: Box, part: number) => ({ x: b.x + (b.width * (1 - part)) / 2, y: b.y + (b.height * (1 - part)) / 2, width: b.width * part, height: b.height * part });
    const shapes = nodeIds.flatMap((id) => {
      const first = element(id)?.querySelector('.djs-visual > :first-child');
      const visual = box(first);
      if (!visual) return [];
      const symbol = first!.tagName === 'polygon' ? inner(visual, 0.5) : first!.tagName === 'circle' ? inner(visual, 0.7) : visual;
      return [{ id, visual, symbol, text: box(element(id)?.querySelector('.djs-visual text')) }];
    });
    const within = (a: Box, b: Box) => a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
    const found: string[] = [];
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) if (meet(labels[i]!.text, labels[j]!.text)) found.push(`label ${labels[i]!.id} × label ${labels[j]!.id}`);
      for (const s of shapes) {
        if (s.id === labels[i]!.id || !meet(labels[i]!.text, s.symbol)) continue;
        if (!containerIds.includes(s.id) || !within(labels[i]!.text, s.symbol)) found.push(`label ${labels[i]!.id} × ${s.id}`);
      }
    }
    for (const s of shapes) {
      const t = s.text;
      if (t && (t.x < s.visual.x - 1 || t.y < s.visual.y - 1 || t.x + t.width > s.visual.x + s.visual.width + 1 || t.y + t.height > s.visual.y + s.visual.height + 1)) found.push(`${s.id}: its name runs out of its box`);
    }
    return found;
  }, [nodes, containers] as const);
}

/**
 * Sequence flows drawn through a label's text (the flow's own label aside): the reader cannot tell
 * the words from the line, nor which way the line goes. Each flow's drawn line is followed every
 * 2 px; the text's box, a pixel in from each side, must not hold a point of it.
 */
async function flowsThroughLabels(page: Page): Promise<string[]> {
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(() => {
    const labels: { id: string; box: DOMRect }[] = [];
    for (const el of Array.from(document.querySelectorAll('.monitor-diagram .djs-element'))) {
      const id = el.getAttribute('data-element-id') ?? '';
      const text = el.querySelector('.djs-visual text');
      if (!id.endsWith('_label') || !(text?.textContent ?? '').trim()) continue;
      const box = text!.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) labels.push({ id: id.slice(0, -'_label'.length), box });
    }
    const found = new Set<string>();
    for (const el of Array.from(document.querySelectorAll('.monitor-diagram .djs-element.djs-connection'))) {
      const id = el.getAttribute('data-element-id') ?? '';
      const line = el.querySelector('.djs-visual > path') as SVGPathElement | null;
      const matrix = line?.getScreenCTM();
      if (!line || !matrix) continue;
      const length = line.getTotalLength();
      // Screen pixels per unit of the diagram: the step is 2 px on screen whatever the zoom.
      const step = 2 / Math.max(Math.hypot(matrix.a, matrix.b), 0.01);
      for (let at = 0; at <= length; at += step) {
        const point = line.getPointAtLength(at);
        const p = new DOMPoint(point.x, point.y).matrixTransform(matrix);
        for (const label of labels) {
          const b = label.box;
          if (label.id !== id && p.x > b.x + 1 && p.x < b.right - 1 && p.y > b.y + 1 && p.y < b.bottom - 1) found.add(`flow ${id} × label ${label.id}`);
        }
      }
    }
    return [...found];
  });
}

/**
 * Names drawn with a word cut in two: bpmn-js breaks a word that does not fit its label's or box's
 * width ("y" over "es" for a flow's "yes"), which no reader takes for the word. `names` gives each
 * element's name in the language drawn; each drawn line must hold whole words of it.
 */
async function brokenWords(page: Page, names: Record<string, string>): Promise<string[]> {
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate((names) => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('.monitor-diagram .djs-element'))) {
      const id = (el.getAttribute('data-element-id') ?? '').replace(/_label$/, '');
      const name = names[id];
      if (!name) continue;
      const words = new Set(name.split(/\s+/));
      const lines = Array.from(el.querySelectorAll('.djs-visual text tspan')).map((t) => (t.textContent ?? '').trim()).filter(Boolean);
      if (lines.length > 1 && lines.some((line) => line.split(/\s+/).some((w) => !words.has(w)))) found.push(`${id}: "${lines.join(' / ')}"`);
    }
    return [...new Set(found)];
  }, names);
}

/**
 * Where each element of a diagram must stay: its lane, or its pool when the process has no lanes.
 * `titled` are the lanes and pools, whose names are drawn vertically in their title strips; `home`
 * gives a step, event or gateway (an element inside a sub-process: the sub-process's lane) the one
 * lane it belongs to, and a sequence flow the lanes of its source and target.
 */
interface Lanes {
  titled: string[];
  home: Record<string, string[]>;
}

/**
 * What a reader finds outside its lane: a lane's or pool's title longer than the lane is tall, or
 * wrapped into more lines than its title strip holds (the text then crosses the lane's border
 * line); a step, event or gateway drawn across the border of its lane; an element's label or a
 * flow's label drawn outside the lane its element belongs to (a flow's: of its source or target).
 */
async function strays(page: Page, lanes: Lanes): Promise<string[]> {
  await page.evaluate('globalThis.__name ??= (f) => f');
  return page.evaluate(({ titled, home }) => {
    const box = (e: Element | null | undefined): Box | null => {
      const r = e?.getBoundingClientRect();
      return r && r.width > 0 && r.height > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    };
    const element = (id: string) => document.querySelector(`.monitor-diagram .djs-element[data-element-id="${CSS.escape(id)}"]`);
    const within = (a: Box, b: Box) => a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
    const area = (id: string) => box(element(id)?.querySelector('.djs-visual > rect'));
    const found: string[] = [];
    for (const id of titled) {
      const title = element(id)?.querySelector('.djs-visual text');
      const text = box(title);
      const lane = area(id);
      if (text && lane && (title?.textContent ?? '').trim() && !within(text, lane)) found.push(`${id}: its title runs out of its lane`);
    }
    for (const [id, lanes] of Object.entries(home)) {
      const homes = lanes.map(area).filter((b): b is Box => b !== null);
      if (!homes.length) continue;
      const shape = element(id);
      // A flow's line may well cross lanes; its drawn visual is not checked, only its label.
      if (shape && !shape.classList.contains('djs-connection')) {
        const visual = box(shape.querySelector('.djs-visual > :first-child'));
        if (visual && !homes.some((h) => within(visual, h))) found.push(`${id}: drawn across the border of ${lanes.join(' / ')}`);
      }
      const label = element(`${id}_label`)?.querySelector('.djs-visual text');
      const text = box(label);
      if (text && (label?.textContent ?? '').trim() && !homes.some((h) => within(text, h))) found.push(`label ${id} outside ${lanes.join(' / ')}`);
    }
    return found;
  }, lanes);
}

/** The lanes and pools of a diagram, and where each of its elements belongs (see {@link Lanes}). */
function lanesOf(rootElement: any, process: any): Lanes {
  const pool = (rootElement.rootElements as any[]).flatMap((e) => (e.$type === 'bpmn:Collaboration' ? (e.participants ?? []) : [])).find((p: any) => p.processRef?.id === process.id);
  const lanes = ((process.laneSets ?? []) as any[]).flatMap((set) => set.lanes ?? []);
  const laneOf = new Map<string, string>();
  for (const lane of lanes) for (const node of lane.flowNodeRef ?? []) laneOf.set(node.id, lane.id);
  const home: Record<string, string[]> = {};
  const walk = (container: any, inherited?: string) => {
    for (const e of container.flowElements ?? []) {
      if (e.$type === 'bpmn:SequenceFlow') continue;
      const lane = inherited ?? laneOf.get(e.id) ?? pool?.id;
      if (lane) home[e.id] = [lane];
      if (e.$type === 'bpmn:SubProcess') walk(e, lane);
    }
  };
  walk(process);
  const flows = (container: any): any[] => (container.flowElements ?? []).flatMap((e: any) => (e.$type === 'bpmn:SequenceFlow' ? [e] : e.$type === 'bpmn:SubProcess' ? flows(e) : []));
  for (const flow of flows(process)) home[flow.id] = [...new Set([...(home[flow.sourceRef?.id] ?? []), ...(home[flow.targetRef?.id] ?? [])])];
  return { titled: [...(pool ? [pool.id] : []), ...lanes.map((l) => l.id)], home };
}

describe('web app: every regulation diagram readable on the case page in Kazakh, Russian and English (Chromium)', function () {
  this.timeout(600_000);
  let app: WebApp;
  const cases = new Map<string, string>();
  const drawnNodes = new Map<string, string[]>();
  /** The expanded sub-processes of each diagram: boxes that hold other elements and their labels. */
  const drawnContainers = new Map<string, string[]>();
  const drawnLanes = new Map<string, Lanes>();
  /** Each element's name (flows too) per language: `name`, `name:ru`, `name:en`. */
  const drawnNames = new Map<string, Record<'kk' | 'ru' | 'en', Record<string, string>>>();

  before(async () => {
    app = await startWebApp();
    for (const [key, variables] of Object.entries(starts)) {
      const res = await app.server.call('POST', `/api/definitions/${key}/instances`, { businessKey: `LBL-${key}`, variables });
      expect(res.status, `${key}: ${JSON.stringify(res.body)}`).to.equal(201);
      cases.set(key, res.body.id);
    }
    // The steps, events and gateways each diagram draws (not pools, lanes or flows).
    for (const file of fs.readdirSync(processes).filter((f) => f.endsWith('.bpmn'))) {
      const { rootElement } = (await new BpmnModdle({ camunda }).fromXML(fs.readFileSync(path.join(processes, file), 'utf8'))) as { rootElement: any };
      const process = (rootElement.rootElements as any[]).find((e) => e.$type === 'bpmn:Process' && e.isExecutable);
      const nodes: string[] = [];
      const walk = (container: any) => {
        for (const e of container.flowElements ?? []) {
          if (e.$type !== 'bpmn:SequenceFlow') nodes.push(e.id);
          if (e.$type === 'bpmn:SubProcess') walk(e);
        }
      };
      walk(process);
      drawnNodes.set(process.id, nodes);
      const names: Record<'kk' | 'ru' | 'en', Record<string, string>> = { kk: {}, ru: {}, en: {} };
      const named = (container: any) => {
        for (const e of container.flowElements ?? []) {
          const property = (n: string) => ((e.extensionElements?.values ?? []) as any[]).flatMap((v) => v.values ?? []).find((p: any) => p.name === n)?.value;
          if (e.name) names.kk[e.id] = e.name;
          if (property('name:ru')) names.ru[e.id] = property('name:ru');
          if (property('name:en')) names.en[e.id] = property('name:en');
          if (e.$type === 'bpmn:SubProcess') named(e);
        }
      };
      named(process);
      drawnNames.set(process.id, names);
      const expanded = new Set(((rootElement.diagrams ?? []) as any[]).flatMap((d) => d.plane.planeElement ?? []).filter((di: any) => di.isExpanded).map((di: any) => di.bpmnElement?.id));
      drawnContainers.set(process.id, nodes.filter((id) => expanded.has(id)));
      drawnLanes.set(process.id, lanesOf(rootElement, process));
    }
  });
  after(async () => {
    await app?.close();
  });

  for (const key of Object.keys(starts)) {
    it(`draws ${key} in Kazakh, Russian and English with no label over another, over a step or under a flow's line, no word cut in two, and every title and label inside its lane`, async () => {
      const found: Record<string, string[]> = {};
      const lanesFound: Record<string, string[]> = {};
      const brokenFound: Record<string, string[]> = {};
      for (const [language, locale] of [['kk', 'kk-KZ'], ['ru', 'ru-RU'], ['en', 'en-GB']] as const) {
        const page = await app.signIn('admin', { route: `/monitor/${cases.get(key)}`, locale });
        // Large enough to draw the whole regulation near its own size, as on a big screen.
        await page.setViewportSize({ width: 2600, height: 1500 });
        await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => document.head.insertAdjacentHTML('beforeend', '<style>.monitor-diagram { height: 1300px !important }</style>')));
        await page.reload();
        await page.locator('.monitor-diagram .djs-element').first().waitFor();
        await page.getByRole('button', { name: { kk: 'Бүкіл сызба', ru: 'Вся схема', en: 'Whole diagram' }[language] }).click();
        await page.locator('.monitor-diagram').scrollIntoViewIfNeeded();
        found[language] = [...(await clashes(page, drawnNodes.get(key)!, drawnContainers.get(key)!)), ...(await flowsThroughLabels(page))];
        lanesFound[language] = await strays(page, drawnLanes.get(key)!);
        const broken = await brokenWords(page, drawnNames.get(key)![language]);
        if (broken.length) brokenFound[language] = broken;
        // Two halves, each near its real size, to look at.
        const area = (await page.locator('.monitor-diagram').boundingBox())!;
        for (const [half, x] of [['left', area.x], ['right', area.x + area.width / 2]] as const) {
          await page.screenshot({ path: path.join(import.meta.dirname, '..', '..', 'docs', 'screenshots', `diagram-${key}-${language}-${half}.png`), clip: { x, y: area.y, width: area.width / 2, height: area.height } });
        }
        await page.close();
      }
      expect({ clashes: found, lanes: lanesFound, brokenWords: brokenFound }).to.deep.equal({ clashes: { kk: [], ru: [], en: [] }, lanes: { kk: [], ru: [], en: [] }, brokenWords: {} });
    });
  }
  void screenshot;
});
