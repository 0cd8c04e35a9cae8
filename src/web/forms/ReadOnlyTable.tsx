import type { FieldProps } from '@rjsf/utils';

/**
 * A read-only list of records as a table (`ui:field: 'ReadOnlyTable'`, `ui:options.columns`:
 * `[{ name, title }]`): what the case holds — the grounds of a preliminary decision in Kazakh and
 * Russian — read whole, without the add and remove buttons and narrow inputs rjsf draws for a list.
 */
export function ReadOnlyTable(props: FieldProps) {
  const { formData, uiSchema, name } = props;
  // rjsf 5 names the field's id in idSchema, rjsf 6 in fieldPathId.
  const id = ((props as { fieldPathId?: { $id?: string } }).fieldPathId?.$id ?? (props as { idSchema?: { $id?: string } }).idSchema?.$id ?? name) as string;
  const columns = ((uiSchema?.['ui:options'] as { columns?: { name: string; title: string }[] } | undefined)?.columns ?? []) as { name: string; title: string }[];
  const rows = Array.isArray(formData) ? (formData as Record<string, unknown>[]) : [];
  const title = uiSchema?.['ui:title'] as string | undefined;
  return (
    <div className="form-group field readonly-table">
      <table aria-labelledby={`${id}__title`}>
        <caption id={`${id}__title`}>{title}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.name} scope="col">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.name}>{row[c.name] === undefined || row[c.name] === null ? '—' : String(row[c.name])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
