import fs from 'node:fs';
import { deployFiles } from '../../src/server.js';
import path from 'node:path';
import { expect } from 'chai';
import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { testQyzmet } from '../support/app.js';
import { parseDiagram } from '../../src/engine/definitions/parse.js';
import { lintDiagram } from '../../src/engine/definitions/lint.js';

const folder = path.resolve(import.meta.dirname, '..', '..', 'processes');
const files = fs.readdirSync(folder).filter((f) => f.endsWith('.bpmn')).sort();
const decisionFiles = fs.readdirSync(folder).filter((f) => f.endsWith('.dmn')).sort();

type El = Record<string, any> & { id: string; $type: string };
type Box = { x: number; y: number; width: number; height: number };

/** The diagrams analysts open in the modeler: they deploy, cite their sources, and draw cleanly. */
describe('the regulation diagrams in processes/', () => {
  it('deploy together, callees first', async () => {
    const t = await testQyzmet({ gatewayUrl: 'http://localhost:9' });
    try {
      // The decision tables first: a business rule task names a deployed decision.
      const read = (name: string) => ({ name, file: name, xml: fs.readFileSync(path.join(folder, name), 'utf8'), deployedBy: 'test' });
      const deployed = await deployFiles(t.qyzmet.engine, [...decisionFiles, ...files].map(read));
      expect(deployed.map((d) => d.key).sort()).to.include.members(['complaint', 'housing-assistance', 'housing-center-denial', 'housing-center-registration']);
    } finally {
      await t.close();
    }
  });

  for (const file of files) {
    describe(file, () => {
      let elements: El[];
      let shapes: Map<string, Box>;
      let edges: Set<string>;
      let waypoints: Map<string, { x: number; y: number }[]>;
      before(async () => {
        const { rootElement } = (await new BpmnModdle({ camunda }).fromXML(fs.readFileSync(path.join(folder, file), 'utf8'))) as { rootElement: El };
        const processes = (rootElement.rootElements as El[]).filter((e) => e.$type === 'bpmn:Process');
        elements = processes.flatMap((p) => [p, ...((p.flowElements ?? []) as El[])]);
        const plane = rootElement.diagrams[0].plane as El;
        shapes = new Map();
        edges = new Set();
        waypoints = new Map();
        for (const di of plane.planeElement as El[]) {
          if (di.$type === 'bpmndi:BPMNShape') shapes.set(di.bpmnElement.id, di.bounds as Box);
          else {
            edges.add(di.bpmnElement.id);
            waypoints.set(di.bpmnElement.id, di.waypoint ?? []);
          }
        }
      });

      it('lints with no bpmnlint warning (the rules deploy and the modeler apply): joins drawn as joining gateways, every element drawn', async () => {
        const xml = fs.readFileSync(path.join(folder, file), 'utf8');
        const { errors, warnings } = await lintDiagram((await parseDiagram(xml)).definitions, xml);
        expect([...errors, ...warnings].map((f) => `${f.elementId ?? '-'}: ${f.message}`)).to.deep.equal([]);
      });

      it('cites the seed text in the documentation of the process and of every task, gateway and start event', () => {
        const cited = elements.filter((e) => /Process$|Task$|Gateway$|StartEvent$|CallActivity$/.test(e.$type));
        const missing = cited.filter((e) => !/seed 00\d/i.test((e.documentation ?? []).map((d: El) => d.text).join(' '))).map((e) => e.id);
        expect(missing).to.deep.equal([]);
      });

      it('names every activity, event and gateway in Kazakh', () => {
        const unnamed = elements.filter((e) => /Task$|StartEvent$|EndEvent$|CallActivity$/.test(e.$type) && !/[а-яәғқңөұүһі]/i.test(e.name ?? '')).map((e) => e.id);
        expect(unnamed).to.deep.equal([]);
      });

      it('gives every named element, lane and process its name in Russian and English too, and keeps English out of the Kazakh name', () => {
        const lanes = elements.flatMap((e) => (e.laneSets ?? []).flatMap((set: El) => (set.lanes ?? []) as El[]));
        const translation = (e: El, language: string) => ((e.extensionElements?.values ?? []) as El[]).flatMap((v) => (v.$type === 'camunda:Properties' ? (v.values ?? []) : [])).find((p: El) => p.name === `name:${language}`)?.value;
        const named = [...elements, ...lanes].filter((e) => e.name);
        expect(named.filter((e) => !translation(e, 'ru') || !translation(e, 'en')).map((e) => e.id)).to.deep.equal([]);
        expect(named.filter((e) => /\((?=[^)]*[a-z])[A-Za-z ,'-]+\)$| \/ [A-Za-z]/.test(e.name)).map((e) => e.id)).to.deep.equal([]);
      });

      it('draws every element and flow, and no shape on another', () => {
        const nodes = elements.filter((e) => e.$type !== 'bpmn:Process');
        expect(nodes.filter((e) => (e.$type === 'bpmn:SequenceFlow' ? !edges.has(e.id) : !shapes.has(e.id))).map((e) => e.id)).to.deep.equal([]);
        const boxes = nodes.filter((e) => e.$type !== 'bpmn:SequenceFlow' && e.$type !== 'bpmn:BoundaryEvent').map((e) => ({ id: e.id, ...shapes.get(e.id)! }));
        const overlaps: string[] = [];
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!;
            const b = boxes[j]!;
            if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlaps.push(`${a.id} × ${b.id}`);
          }
        }
        expect(overlaps).to.deep.equal([]);
        for (const boundary of nodes.filter((e) => e.$type === 'bpmn:BoundaryEvent')) {
          const b = shapes.get(boundary.id)!;
          const host = shapes.get(boundary.attachedToRef.id)!;
          expect(b.y + b.height / 2, boundary.id).to.equal(host.y + host.height);
        }
      });

      it('draws every element inside the lane it belongs to', () => {
        // The lane says who acts; a shape drawn across another lane tells the reader the wrong actor.
        const processes = elements.filter((e) => e.$type === 'bpmn:Process');
        const outside: string[] = [];
        for (const lane of processes.flatMap((p) => (p.laneSets ?? []).flatMap((s: El) => (s.lanes ?? []) as El[]))) {
          const l = shapes.get(lane.id);
          if (!l) continue;
          for (const node of (lane.flowNodeRef ?? []) as El[]) {
            const b = shapes.get(node.id);
            if (!b) continue;
            const cx = b.x + b.width / 2;
            const cy = b.y + b.height / 2;
            const inside = node.$type === 'bpmn:BoundaryEvent' ? cx >= l.x && cx <= l.x + l.width && cy >= l.y && cy <= l.y + l.height : b.x >= l.x && b.y >= l.y && b.x + b.width <= l.x + l.width && b.y + b.height <= l.y + l.height;
            if (!inside) outside.push(`${node.id} outside ${lane.id}`);
          }
        }
        expect(outside).to.deep.equal([]);
      });

      it('routes every sequence flow around the steps, events and gateways it does not join', () => {
        // A line drawn through a shape reads as if the case passed through that step. The shapes'
        // borders may be touched (a flow runs along a lane of shapes), not entered: 3 px inset.
        const nested = (container: El): El[] => ((container.flowElements ?? []) as El[]).flatMap((e) => [e, ...(e.$type === 'bpmn:SubProcess' ? nested(e) : [])]);
        const all = elements.filter((e) => e.$type === 'bpmn:Process').flatMap(nested);
        const nodes = all.filter((e) => e.$type !== 'bpmn:SequenceFlow' && shapes.has(e.id));
        const inside = (e: El, container: El): boolean => !!e.$parent && (e.$parent === container || inside(e.$parent, container));
        const crossing = all
          .filter((e) => e.$type === 'bpmn:SequenceFlow')
          .flatMap((flow) =>
            nodes
              .filter((node) => node.id !== flow.sourceRef.id && node.id !== flow.targetRef.id && !(node.$type === 'bpmn:SubProcess' && inside(flow, node)))
              .filter((node) => crosses(waypoints.get(flow.id) ?? [], inset(shapes.get(node.id)!, 3)))
              .map((node) => `${flow.id} × ${node.id}`)
          );
        expect(crossing).to.deep.equal([]);
      });

      it('draws every sequence flow from its source shape to its target shape', () => {
        const touches = (p: { x: number; y: number } | undefined, b: Box | undefined) => !!p && !!b && p.x >= b.x - 2 && p.x <= b.x + b.width + 2 && p.y >= b.y - 2 && p.y <= b.y + b.height + 2;
        const loose = elements
          .filter((e) => e.$type === 'bpmn:SequenceFlow')
          .flatMap((flow) => {
            const points = waypoints.get(flow.id) ?? [];
            return [touches(points[0], shapes.get(flow.sourceRef.id)) ? [] : [`${flow.id} starts away from ${flow.sourceRef.id}`], touches(points.at(-1), shapes.get(flow.targetRef.id)) ? [] : [`${flow.id} ends away from ${flow.targetRef.id}`]].flat();
          });
        expect(loose).to.deep.equal([]);
      });
    });
  }
});

// helpers

/** The box made smaller by `by` on every side. */
function inset(b: Box, by: number): Box {
  return { x: b.x + by, y: b.y + by, width: Math.max(0, b.width - 2 * by), height: Math.max(0, b.height - 2 * by) };
}

/** Whether the polyline through `points` enters the box (Liang–Barsky clipping of each segment). */
function crosses(points: { x: number; y: number }[], b: Box): boolean {
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1]!;
    const q = points[i]!;
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    let t0 = 0;
    let t1 = 1;
    const edges: [number, number][] = [
      [-dx, p.x - b.x],
      [dx, b.x + b.width - p.x],
      [-dy, p.y - b.y],
      [dy, b.y + b.height - p.y],
    ];
    let outside = false;
    for (const [pe, qe] of edges) {
      if (pe === 0) {
        if (qe < 0) outside = true;
        continue;
      }
      const t = qe / pe;
      if (pe < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
    if (!outside && t0 < t1) return true;
  }
  return false;
}
