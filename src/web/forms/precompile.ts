import fs from 'node:fs';
import path from 'node:path';
import { hashForSchema, schemaParser, type RJSFSchema } from '@rjsf/utils';
import createAjvInstance from '@rjsf/validator-ajv8/lib/createAjvInstance.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { Plugin } from 'vite';
import { rjsfSchema } from './schema';

const index = 'virtual:qyzmet-form-validators';
const resolvedIndex = `\0${index}`;
const onePrefix = '\0qyzmet-form-validator:';

/**
 * A Vite plugin that precompiles the forms' validators at build time, so the browser checks forms
 * without compiling code (the page's CSP has no 'unsafe-eval'). For each `<key>.schema.json` in
 * the given folders it does what @rjsf/validator-ajv8's `compileSchemaValidatorsCode` does (rjsf's
 * ajv instance, ajv's standalone code, draft 2020-12 like the server's src/forms) over the schema
 * as the pages hand it to rjsf (./schema.ts), one ES module per form (see `formModule`);
 * `virtual:qyzmet-form-validators` exports them as `precompiled`, keyed by rjsf's `hashForSchema`
 * of that schema (./validator.ts looks them up).
 *
 * `folders`: the forms folders the server will load, as QYZMET_FORMS names them (default `forms`),
 * relative to the working directory of `npm run build`. A folder that does not exist is skipped,
 * as the server skips it; a schema ajv cannot compile fails the build, naming its file.
 */
export function precompiledForms(folders: string[]): Plugin {
  const read = () => {
    const forms = new Map<string, { file: string; schema: Record<string, unknown> }>();
    for (const folder of folders) {
      if (!fs.existsSync(folder)) continue;
      for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.schema.json')).sort()) {
        const key = file.slice(0, -'.schema.json'.length);
        // The server's readFormFiles keeps the first folder's form of a key; so does the build.
        if (!forms.has(key)) forms.set(key, { file: path.resolve(folder, file), schema: JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) });
      }
    }
    return forms;
  };
  return {
    name: 'qyzmet-precompiled-forms',
    resolveId(id) {
      if (id === index) return resolvedIndex;
      if (id.startsWith(onePrefix)) return id;
      return null;
    },
    load(id) {
      if (id === resolvedIndex) {
        const forms = [...read()];
        for (const [, { file }] of forms) this.addWatchFile(file);
        const imports = forms.map(([key], i) => `import { validators as form${i} } from ${JSON.stringify(onePrefix + key)};`);
        const entries = forms.map(([, { schema }], i) => `  ${JSON.stringify(hashForSchema(rjsfSchema(schema)))}: form${i},`);
        return `${imports.join('\n')}\nexport const precompiled = {\n${entries.join('\n')}\n};\n`;
      }
      if (id.startsWith(onePrefix)) {
        const { file, schema } = read().get(id.slice(onePrefix.length))!;
        try {
          return formModule(rjsfSchema(schema));
        } catch (err) {
          throw new Error(`cannot precompile the form ${file}: ${(err as Error).message}`);
        }
      }
      return null;
    },
  };
}

/**
 * One form's validators as an ES module exporting `validators`: { <rjsf schema key>: function },
 * the map `createPrecompiledValidator` takes. rjsf's own `compileSchemaValidatorsCode` gives
 * CommonJS (ajv cannot export names that are hashes as ES bindings), which the dev server cannot
 * hand to a browser; so the functions are exported under plain names and mapped here, and the
 * `require()`s of ajv's runtime helpers that ajv writes even in ES modules become imports.
 */
function formModule(schema: RJSFSchema): string {
  const parsed = schemaParser(schema);
  const keys = Object.keys(parsed);
  const ajv = createAjvInstance(undefined, undefined, { code: { lines: true, source: true, esm: true }, schemas: Object.values(parsed) } as never, undefined, Ajv2020 as never);
  const code = (standaloneCode as unknown as (ajv: unknown, names: Record<string, string>) => string)(ajv, Object.fromEntries(keys.map((key, i) => [`validate${i}`, key])));
  // `require("ajv/dist/runtime/ucs2length").default`, `require("ajv-formats/dist/formats").fullFormats`:
  // named imports of CommonJS read alike in the bundler and the dev server; a default import does
  // not (the dev server gives module.exports, whose `default` is the function), so it is unwrapped.
  const imports = new Map<string, string>();
  const body = code.replace(/require\(("[^"]+")\)\.([A-Za-z_$][\w$]*)/g, (_all, name: string, property: string) => {
    const binding = `${name} ${property}`;
    if (!imports.has(binding)) imports.set(binding, `runtime${imports.size}`);
    return imports.get(binding)!;
  });
  if (/require\(/.test(body)) throw new Error('ajv wrote a require() this plugin cannot turn into an import');
  const header = [...imports].map(([binding, local]) => {
    const [name, property] = binding.split(' ');
    if (property !== 'default') return `import { ${property} as ${local} } from ${name};`;
    return `import * as ${local}Module from ${name};\nconst ${local} = ${local}Module.default?.__esModule ? ${local}Module.default.default : ${local}Module.default;`;
  });
  const map = keys.map((key, i) => `  ${JSON.stringify(key)}: validate${i},`).join('\n');
  return `${header.join('\n')}\n${body}\nexport const validators = {\n${map}\n};\n`;
}
