/**
 * DMN 1.3 text for tests, written the way the Camunda / bpmn.io DMN modeler writes it, so each
 * test shows its table as rows: `rule('r1', ['>= 18', '"Low"'], ['"Approved"'])`.
 */
export interface TableSpec {
  id: string;
  name?: string;
  hitPolicy?: string;
  aggregation?: string;
  inputs: { label: string; expression: string; id?: string }[];
  outputs: { name: string; label?: string; values?: string; defaultEntry?: string }[];
  rules: { id?: string; inputs: string[]; outputs: string[]; description?: string }[];
  requires?: string[];
}

export function rule(id: string, inputs: string[], outputs: string[], description?: string): TableSpec['rules'][number] {
  return { id, inputs, outputs, ...(description ? { description } : {}) };
}

export function dmn(...tables: TableSpec[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="definitions" name="Test definitions" namespace="http://camunda.org/schema/1.0/dmn">
${tables.map(decision).join('\n')}
</definitions>`;
}

function decision(t: TableSpec): string {
  const attrs = [t.hitPolicy && `hitPolicy="${t.hitPolicy}"`, t.aggregation && `aggregation="${t.aggregation}"`].filter(Boolean).join(' ');
  return `  <decision id="${t.id}" name="${esc(t.name ?? t.id)}">
${(t.requires ?? []).map((r) => `    <informationRequirement id="req-${t.id}-${r}"><requiredDecision href="#${r}" /></informationRequirement>`).join('\n')}
    <decisionTable id="table-${t.id}" ${attrs}>
${t.inputs.map((i, n) => `      <input id="${i.id ?? `${t.id}-input-${n + 1}`}" label="${esc(i.label)}"><inputExpression id="${t.id}-ie-${n + 1}" typeRef="string"><text>${esc(i.expression)}</text></inputExpression></input>`).join('\n')}
${t.outputs.map((o, n) => `      <output id="${t.id}-output-${n + 1}" ${o.label ? `label="${esc(o.label)}" ` : ''}name="${esc(o.name)}">${o.values ? `<outputValues><text>${esc(o.values)}</text></outputValues>` : ''}${o.defaultEntry ? `<defaultOutputEntry><text>${esc(o.defaultEntry)}</text></defaultOutputEntry>` : ''}</output>`).join('\n')}
${t.rules.map((r) => `      <rule${r.id ? ` id="${r.id}"` : ''}>${r.description ? `<description>${esc(r.description)}</description>` : ''}
${r.inputs.map((e) => `        <inputEntry><text>${esc(e)}</text></inputEntry>`).join('\n')}
${r.outputs.map((e) => `        <outputEntry><text>${esc(e)}</text></outputEntry>`).join('\n')}
      </rule>`).join('\n')}
    </decisionTable>
  </decision>`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
