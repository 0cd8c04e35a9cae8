import { Router } from 'express';
import type { Runtime } from '../../engine/index.js';
import { NotFoundError } from '../../errors/index.js';
import type { Forms } from '../../forms/index.js';
import type { Store } from '../../store/index.js';
import { signedIn, visibleTask } from '../access.js';

/** Task forms for the web app: the JSON Schema, the UI schema, and a task's read-only data. */
export function formsRouter(forms: Forms, store: Store, runtime: Runtime): Router {
  const form = (key: string) => {
    const found = forms.get(key);
    if (!found) throw new NotFoundError(`no form "${key}"`, { formKey: key });
    return found;
  };
  return Router()
    .get('/forms', (_req, res) => {
      res.json(forms.keys().map((key) => ({ key, title: forms.get(key)!.ui.title })));
    })
    .get('/forms/:key', (req, res) => {
      res.json(form(req.params.key));
    })
    .get('/tasks/:id/form', async (req, res) => {
      const task = visibleTask(signedIn(req.principal), await store.tasks.get(req.params.id), req.params.id);
      if (!task.formKey) throw new NotFoundError(`task ${task.id} has no form`, { taskId: task.id });
      const definition = form(task.formKey);
      res.json({ ...definition, data: forms.prefill(definition.key, await runtime.taskVariables(task)) });
    });
}
