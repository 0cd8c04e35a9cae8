import { Router } from 'express';
import type { BoundForm, Engine, FormVersions } from '../../engine/index.js';
import { NotFoundError } from '../../errors/index.js';
import type { FormDefinition } from '../../forms/index.js';
import type { FormVersionRow, Store } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { requirePermission } from '../auth.js';
import { signedIn, visibleTask } from '../access.js';
import { validBody, validQuery } from '../validate.js';

const labels = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** POST /api/forms: one form, deployed as its key's next version unless it equals the latest. */
export const formDeploymentSchema = {
  type: 'object',
  required: ['key', 'schema', 'ui'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 255, description: 'the form key diagrams name in camunda:formKey' },
    schema: { type: 'object', description: 'JSON Schema (draft 2020-12) of what the form accepts' },
    ui: {
      type: 'object',
      required: ['title', 'fields'],
      properties: {
        title: labels,
        order: { type: 'array', items: { type: 'string' } },
        fields: { type: 'object', additionalProperties: { type: 'object' } },
      },
      description: 'the UI schema: title and a label for each field in kk, ru and en',
    },
  },
} as const;

/** GET /api/form-bindings: narrowed to one form, one diagram, or both. */
export const formBindingsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    form: { type: 'string', maxLength: 255, description: 'only the diagrams that use this form (its key)' },
    definition: { type: 'string', maxLength: 255, description: 'only this diagram (its process id)' },
  },
} as const;

/** A form version as the API shows it. */
const shown = ({ id, key, version, schema, ui, checksum, deployedAt, deployedBy, source, sourceFile }: FormVersionRow) => ({ id, key, version, schema, ui, checksum, deployedAt, deployedBy, source, sourceFile });

const shownForm = ({ key, version, schema, ui }: BoundForm) => ({ key, version, schema, ui });

/**
 * Task forms: the latest version of each, each key's versions, a deployment of a new version,
 * which form versions the newest version of each diagram binds (what a roll-out would change), and
 * the forms as a diagram version binds them: a task's (with its read-only data), and the
 * application form of a case started now.
 */
export function formsRouter(store: Store, engine: Engine): Router {
  const forms = (): FormVersions => {
    if (!engine.forms) throw new NotFoundError('this Qyzmet has no task forms');
    return engine.forms;
  };
  return Router()
    .get('/forms', async (_req, res) => {
      res.json((await forms().list()).map((row) => ({ key: row.key, version: row.version, title: row.ui.title })));
    })
    .post('/forms', requirePermission('definitions.deploy'), validBody(formDeploymentSchema), async (req, res) => {
      const { key, schema, ui } = req.body as FormDefinition;
      const deployed = await forms().deploy({ key, schema, ui, deployedBy: actorOf(req) });
      res.status(deployed.created ? 201 : 200).json(deployed);
    })
    .get('/forms/:key', async (req, res) => {
      res.json(shown(await forms().latest(String(req.params.key))));
    })
    .get('/forms/:key/versions', async (req, res) => {
      res.json((await forms().versions(String(req.params.key))).map(shown));
    })
    .get('/form-bindings', validQuery(formBindingsQuerySchema), async (req, res) => {
      // The newest version of each diagram, as deploy compares against it: a form whose newest
      // version it does not bind makes the same XML, deployed again, a new version.
      const { form, definition } = req.query as { form?: string; definition?: string };
      const current = await forms().current();
      if (form !== undefined && !current.has(form)) throw new NotFoundError(`no form "${form}"`, { formKey: form });
      const keys = definition === undefined ? (await store.definitions.keys()).sort() : [definition];
      const rows = [];
      for (const key of keys) {
        const [newest] = await store.definitions.effectivity(key);
        if (!newest) throw new NotFoundError(`no definition with key "${key}"`, { key });
        const row = await engine.definitions.get(newest.id);
        const names = (await engine.definitions.compiled(row)).names.get(row.key) ?? null;
        for (const binding of await engine.definitions.formBindings(row)) {
          if (form !== undefined && binding.form !== form) continue;
          rows.push({ definition: row.key, definitionVersion: row.version, name: row.name, names, ...binding, formTitle: current.get(binding.form)!.ui.title, outdated: binding.bound !== binding.newest });
        }
      }
      res.json(rows);
    })
    .get('/definitions/:key/start-form', async (req, res) => {
      // The application form a case started now is checked against: the effective version's binding.
      const definition = await engine.definitions.effective(String(req.params.key));
      const key = (await engine.definitions.compiled(definition)).applicationForm;
      const form = key ? await forms().bound(definition, key) : undefined;
      if (!form) throw new NotFoundError(`definition "${definition.key}" has no application form`, { key: definition.key });
      res.json(shownForm(form));
    })
    .get('/tasks/:id/form', async (req, res) => {
      const task = visibleTask(signedIn(req.principal), await store.tasks.get(req.params.id), req.params.id);
      if (!task.formKey) throw new NotFoundError(`task ${task.id} has no form`, { taskId: task.id });
      const instance = await store.instances.get(task.instanceId);
      if (!instance) throw new NotFoundError(`no case ${task.instanceId}`, { instanceId: task.instanceId });
      // The version its case's diagram version was deployed with, not the newest.
      const form = await forms().bound(await engine.definitions.get(instance.definitionId), task.formKey);
      if (!form) throw new NotFoundError(`no form "${task.formKey}"`, { formKey: task.formKey });
      res.json({ ...shownForm(form), data: form.prefill(await engine.runtime.taskVariables(task)) });
    });
}
