import { Router } from 'express';
import type { BoundForm, Engine, FormVersions } from '../../engine/index.js';
import { NotFoundError } from '../../errors/index.js';
import type { FormDefinition } from '../../forms/index.js';
import type { FormVersionRow, Store } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { requirePermission } from '../auth.js';
import { signedIn, visibleTask } from '../access.js';
import { validBody } from '../validate.js';

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

/** A form version as the API shows it. */
const shown = ({ id, key, version, schema, ui, checksum, deployedAt, deployedBy, source, sourceFile }: FormVersionRow) => ({ id, key, version, schema, ui, checksum, deployedAt, deployedBy, source, sourceFile });

const shownForm = ({ key, version, schema, ui }: BoundForm) => ({ key, version, schema, ui });

/**
 * Task forms: the latest version of each, each key's versions, a deployment of a new version, and
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
