import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ValidationError } from '../errors/index.js';

/**
 * User-task forms: a JSON Schema (draft 2020-12) says what a form accepts, a UI schema says how it
 * reads — labels in Kazakh, Russian and English, order, widgets, and which fields show data the
 * state already has (read-only, filled from process variables, never asked again). A leaf: it knows
 * nothing of BPMN; the runtime asks it to validate a task's submission by the task's form key.
 *
 *   forms/<key>.schema.json   the JSON Schema ($id ends with <key>)
 *   forms/<key>.ui.json       { title, order?, fields: { <name>: { label, readOnly?, from?, widget? } } }
 *
 * A rule JSON Schema cannot express (one field against another: an initial contribution of at
 * least 30 % of the price) is a named rule: the schema lists it in `"x-qyzmet-rules": ["name"]`,
 * the composition root passes its function to formCompiler, and its problems come
 * back with ajv's, each naming its field. A form naming a rule nobody passed is refused, naming both.
 */
export type Language = 'kk' | 'ru' | 'en';
export type Labels = Record<Language, string>;

export interface UiField {
  label: Labels;
  help?: Labels;
  /** Shown, never edited: the value comes from a process variable (`from`, a dotted path). */
  readOnly?: boolean;
  from?: string;
  widget?: 'textarea' | 'checkbox' | 'radio' | 'select' | 'date' | 'table';
  /** Labels of enum values, by value. */
  options?: Record<string, Labels>;
}

export interface UiSchema {
  title: Labels;
  order?: string[];
  fields: Record<string, UiField>;
}

export interface FormDefinition {
  key: string;
  schema: Record<string, unknown>;
  ui: UiSchema;
}

export interface FieldProblem {
  /** Dotted path into the submission; empty for the submission as a whole. */
  field: string;
  message: string;
}

/** A check over a whole submission that JSON Schema cannot express; each problem names its field (a dotted path). */
export type FormRule = (data: Readonly<Record<string, unknown>>) => FieldProblem[];

/** The schema keyword that names a form's rules. */
export const rulesKeyword = 'x-qyzmet-rules';

const languages: Language[] = ['kk', 'ru', 'en'];

/** A form version with its checks ready: what the runtime validates a task's submission with. */
export interface CompiledForm extends FormDefinition {
  /** Every problem of a submission, each naming its field (`family.1.birthDate`). */
  validate(data: Record<string, unknown>): FieldProblem[];
  /** The read-only fields' values, from the process variables. */
  prefill(variables: Record<string, unknown>): Record<string, unknown>;
}

/** A form file pair as read from a forms folder: the definition, and the schema file's path. */
export interface FormFile extends FormDefinition {
  file: string;
}

/**
 * Compiles forms with the named rules given: `compile(definition)` checks the schema (ajv, draft
 * 2020-12, strict), the UI schema against it and the rules it names, and gives the form ready to
 * validate. Versions of one form share its `$id`: each schema leaves the compiler's ajv once
 * compiled (its function keeps working), so the next version compiles beside it.
 *
 * @throws ValidationError whose `details.field` names what is wrong: `schema` (ajv cannot compile
 *   it), `ui.title`, `ui.fields.<name>` (a property without a label, or a label of no property),
 *   `schema.x-qyzmet-rules` (a rule nobody registered).
 */
export function formCompiler(options: { rules?: Readonly<Record<string, FormRule>> } = {}): (definition: FormDefinition) => CompiledForm {
  // Strict, except that if/then may require a property declared at the top level.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  // Known to ajv so strict mode accepts it; the rules it names run after the schema (below).
  ajv.addKeyword({ keyword: rulesKeyword, schemaType: 'array' });
  // A form is compiled once per content: every start deploys forms/ and compiles each file, and a
  // compiler shared by many Qyzmets in one process (a test run) then compiles each form once.
  const compiled = new Map<string, CompiledForm>();
  return (definition) => {
    const content = JSON.stringify([definition.key, definition.schema, definition.ui]);
    const known = compiled.get(content);
    if (known) return known;
    const form = compile(definition);
    compiled.set(content, form);
    return form;
  };

  function compile(definition: FormDefinition): CompiledForm {
    const { key, schema, ui } = definition;
    // An async schema's check answers a promise, which would pass every submission.
    if (schema.$async !== undefined) throw new ValidationError(`form ${key}: schema: $async is not supported: a form is checked at once`, { field: 'schema.$async' });
    let check: ValidateFunction;
    try {
      check = ajv.compile(schema);
    } catch (err) {
      throw new ValidationError(`form ${key}: schema: ${(err as Error).message}`, { field: 'schema' });
    } finally {
      forget(ajv, schema);
    }
    checkUi(key, schema, ui);
    const named = (schema[rulesKeyword] ?? []) as string[];
    const unknown = named.filter((name) => !options.rules?.[name]);
    if (unknown.length) {
      throw new ValidationError(`form ${key}: ${rulesKeyword} names ${unknown.map((n) => `"${n}"`).join(', ')}, which no registered rule has (registered: ${Object.keys(options.rules ?? {}).join(', ') || 'none'})`, { field: `schema.${rulesKeyword}` });
    }
    const rules = named.map((name) => options.rules![name]!);
    return {
      key,
      schema,
      ui,
      validate(data) {
        const problems = check(data) ? [] : problemsOf(check.errors ?? []);
        // A rule's problem on a field the schema already faulted adds nothing the clerk can act on —
        // unless the schema only says the field is not offered (a conditional field, see
        // declaredProperties): then the rule says why, in the law's words.
        const notOffered = new Set(problems.filter((p) => p.message === notOfferedMessage).map((p) => p.field));
        const faulted = new Set(problems.map((p) => p.field));
        for (const rule of rules) {
          for (const p of rule(data)) {
            if (notOffered.has(p.field)) problems.splice(problems.findIndex((q) => q.field === p.field && q.message === notOfferedMessage), 1, p);
            else if (!faulted.has(p.field)) problems.push(p);
          }
        }
        return problems;
      },
      prefill(variables) {
        const out: Record<string, unknown> = {};
        for (const [name, field] of Object.entries(ui.fields)) {
          if (!field.readOnly || !field.from) continue;
          const value = field.from.split('.').reduce<unknown>((v, part) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined), variables);
          if (value !== undefined) out[name] = value;
        }
        return out;
      },
    };
  }
}

/**
 * The forms of the given folders (`<key>.schema.json` with `<key>.ui.json`), by key; a key in two
 * folders is the first folder's. A folder that does not exist is skipped.
 * @throws Error naming the file that is not JSON or has no UI schema beside it.
 */
export async function readFormFiles(folders: string[]): Promise<FormFile[]> {
  const out = new Map<string, FormFile>();
  for (const folder of folders) {
    let files: string[];
    try {
      files = (await fs.readdir(folder)).filter((f) => f.endsWith('.schema.json')).sort();
    } catch {
      continue;
    }
    for (const file of files) {
      const key = file.slice(0, -'.schema.json'.length);
      if (out.has(key)) continue;
      const where = path.join(folder, file);
      const uiFile = path.join(folder, `${key}.ui.json`);
      let schema: Record<string, unknown>;
      let ui: UiSchema;
      try {
        schema = JSON.parse(await fs.readFile(where, 'utf8')) as Record<string, unknown>;
        ui = JSON.parse(await fs.readFile(uiFile, 'utf8')) as UiSchema;
      } catch (err) {
        throw new Error(`form ${where}: ${(err as Error).message}`);
      }
      out.set(key, { key, schema, ui, file: where });
    }
  }
  return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * A form version's checksum: SHA-256 (hex) of the JSON text of its schema and UI schema as parsed,
 * so that a file re-indented is the same form and a changed word, field or rule is another.
 */
export function formChecksum(definition: Pick<FormDefinition, 'schema' | 'ui'>): string {
  return createHash('sha256').update(JSON.stringify({ schema: definition.schema, ui: definition.ui })).digest('hex');
}

/**
 * Compiles forms read from folders (readFormFiles), in order.
 * @throws Error naming the file of the first broken form, and what is wrong with it.
 */
export function compileFormFiles(files: readonly FormFile[], compile: (definition: FormDefinition) => CompiledForm): CompiledForm[] {
  return files.map((file) => {
    try {
      return compile(file);
    } catch (err) {
      throw new Error(`form ${file.file}: ${(err as Error).message.replace(/^form [^:]+: /, '')}`);
    }
  });
}

/**
 * The form's fields: its top-level properties, and those its top-level conditions add (`then`,
 * `else`, nested, and `dependentSchemas`) — fields offered only when the data meets a condition,
 * which ajv checks with `unevaluatedProperties: false` and react-jsonschema-form shows only then.
 */
export function declaredProperties(schema: Readonly<Record<string, unknown>>): string[] {
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const name of Object.keys((o.properties as Record<string, unknown>) ?? {})) names.add(name);
    walk(o.then);
    walk(o.else);
    for (const branch of Object.values((o.dependentSchemas as Record<string, unknown>) ?? {})) walk(branch);
  };
  walk(schema);
  return [...names];
}

const notOfferedMessage = 'is not offered here: the form shows it only when its condition holds';

/** Takes a compiled (or refused) schema out of ajv's registry, so that another version of its `$id` may compile. */
function forget(ajv: Ajv2020, schema: Record<string, unknown>) {
  try {
    ajv.removeSchema(schema);
  } catch {
    // A schema whose $id is not even a string never got into the registry.
  }
}

/** A UI schema labels every field (declaredProperties) in all three languages, and nothing else. */
function checkUi(key: string, schema: Record<string, unknown>, ui: UiSchema) {
  const refuse = (field: string, message: string) => {
    throw new ValidationError(`form ${key}: ${message}`, { field });
  };
  if (!ui || typeof ui !== 'object') refuse('ui', 'the UI schema is not an object');
  const properties = declaredProperties(schema);
  for (const language of languages) if (!ui.title?.[language]) refuse('ui.title', `the UI schema's title has no ${language} text`);
  for (const name of properties) {
    const field = ui.fields?.[name];
    if (!field) refuse(`ui.fields.${name}`, `property "${name}" has no label in the UI schema`);
    for (const language of languages) if (!field!.label?.[language]) refuse(`ui.fields.${name}`, `property "${name}" has no ${language} label`);
  }
  for (const name of Object.keys(ui.fields ?? {})) if (!properties.includes(name)) refuse(`ui.fields.${name}`, `the UI schema labels "${name}", which the schema does not have`);
}

function problemsOf(errors: ErrorObject[]): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  // A branch that fails (a required field missing) drops the fields it declares from what counts as
  // evaluated, so unevaluatedProperties then faults fields that are in fact offered: it speaks only
  // when nothing else is wrong.
  const alone = errors.every((e) => e.keyword === 'unevaluatedProperties' || e.keyword === 'if');
  for (const e of errors) {
    if (e.keyword === 'if') continue; // its then/else branch reports the actual problem
    if (e.keyword === 'unevaluatedProperties' && !alone) continue;
    const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const field = e.keyword === 'required' ? [base, (e.params as { missingProperty: string }).missingProperty].filter(Boolean).join('.') : e.keyword === 'unevaluatedProperties' ? [base, (e.params as { unevaluatedProperty: string }).unevaluatedProperty].filter(Boolean).join('.') : base;
    const message = e.keyword === 'required' ? 'is required' : e.keyword === 'unevaluatedProperties' ? notOfferedMessage : e.keyword === 'additionalProperties' ? `has an unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"` : e.keyword === 'enum' ? `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` : (e.message ?? 'is invalid');
    const id = `${field}|${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ field, message });
  }
  return out;
}
