import { Router } from 'express';
import { NotFoundError, ValidationError } from '../../errors/index.js';
import { cursorParts, cursorText } from '../cursor.js';
import { isFinishedLate, isOverdue, type Runtime } from '../../engine/index.js';
import type { InstanceCursor, InstanceFilter, InstanceStatus, Store } from '../../store/index.js';
import { actorOf } from '../actor.js';
import { seesEveryProvider, signedIn, visibleCase } from '../access.js';
import { requirePermission } from '../auth.js';
import { validBody, validQuery } from '../validate.js';
import { instanceView } from './definitions.js';
import type { Clock } from '../../clock/index.js';
import { dueFilters } from '../views.js';
import { rowsWithNames, withNames, type Naming } from '../names.js';
import { displayNames, serviceProviderNames } from '../people.js';

export const instanceQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    definition: { type: 'string' },
    version: { type: 'integer', minimum: 1, description: 'only cases running on this version of the definition (with `definition`)' },
    status: { enum: ['running', 'completed', 'canceled', 'failed'] },
    businessKey: { type: 'string' },
    businessKeyStartsWith: { type: 'string', minLength: 1, maxLength: 255, description: 'only cases whose business key begins with this text (case-sensitive); the complaints about case HA-2026-000001 are numbered HA-2026-000001/1, /2, …, so `HA-2026-000001/` with definition=complaint lists them' },
    ...dueFilters,
    finishedLate: { type: 'boolean', description: 'true: only cases whose result went out after their term ended; false: only the others' },
    incident: { type: 'boolean', description: 'true: only cases with an open incident; false: only those without' },
    archived: { type: 'boolean', description: 'true: the archived cases (finished and moved out of the hot tables after the archive period) instead of the others; default false' },
    limit: { type: 'integer', minimum: 1, maximum: 500, description: 'at most this many cases, newest first (default 500); the header X-Total-Count gives how many match' },
    offset: { type: 'integer', minimum: 0, description: 'skip this many matching cases first (paging with limit)' },
    after: {
      type: 'string',
      minLength: 1,
      maxLength: 1000,
      description: 'a cursor: the page after the one whose response header X-Next-Cursor gave it (without offset); each page then costs the same however deep',
    },
  },
} as const;

export const variablesSchema = {
  type: 'object',
  required: ['variables'],
  additionalProperties: false,
  properties: {
    variables: { type: 'object', minProperties: 1, description: 'process variables to set, merged into the existing ones' },
  },
} as const;

/** The cursor `after` names (a case's start and id), or a 400 naming `after`. */
function instanceCursorOf(text: string, offset: number): InstanceCursor {
  const [startedAt, id] = cursorParts(text, 2, offset);
  return { startedAt: startedAt!, id: id! };
}

export function instancesRouter(store: Store, runtime: Runtime, clock: Clock, naming: Naming): Router {
  return Router()
    .get('/instances', requirePermission('instances.read'), validQuery(instanceQuerySchema), async (req, res) => {
      const principal = signedIn(req.principal);
      const q = req.query as { definition?: string; version?: number; status?: InstanceStatus; businessKey?: string; businessKeyStartsWith?: string; overdue?: boolean; dueBefore?: string; finishedLate?: boolean; incident?: boolean; archived?: boolean; limit?: number; offset?: number; after?: string };
      if (q.version !== undefined && !q.definition) throw new ValidationError('version needs definition: a version number names a version of one definition', { fields: [{ field: 'version', message: 'needs definition' }] });
      const now = clock.now();
      const filter: InstanceFilter = {
        definitionKey: q.definition,
        definitionVersion: q.version,
        provider: seesEveryProvider(principal) ? undefined : principal.provider,
        status: q.status,
        businessKey: q.businessKey,
        businessKeyStartsWith: q.businessKeyStartsWith,
        overdueAt: q.overdue === true ? now.toISOString() : undefined,
        notOverdueAt: q.overdue === false ? now.toISOString() : undefined,
        dueBefore: q.dueBefore && new Date(q.dueBefore).toISOString(),
        finishedLate: q.finishedLate,
        withIncident: q.incident,
      };
      const limit = q.limit ?? 500;
      const after = q.after === undefined ? undefined : instanceCursorOf(q.after, q.offset ?? 0);
      // An archived case is finished with no open incident: never overdue, never with an incident.
      const noArchived = q.overdue === true || q.incident === true;
      const [rows, { total, capped }] = q.archived
        ? noArchived
          ? [[], { total: 0, capped: false }]
          : await Promise.all([store.archive.list(filter, limit, q.offset ?? 0, after), store.archive.count(filter)])
        : await Promise.all([store.instances.list(filter, limit, q.offset ?? 0, after), store.instances.count(filter)]);
      const incidents = q.archived ? new Map<string, number>() : await store.incidents.openCounts(rows.map((r) => r.id));
      res.set('X-Total-Count', String(total));
      if (capped) res.set('X-Total-Count-Capped', 'true');
      const last = rows[rows.length - 1];
      if (last && rows.length === limit) res.set('X-Next-Cursor', cursorText([last.startedAt, last.id]));
      res.json(await Promise.all(rows.map((r) => withNames(naming, { ...r, overdue: isOverdue(r, now), finishedLate: isFinishedLate(r), openIncidents: incidents.get(r.id) ?? 0, archived: q.archived === true }))));
    })
    .get('/instances/:id', requirePermission('instances.read'), async (req, res) => {
      const id = String(req.params.id);
      await visibleCase(store, signedIn(req.principal), id);
      const details = await runtime.details(id);
      const [history, tasks, incidents, jobs, archived] = await Promise.all([
        store.history.byInstance(id),
        store.tasks.list({ instanceId: id }),
        store.incidents.list({ instanceId: id }),
        store.jobs.listByInstance(id),
        store.archive.has(id),
      ]);
      const { definitionId, startedBy } = details.instance;
      const people = await displayNames(store.users, [startedBy, ...history.map((h) => h.actor), ...tasks.flatMap((x) => [x.assignee, x.completedBy])]);
      res.json({
        ...(await instanceView(details, naming)),
        providerNames: await serviceProviderNames(store, details.instance, details.variables),
        people,
        tasks: await rowsWithNames(naming, definitionId, tasks),
        jobs,
        incidents,
        history: await rowsWithNames(naming, definitionId, history),
        takenFlows: takenFlowsOf(history),
        archived,
      });
    })
    // The audit trail: whether the instance's history hash chain is intact, and where it first breaks.
    .get('/instances/:id/audit', requirePermission('instances.read'), async (req, res) => {
      const instance = await visibleCase(store, signedIn(req.principal), String(req.params.id));
      const report = await store.audit.verify(instance.id);
      if (!report) throw new NotFoundError(`no instance with id "${req.params.id}"`, { instanceId: req.params.id });
      res.json(report);
    })
    .post('/instances/:id/cancel', requirePermission('instances.manage'), async (req, res) => {
      res.json(await instanceView(await runtime.cancel(String(req.params.id), actorOf(req)), naming));
    })
    .put('/instances/:id/variables', requirePermission('instances.manage'), validBody(variablesSchema), async (req, res) => {
      res.json(await instanceView(await runtime.setInstanceVariables(String(req.params.id), req.body.variables, actorOf(req)), naming));
    });
}

/**
 * The sequence flows a case took, by id, each once, in the order their sources left: the steps record them
 * on the `activity.left` row of each flow's source (`data.taken`).
 */
export function takenFlowsOf(history: readonly { type: string; data: Record<string, unknown> | null }[]): string[] {
  const flows = new Set<string>();
  for (const row of history) {
    const taken = row.type === 'activity.left' ? row.data?.taken : undefined;
    if (Array.isArray(taken)) for (const id of taken) if (typeof id === 'string') flows.add(id);
  }
  return [...flows];
}
