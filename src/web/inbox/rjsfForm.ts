import type { TFunction } from 'i18next';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import type { Language } from '../i18n';
import type { TaskForm } from './types';
import { rjsfSchema } from '../forms/schema';
import { isoDate, withoutNullChoice } from '../forms/choices';

/**
 * Turns a Qyzmet task form (JSON Schema + our UI schema with kk/ru/en labels) into what
 * react-jsonschema-form reads: the schema as every page gives it to rjsf (../forms/schema.ts, the
 * shape the build precompiles its validators for), and a UI schema with the labels, help, widgets and option names of
 * the chosen language. Read-only fields show the data the state systems gave and are never sent.
 * Nested fields our UI schemas do not label take the inbox's own words (`inbox.field.<name>`).
 */
export function toRjsf(form: TaskForm, language: Language, t: TFunction): { schema: RJSFSchema; uiSchema: UiSchema; readOnly: string[] } {
  const schema = rjsfSchema(form.schema);
  const properties = fieldsOf(schema);
  const uiSchema: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
  const order = form.ui.order ?? Object.keys(properties);
  uiSchema['ui:order'] = [...order.filter((name) => name in properties), '*'];
  const readOnly: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const field = form.ui.fields[name];
    const ui: UiSchema = { 'ui:title': field?.label[language] ?? name };
    if (field?.help) ui['ui:help'] = field.help[language];
    if (field?.readOnly) {
      ui['ui:readonly'] = true;
      readOnly.push(name);
      // What the state systems did not give (no representative, no remark yet) is left out, not shown empty.
      if (form.data[name] === undefined || form.data[name] === null || form.data[name] === '') {
        // (rjsf's hidden widget hides a value, not an object or a list, which it would title by its variable name.)
        uiSchema[name] = [property.type].flat().some((type) => type === 'object' || type === 'array') ? { 'ui:field': 'Nothing' } : { 'ui:widget': 'hidden' };
        continue;
      }
    }
    const items = property.items as Record<string, unknown> | undefined;
    const names = field?.options && ((value: unknown) => field.options![String(value)]?.[language] ?? String(value));
    Object.assign(ui, widgetOf(field?.widget, property));
    // A moment the case holds (a due date, the hearing's time) reads in Almaty's time, as every date on screen.
    if (field?.readOnly && typeof form.data[name] === 'string' && instant.test(form.data[name] as string)) ui['ui:widget'] = 'DateTimeWidget';
    // A date it holds (a birth date from the register) reads dd.mm.yyyy, as every date on screen.
    if (field?.readOnly && typeof form.data[name] === 'string' && isoDate.test(form.data[name] as string)) ui['ui:widget'] = 'date';
    // A read-only list of records (the grounds, in Kazakh and Russian) is a table to read, not rows to edit.
    if (field?.readOnly && property.type === 'array' && items?.type === 'object') {
      uiSchema[name] = { ...ui, 'ui:field': 'ReadOnlyTable', 'ui:options': { columns: columnsOf(items, t) } };
      continue;
    }
    if (names && Array.isArray(property.enum)) ui['ui:enumNames'] = property.enum.map(names);
    Object.assign(ui, withoutNullChoice(property, t('inbox.form.unset')));
    if (names && property.type === 'boolean') ui['ui:enumNames'] = [true, false].map(names);
    if (names && property.type === 'array' && Array.isArray(items?.enum)) ui.items = { 'ui:enumNames': items.enum.map(names) };
    if (property.type === 'object') Object.assign(ui, nested(property, t, names));
    // A section the form does not require (a representative, if any) asks for its fields only once used.
    if (property.type === 'object' && property.properties && !(Array.isArray(schema.required) && schema.required.includes(name))) ui['ui:field'] = 'OptionalSection';
    if (property.type === 'array' && items?.type === 'object') ui.items = nested(items, t, names);
    uiSchema[name] = ui;
  }
  return { schema, uiSchema, readOnly };
}

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Every field the form may show: its top-level properties and those its conditions add (`then`,
 * `else`, nested, `dependentSchemas`), which rjsf shows only while the condition holds (the
 * complaint's extension fields, seed 002 para 14) — each labelled here so it reads right when it shows.
 */
function fieldsOf(schema: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const [name, property] of Object.entries((o.properties ?? {}) as Record<string, Record<string, unknown>>)) out[name] ??= property;
    walk(o.then);
    walk(o.else);
    for (const branch of Object.values((o.dependentSchemas ?? {}) as Record<string, unknown>)) walk(branch);
  };
  walk(schema);
  return out;
}

/** The columns of a read-only table: each field of its records, labelled in the clerk's language. */
function columnsOf(items: Record<string, unknown>, t: TFunction): { name: string; title: string }[] {
  return Object.keys((items.properties ?? {}) as object).map((name) => ({ name, title: t(`inbox.field.${name}`, { defaultValue: name }) }));
}

function widgetOf(widget: string | undefined, property: Record<string, unknown>): UiSchema {
  switch (widget) {
    case 'textarea':
      return { 'ui:widget': 'textarea', 'ui:options': { rows: 4 } };
    case 'radio':
      return { 'ui:widget': 'radio' };
    case 'checkbox':
      return property.type === 'array' ? { 'ui:widget': 'checkboxes' } : { 'ui:widget': 'checkbox' };
    case 'select':
      return property.type === 'array' ? { 'ui:widget': 'checkboxes' } : { 'ui:widget': 'select' };
    case 'date':
      return { 'ui:widget': 'date' };
    default:
      return {};
  }
}

/** Labels of an object's own fields, and of their enum values by the parent field's options. */
function nested(object: Record<string, unknown>, t: TFunction, names: ((value: unknown) => string) | undefined): UiSchema {
  const ui: UiSchema = {};
  for (const [name, property] of Object.entries((object.properties ?? {}) as Record<string, Record<string, unknown>>)) {
    ui[name] = { 'ui:title': t(`inbox.field.${name}`, { defaultValue: name }) };
    if (names && Array.isArray(property.enum)) ui[name]['ui:enumNames'] = property.enum.map(names);
    Object.assign(ui[name], withoutNullChoice(property, t('inbox.form.unset')));
  }
  return ui;
}

/**
 * The server's 400 on complete (`details.fields`: `{ field: "variables.office.branch", message }`)
 * as react-jsonschema-form's error schema, each message at the field it names; what names no field
 * of the form is returned apart, for a message above the form.
 */
export function serverErrors(details: unknown, t: TFunction): { errorSchema: ErrorSchema; unplaced: string[] } {
  const fields = (details as { fields?: { field?: unknown; message?: unknown }[] } | null)?.fields ?? [];
  const errorSchema: ErrorSchema = {};
  const unplaced: string[] = [];
  for (const { field, message } of fields) {
    const text = typeof message === 'string' ? serverMessage(message, t) : t('inbox.error.invalid');
    const path = typeof field === 'string' ? field.replace(/^variables\.?/, '').split('.').filter(Boolean) : [];
    if (!path.length) {
      unplaced.push(text);
      continue;
    }
    let at = errorSchema as Record<string, unknown>;
    for (const part of path) at = (at[part] ??= {}) as Record<string, unknown>;
    ((at.__errors ??= []) as string[]).push(text);
  }
  return { errorSchema, unplaced };
}

/** The server words its checks in English (src/forms): the common ones are said in the clerk's language. */
function serverMessage(message: string, t: TFunction): string {
  if (/^is required/.test(message)) return t('inbox.error.required');
  if (/^must match pattern "\^\[0-9\]\{12\}\$"/.test(message)) return t('inbox.error.iin');
  if (/^must match pattern/.test(message)) return t('inbox.error.pattern');
  const fewer = /^must NOT have fewer than (\d+) characters/.exec(message);
  if (fewer) return t('inbox.error.minLength', { limit: Number(fewer[1]) });
  const more = /^must NOT have more than (\d+) characters/.exec(message);
  if (more) return t('inbox.error.maxLength', { limit: Number(more[1]) });
  if (/^must be one of/.test(message)) return t('inbox.error.enum');
  if (/^must be (string|number|integer|boolean|object|array)/.test(message)) return t('inbox.error.type');
  if (/^must match format "date"/.test(message)) return t('forms.date.invalid');
  if (/^must match format/.test(message)) return t('inbox.error.format');
  const atLeast = /^must be >= (\S+)/.exec(message);
  if (atLeast) return t('inbox.error.minimum', { limit: atLeast[1] });
  const atMost = /^must be <= (\S+)/.exec(message);
  if (atMost) return t('inbox.error.maximum', { limit: atMost[1] });
  const items = /^must NOT have fewer than (\d+) items/.exec(message);
  if (items) return t('inbox.error.minItems', { limit: Number(items[1]) });
  if (/^is read-only/.test(message)) return t('inbox.error.readOnly');
  return message;
}
