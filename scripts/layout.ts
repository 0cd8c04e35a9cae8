/**
 * Lays out BPMN diagram interchange (BPMNDI) for diagrams written as semantics only, so that the
 * modeler opens them cleanly: one band per lane, left to right in flow order, no shape on another.
 *
 *   npx tsx scripts/layout.ts processes/housing-assistance.bpmn [more.bpmn …]
 *
 * Existing DI is replaced. Flow nodes go in columns by their longest distance from a start event
 * and in rows inside their lane; boundary events sit on their task's lower edge; sequence flows are
 * drawn with right angles. Expanded sub-processes are not supported (use call activities).
 */
import fs from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import { xmlIdReaderOptions } from '../src/engine/definitions/ids.js';

type El = Record<string, any> & { $type: string; id: string };

const size = (el: El) =>
  /Event$/.test(el.$type) ? { w: 36, h: 36 } : /Gateway$/.test(el.$type) ? { w: 50, h: 50 } : { w: 110, h: 80 };

const columnWidth = 170;
const rowHeight = 120;
const laneLabel = 30;
const poolLabel = 30;

async function layout(file: string) {
  const moddle = new BpmnModdle({ camunda: camunda as never });
  const { rootElement: definitions } = (await moddle.fromXML(fs.readFileSync(file, 'utf8'), 'bpmn:Definitions', xmlIdReaderOptions)) as unknown as { rootElement: El };
  const collaboration = (definitions.rootElements as El[]).find((e) => e.$type === 'bpmn:Collaboration');
  const processes = (definitions.rootElements as El[]).filter((e) => e.$type === 'bpmn:Process');
  const pools: { process: El; participant?: El }[] = collaboration
    ? (collaboration.participants as El[]).filter((p) => p.processRef).map((participant) => ({ participant, process: participant.processRef as El }))
    : processes.map((process) => ({ process }));

  const planeElements: El[] = [];
  const bounds = new Map<string, { x: number; y: number; w: number; h: number }>();
  let top = 40;

  for (const { process, participant } of pools) {
    const nodes = ((process.flowElements ?? []) as El[]).filter((e) => e.$type !== 'bpmn:SequenceFlow' && !/DataObject$/.test(e.$type));
    const flows = ((process.flowElements ?? []) as El[]).filter((e) => e.$type === 'bpmn:SequenceFlow');
    const boundaries = nodes.filter((n) => n.$type === 'bpmn:BoundaryEvent');
    const placed = nodes.filter((n) => n.$type !== 'bpmn:BoundaryEvent');
    const hostOf = (n: El) => (n.$type === 'bpmn:BoundaryEvent' ? (n.attachedToRef as El) : n);

    // Columns: the longest distance from a start event, over forward edges only.
    const next = new Map<string, El[]>();
    for (const f of flows) {
      const from = hostOf(f.sourceRef as El).id;
      next.set(from, [...(next.get(from) ?? []), f.targetRef as El]);
    }
    const column = new Map<string, number>();
    const onPath = new Set<string>();
    const visit = (n: El, depth: number) => {
      if (onPath.has(n.id) || (column.get(n.id) ?? -1) >= depth) return;
      column.set(n.id, depth);
      onPath.add(n.id);
      for (const t of next.get(n.id) ?? []) visit(t, depth + 1);
      onPath.delete(n.id);
    };
    for (const start of placed.filter((n) => n.$type === 'bpmn:StartEvent' || !flows.some((f) => f.targetRef === n))) visit(start, 0);

    // Rows: inside each lane, one row per node sharing a column.
    const lanes: El[] = ((process.laneSets?.[0]?.lanes ?? []) as El[]).length ? process.laneSets[0].lanes : [{ $type: 'none', id: `${process.id}_all`, flowNodeRef: placed }];
    const laneOf = (n: El) => lanes.find((l) => ((l.flowNodeRef ?? []) as El[]).includes(n)) ?? lanes[0]!;
    const cells = new Map<string, (El | null)[]>();
    for (const n of [...placed].sort((a, b) => (column.get(a.id) ?? 0) - (column.get(b.id) ?? 0))) {
      const key = `${laneOf(n).id}:${column.get(n.id) ?? 0}`;
      cells.set(key, [...(cells.get(key) ?? []), n]);
    }
    // A flow drawn straight along a row never runs through a shape between its ends: that shape
    // moves a row down (a gap is left where it was), so the modeler shows which step the flow skips.
    const cellOf = (n: El) => cells.get(`${laneOf(n).id}:${column.get(n.id) ?? 0}`) ?? [];
    for (let moved = true, rounds = 0; moved && rounds < 20; rounds++) {
      moved = false;
      for (const f of flows) {
        const source = hostOf(f.sourceRef as El);
        const target = f.targetRef as El;
        if (laneOf(source) !== laneOf(target)) continue;
        const from = column.get(source.id) ?? 0;
        const to = column.get(target.id) ?? 0;
        const row = cellOf(source).indexOf(source);
        if (to - from < 2 || row !== cellOf(target).indexOf(target)) continue;
        for (let c = from + 1; c < to; c++) {
          const cell = cells.get(`${laneOf(source).id}:${c}`);
          if (cell?.[row]) {
            cell.splice(row, 0, null);
            moved = true;
          }
        }
      }
    }
    const rowsOf = (lane: El) => Math.max(1, ...[...cells].filter(([k]) => k.startsWith(`${lane.id}:`)).map(([, v]) => v.length));
    const left = 40 + (participant ? poolLabel : 0) + (lanes[0]!.$type === 'none' ? 0 : laneLabel);
    const columns = Math.max(0, ...column.values()) + 1;
    const width = left - 40 + 40 + columns * columnWidth + 40;

    let laneTop = top;
    for (const lane of lanes) {
      const height = rowsOf(lane) * rowHeight + 20;
      if (lane.$type !== 'none') {
        bounds.set(lane.id, { x: 40 + poolLabel, y: laneTop, w: width - poolLabel, h: height });
        planeElements.push(shape(moddle, lane, bounds.get(lane.id)!, { isHorizontal: true }));
      }
      for (const [key, cellNodes] of cells) {
        if (!key.startsWith(`${lane.id}:`)) continue;
        const col = Number(key.slice(lane.id.length + 1));
        cellNodes.forEach((n, row) => {
          if (!n) return;
          const { w, h } = size(n);
          bounds.set(n.id, { x: left + 40 + col * columnWidth + (110 - w) / 2, y: laneTop + 20 + row * rowHeight + (80 - h) / 2, w, h });
        });
      }
      laneTop += height;
    }
    if (participant) {
      bounds.set(participant.id, { x: 40, y: top, w: width, h: laneTop - top });
      planeElements.unshift(shape(moddle, participant, bounds.get(participant.id)!, { isHorizontal: true }));
    }

    for (const host of placed) {
      boundaries
        .filter((b) => (b.attachedToRef as El).id === host.id)
        .forEach((b, i) => {
          const h = bounds.get(host.id)!;
          bounds.set(b.id, { x: h.x + 10 + i * 46, y: h.y + h.h - 18, w: 36, h: 36 });
        });
    }
    for (const n of nodes) planeElements.push(shape(moddle, n, bounds.get(n.id)!, n.$type === 'bpmn:ExclusiveGateway' ? { isMarkerVisible: true } : {}));

    const laneBottom = (n: El) => {
      const lane = laneOf(hostOf(n));
      const b = bounds.get(lane.id);
      return b ? b.y + b.h - 8 : laneTop - 8;
    };
    for (const f of flows) {
      const s = bounds.get((f.sourceRef as El).id)!;
      const t = bounds.get((f.targetRef as El).id)!;
      const tIn = { x: t.x, y: t.y + t.h / 2 };
      let points: { x: number; y: number }[];
      if ((f.sourceRef as El).$type === 'bpmn:BoundaryEvent') {
        const out = { x: s.x + s.w / 2, y: s.y + s.h };
        points = tIn.x > out.x ? [out, { x: out.x, y: tIn.y }, tIn] : [out, { x: out.x, y: laneBottom(f.sourceRef) }, { x: tIn.x - 20, y: laneBottom(f.sourceRef) }, { x: tIn.x - 20, y: tIn.y }, tIn];
      } else {
        const out = { x: s.x + s.w, y: s.y + s.h / 2 };
        if (tIn.x > out.x) {
          // Bend in the gap after the source's column (not beside a shape below it), at an offset
          // that differs by lane and row, so two flows leaving one column do not share a segment.
          const source = f.sourceRef as El;
          const columnRight = left + 40 + (column.get(source.id) ?? 0) * columnWidth + 110;
          const offset = 15 + 10 * ((lanes.indexOf(laneOf(source)) * 3 + cellOf(source).indexOf(source)) % 4);
          const mid = tIn.y === out.y ? null : Math.min(columnRight + offset, out.x + (tIn.x - out.x) / 2);
          points = mid === null ? [out, tIn] : [out, { x: mid, y: out.y }, { x: mid, y: tIn.y }, tIn];
        } else {
          const below = Math.max(laneBottom(f.sourceRef), laneBottom(f.targetRef));
          points = [out, { x: out.x + 20, y: out.y }, { x: out.x + 20, y: below }, { x: tIn.x - 20, y: below }, { x: tIn.x - 20, y: tIn.y }, tIn];
        }
      }
      planeElements.push(edge(moddle, f, points));
    }
    top = laneTop + 40;
  }

  for (const m of (collaboration?.messageFlows ?? []) as El[]) {
    const s = bounds.get((m.sourceRef as El).id);
    const t = bounds.get((m.targetRef as El).id);
    if (!s || !t) continue;
    const x = Math.round((Math.max(s.x, t.x) + Math.min(s.x + s.w, t.x + t.w)) / 2);
    const down = t.y > s.y;
    planeElements.push(edge(moddle, m, [{ x, y: down ? s.y + s.h : s.y }, { x, y: down ? t.y : t.y + t.h }]));
  }

  const plane = moddle.create('bpmndi:BPMNPlane', { id: `${definitions.id}_plane`, bpmnElement: collaboration ?? processes[0], planeElement: planeElements });
  definitions.diagrams = [moddle.create('bpmndi:BPMNDiagram', { id: `${definitions.id}_diagram`, plane })];
  const { xml } = await moddle.toXML(definitions as never, { format: true });
  fs.writeFileSync(file, `${xml}\n`);
  console.log(`${file}: ${planeElements.length} shapes and edges`);
}

function shape(moddle: BpmnModdle, element: El, b: { x: number; y: number; w: number; h: number }, extra: Record<string, unknown>) {
  return moddle.create('bpmndi:BPMNShape', {
    id: `${element.id}_di`,
    bpmnElement: element,
    bounds: moddle.create('dc:Bounds', { x: Math.round(b.x), y: Math.round(b.y), width: b.w, height: b.h }),
    ...extra,
  });
}

function edge(moddle: BpmnModdle, element: El, points: { x: number; y: number }[]) {
  return moddle.create('bpmndi:BPMNEdge', {
    id: `${element.id}_di`,
    bpmnElement: element,
    waypoint: points.map((p) => moddle.create('dc:Point', { x: Math.round(p.x), y: Math.round(p.y) })),
  });
}

for (const file of process.argv.slice(2)) await layout(file);
