import fs from 'node:fs';
import path from 'node:path';
import { hashForSchema } from '@rjsf/utils';
import { compileSchemaValidatorsCode } from '@rjsf/validator-ajv8/compileSchemaValidators';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Plugin } from 'vite';
import { rjsfSchema } from './schema';

const index = 'virtual:qyzmet-form-validators';
const resolvedIndex = `\0${index}`;
const onePrefix = '\0qyzmet-form-validator:';

/**
 * A Vite plugin that precompiles the forms' validators at build time, so the browser checks forms
 * without compiling code (the page's CSP has no 'unsafe-eval'). For each `<key>.schema.json` in
 * the given folders it runs @rjsf/validator-ajv8's `compileSchemaValidatorsCode` (ajv's standalone
 * code, draft 2020-12 like the server's src/forms) over the schema as the pages hand it to rjsf
 * (./schema.ts), one module per form; `virtual:qyzmet-form-validators` exports them as
 * `precompiled`, keyed by rjsf's `hashForSchema` of that schema (./validator.ts looks them up).
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
        // The server's loadForms keeps the first folder's form of a key; so does the build.
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
        const imports = forms.map(([key], i) => `import form${i} from ${JSON.stringify(onePrefix + key)};`);
        const entries = forms.map(([, { schema }], i) => `  ${JSON.stringify(hashForSchema(rjsfSchema(schema)))}: form${i},`);
        return `${imports.join('\n')}\nexport const precompiled = {\n${entries.join('\n')}\n};\n`;
      }
      if (id.startsWith(onePrefix)) {
        const { file, schema } = read().get(id.slice(onePrefix.length))!;
        try {
          // CommonJS (`exports["<hash>"] = validate…`): ajv's ES module output cannot export names that are hashes.
          return compileSchemaValidatorsCode(rjsfSchema(schema), { AjvClass: Ajv2020 as never });
        } catch (err) {
          throw new Error(`cannot precompile the form ${file}: ${(err as Error).message}`);
        }
      }
      return null;
    },
  };
}
