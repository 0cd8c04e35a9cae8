import type { Principal } from '../auth/index.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors/index.js';
import type { InstanceRow, Store, TaskRow, TaskVisibility } from '../store/index.js';

/**
 * Who sees and works which cases and tasks. A case belongs to one provider; so do its tasks.
 * - An admin (`instances.manage`) sees every provider's.
 * - Anyone else sees only their own provider's cases (`instances.read`), and of its open tasks:
 *   a head (`tasks.reassign`) all, to share them out; a clerk (`tasks.work`) those of their
 *   candidate groups, offered to them by name, or claimed by them.
 */
export function signedIn(principal: Principal | undefined): Principal {
  if (!principal) throw new UnauthorizedError('sign in first (POST /api/auth/login)');
  return principal;
}

export const seesEveryProvider = (p: Principal) => p.permissions.includes('instances.manage');

/** The tasks a principal may list, as a store filter; undefined: all. */
export function taskVisibility(p: Principal): TaskVisibility | undefined {
  if (seesEveryProvider(p)) return undefined;
  if (p.permissions.includes('tasks.reassign') || !p.permissions.includes('tasks.work')) return { provider: p.provider };
  return { provider: p.provider, groups: p.groups, user: p.username };
}

/** Whether the principal may see this task (reading it, its form). */
export function maySeeTask(p: Principal, task: TaskRow): boolean {
  const scope = taskVisibility(p);
  if (!scope) return true;
  if (task.provider !== scope.provider) return false;
  if (!scope.groups) return true;
  return task.assignee === p.username || task.candidateUsers.includes(p.username) || task.candidateGroups.some((g) => scope.groups!.includes(g));
}

/**
 * A task hidden from the principal is answered as not found, as if it did not exist: its id says
 * nothing about another provider's cases.
 */
export function visibleTask(p: Principal, task: TaskRow | undefined, taskId: string): TaskRow {
  if (!task || !maySeeTask(p, task)) throw new NotFoundError(`no task with id "${taskId}"`, { taskId });
  return task;
}

/** A clerk works the tasks they see; a head or admin may also claim them for someone else. */
export function mayWork(p: Principal, task: TaskRow): void {
  if (!p.permissions.includes('tasks.work') && !seesEveryProvider(p)) throw new ForbiddenError(`${p.username} does not work tasks: roles ${p.roles.join(', ')} do not grant "tasks.work"`, { permission: 'tasks.work' });
  if (!maySeeTask(p, task)) throw new NotFoundError(`no task with id "${task.id}"`, { taskId: task.id });
}

/** Heads and admins reassign and unclaim anyone's tasks. */
export const mayReassign = (p: Principal) => p.permissions.includes('tasks.reassign') || seesEveryProvider(p);

/** Whether the principal may see a case of `provider`. */
export function maySeeCase(p: Principal, provider: string): boolean {
  return seesEveryProvider(p) || (p.permissions.includes('instances.read') && provider === p.provider);
}

/** The case, if the principal may see it; otherwise 404, as for one that does not exist. */
export async function visibleCase(store: Pick<Store, 'instances'>, p: Principal, instanceId: string): Promise<Omit<InstanceRow, 'state'>> {
  const instance = await store.instances.get(instanceId);
  if (!instance || !maySeeCase(p, instance.provider)) throw new NotFoundError(`no instance with id "${instanceId}"`, { instanceId });
  return instance;
}
