import type { RJSFSchema, RJSFValidationError, UiSchema } from '@rjsf/utils';
import type { Language } from '../i18n';
import { rjsfSchema } from '../forms/schema';
import { isoDate, withoutNullChoice } from '../forms/choices';

/** A form as GET /api/forms/:key gives it: JSON Schema 2020-12 and Qyzmet's UI schema (src/forms). */
export interface FormDefinition {
  key: string;
  schema: Record<string, unknown>;
  ui: {
    title: Record<Language, string>;
    order?: string[];
    fields: Record<string, UiField>;
  };
}

interface UiField {
  label: Record<Language, string>;
  help?: Record<Language, string>;
  readOnly?: boolean;
  /** The process variable a read-only field shows, as a dotted path (`applicant.lastName`). */
  from?: string;
  widget?: 'textarea' | 'checkbox' | 'radio' | 'select' | 'date' | 'table';
  options?: Record<string, Record<string, string>>;
}

/** The applicant as GET /api/applicants/:iin gives them. */
export interface Applicant {
  iin: string;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  birthYear: number;
  document: { type: string; number: string; issuedBy: string; issuedAt: string; validUntil: string };
  address: string | null;
}

/**
 * Fields the web app does not ask at the counter: the operator files every application here
 * through the State Corporation (or the provider's office), so the channel is fixed and the
 * portal's EDS and login fields do not apply; portal applications arrive through the API.
 */
export const counterValues = { channel: 'stateCorporation' } as const;
const notAskedAtCounter = new Set(['channel', 'certificateSerial', 'authenticated']);

/** Words the page's strings supply where the UI schema has none: nested fields, enum values, errors. */
export interface Words {
  /** The label of a nested field by its property name (`fullName`), or undefined. */
  field(name: string): string | undefined;
  /** The label of an enum value (`spouse`), or undefined. */
  value(value: string): string | undefined;
}

/**
 * Qyzmet's form as react-jsonschema-form wants it, in one language: labels, help and enum labels
 * from the UI schema (the schema's own English descriptions left out), read-only fields marked,
 * the counter's fixed fields hidden, the UI schema's order kept.
 */
export function toRjsf(form: FormDefinition, lang: Language, words: Words, shown: Record<string, unknown> = {}): { schema: RJSFSchema; uiSchema: UiSchema } {
  const schema = rjsfSchema(form.schema);
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const uiSchema: UiSchema = { 'ui:order': [...(form.ui.order ?? []).filter((name) => name in properties), '*'] };
  for (const [name, property] of Object.entries(properties)) {
    const field = form.ui.fields[name];
    // The form's own option names come first, also for values inside its rows (income kinds).
    const named: Words = { field: words.field, value: (v) => field?.options?.[v]?.[lang] ?? words.value(v) };
    const ui: UiSchema = nestedUi(property, named);
    ui['ui:title'] = field?.label[lang] ?? words.field(name) ?? name;
    if (field?.help) ui['ui:help'] = field.help[lang];
    if (field?.readOnly) ui['ui:readonly'] = true;
    else if (optionalSection(property, schema, name)) ui['ui:field'] = 'OptionalSection';
    if (field?.widget === 'radio' || field?.widget === 'checkbox' || field?.widget === 'textarea' || field?.widget === 'date' || field?.widget === 'select') ui['ui:widget'] = field.widget;
    const values = enumOf(property);
    // A list of choices (seed 001's housing conditions) is ticked box by box; rjsf has no 'checkbox' for arrays.
    if (field?.widget === 'checkbox' && property.type === 'array') ui['ui:widget'] = 'checkboxes';
    if (values) ui['ui:enumNames'] = values.map((v) => named.value(v) ?? v);
    else if (Array.isArray(property.enum)) ui['ui:enumNames'] = property.enum.map((v) => (v === null ? '' : (named.value(String(v)) ?? String(v))));
    Object.assign(ui, withoutNullChoice(property, words.value('unset') ?? ''));
    // A read-only date from the register (the birth date) reads dd.mm.yyyy, as every date on screen.
    if (field?.readOnly && typeof shown[name] === 'string' && isoDate.test(shown[name] as string)) ui['ui:widget'] = 'date';
    const items = property.items as Record<string, unknown> | undefined;
    const itemValues = items && enumOf(items);
    if (itemValues) ui.items = { 'ui:enumNames': itemValues.map((v) => named.value(v) ?? v) };
    if (property.type === 'boolean' && field?.options) ui['ui:enumNames'] = [true, false].map((v) => named.value(String(v)) ?? String(v));
    // The portal's EDS fields are not asked at a counter — unless the service requires one (the
    // Housing Provision Center takes only applications signed with EDS, seed 003 para 5: its
    // clerk registers the signed application with its certificate).
    if (notAskedAtCounter.has(name) && !(Array.isArray(schema.required) && schema.required.includes(name) && name === 'certificateSerial')) ui['ui:widget'] = 'hidden';
    uiSchema[name] = ui;
  }
  return { schema, uiSchema };
}

/** Labels of the fields inside arrays and objects (family members, the representative). */
function nestedUi(property: Record<string, unknown>, words: Words): UiSchema {
  const ui: UiSchema = {};
  const items = property.items as Record<string, unknown> | undefined;
  if (items && typeof items === 'object') {
    ui.items = nestedUi(items, words);
    // A record of a list is a row under the list's own title, not a section titled by its variable ("preliminaryGrounds-1").
    if (items.type === 'object') ui.items['ui:options'] = { ...(ui.items['ui:options'] as object), label: false };
    ui['ui:options'] = { orderable: false };
  }
  const props = property.properties as Record<string, Record<string, unknown>> | undefined;
  // An object with named fields takes no fields of the clerk's own naming ("Add a row" under the applicant).
  if (props) ui['ui:options'] = { ...(ui['ui:options'] as object), expandable: false };
  // A choice between "none" and a value (a term the act may not set): the choices named, not "option 2".
  const choices = property.anyOf as Record<string, unknown>[] | undefined;
  if (Array.isArray(choices) && choices.length === 2 && choices.some((c) => c.type === 'null')) {
    ui.anyOf = choices.map((c) => (c.type === 'null' ? { 'ui:title': words.value('none') ?? 'none' } : { ...nestedUi(c, words), 'ui:title': words.value('set') ?? 'set' }));
  }
  if (props) {
    for (const [name, child] of Object.entries(props)) {
      const childUi = nestedUi(child, words);
      childUi['ui:title'] = words.field(name) ?? name;
      const values = enumOf(child);
      if (values) childUi['ui:enumNames'] = values.map((v) => words.value(v) ?? v);
      else if (Array.isArray(child.enum)) childUi['ui:enumNames'] = child.enum.map((v) => (v === null ? '' : (words.value(String(v)) ?? String(v))));
      Object.assign(childUi, withoutNullChoice(child, words.value('unset') ?? ''));
      if (child.format === 'date') childUi['ui:widget'] = 'date';
      if (optionalSection(child, property, name)) childUi['ui:field'] = 'OptionalSection';
      ui[name] = childUi;
    }
  }
  return ui;
}

/** A group of fields its parent does not require (the representative, "if any"): its fields are marked required only once it is used. */
export function optionalSection(property: Record<string, unknown>, parent: Record<string, unknown>, name: string): boolean {
  return property.type === 'object' && !!property.properties && !(Array.isArray(parent.required) && parent.required.includes(name));
}

function enumOf(property: Record<string, unknown>): string[] | undefined {
  return Array.isArray(property.enum) && property.enum.every((v) => typeof v === 'string') ? (property.enum as string[]) : undefined;
}

/** A dotted path's value (`applicant.document.number`), or undefined. */
function at(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), source);
}

/**
 * The read-only fields filled from the register's answer, by their `from` paths, which name the
 * process variables the case's own gateway lookups will write (`applicant.*`, `addresses.current.*`).
 */
export function prefill(form: FormDefinition, applicant: Applicant): Record<string, unknown> {
  const { iin, address, ...person } = applicant;
  const variables = { iin, applicant: person, addresses: { current: { address } } };
  const out: Record<string, unknown> = {};
  // The applicant's own IIN field is the IIN just found in the register, whether or not the form marks it read-only.
  if (form.ui.fields.iin && !form.ui.fields.iin.from) out.iin = iin;
  for (const [name, field] of Object.entries(form.ui.fields)) {
    if (!field.readOnly || !field.from) continue;
    const value = at(variables, field.from);
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}

/** What the case starts with: the operator's fields and the IIN; the read-only rest the case looks up itself. */
export function startVariables(form: FormDefinition, data: Record<string, unknown>, iin: string): Record<string, unknown> {
  // Only what the service's form has: the counter's channel and the housing-assistance defaults
  // (family members, the application's date) mean nothing to another service's form, which refuses them.
  const known = new Set(Object.keys((form.schema.properties ?? {}) as object));
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries({ ...data, ...counterValues })) {
    if (value === undefined || form.ui.fields[name]?.readOnly || !known.has(name)) continue;
    out[name] = value;
  }
  return { ...out, iin };
}

/** The server's 400 (`details.fields`: `variables.familyMembers.0.birthDate`) as rjsf's extra errors, at each field. */
export function serverErrors(fields: { field: string; message: string }[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { field, message } of fields) {
    const path = field.replace(/^variables\.?/, '');
    if (!path) continue;
    let node = out as Record<string, unknown>;
    for (const key of path.split('.')) node = (node[key] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(message);
  }
  return out;
}

/** ajv's English messages replaced by the page's own words, by the keyword that failed. */
export function translateErrors(errors: RJSFValidationError[], say: (keyword: string, params: Record<string, unknown>) => string | undefined): RJSFValidationError[] {
  return errors.map((e) => {
    const message = say(e.name ?? '', (e.params ?? {}) as Record<string, unknown>);
    return message ? { ...e, message, stack: message } : e;
  });
}

/** The server's ajv wording (src/forms, src/http/validate.ts) by keyword and limit, so the page can say it in the chosen language. */
const serverWordings: [RegExp, string][] = [
  [/^is required$|^must have required property/, 'required'],
  [/^must NOT have more than (\d+) characters/, 'maxLength'],
  [/^must NOT have fewer than (\d+) characters/, 'minLength'],
  [/^must NOT have more than (\d+) items/, 'maxItems'],
  [/^must NOT have fewer than (\d+) items/, 'minItems'],
  [/^must be <= (\d+)/, 'maximum'],
  [/^must be >= (\d+)/, 'minimum'],
  [/^must match pattern/, 'pattern'],
  [/^must match format/, 'format'],
  [/^must be equal to constant/, 'const'],
  [/^must be (equal to )?one of/, 'enum'],
  [/^must be (string|integer|number|boolean|object|array)/, 'type'],
];

/** A server message in the page's words where its wording is known; as the server said it otherwise. */
export function serverMessage(message: string, say: (keyword: string, params: Record<string, unknown>) => string | undefined): string {
  for (const [pattern, keyword] of serverWordings) {
    const m = pattern.exec(message);
    if (m) return say(keyword, { limit: m[1] !== undefined ? Number(m[1]) : undefined }) ?? message;
  }
  return message;
}
