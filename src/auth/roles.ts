/**
 * Roles, the BPMN candidate groups each may work, and what each may do. A role is held within one
 * provider (a district department, a State Corporation branch, the bank); its groups are the
 * `camunda:candidateGroups` the diagrams name for the lanes of that provider.
 */
export const roles = ['operator', 'executor', 'head', 'commission', 'analyst', 'admin', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  /** List, claim, unclaim and complete tasks of one's groups and provider. */
  'tasks.work',
  /** Reassign or unclaim anyone's tasks of one's provider (a head covers a clerk on leave). */
  'tasks.reassign',
  /** Start cases (applications accepted at the State Corporation or received from the portal). */
  'instances.start',
  /** Read cases, their history, documents and audit trail. */
  'instances.read',
  /** Cancel cases, set their variables, retry incidents, move the manual clock. */
  'instances.manage',
  /** Deploy diagrams and forms. */
  'definitions.deploy',
  /** Evaluate a deployed decision table on given variables, to test it (POST /api/decisions/{key}/evaluate). */
  'decisions.evaluate',
  /** Edit the working-time calendar's overrides. */
  'calendar.edit',
  /** Add, list and disable accounts; export what is held about a person. */
  'accounts.manage',
  /** Change the installation's settings the acts leave open (the waiting list's income limit). */
  'settings.edit',
  /** Read the housing waiting lists in queue order (GET /api/queues/{list}; seed 001). */
  'queues.read',
] as const;
export type Permission = (typeof permissions)[number];

interface Grant {
  /** Candidate groups of the diagrams whose tasks the role works. */
  groups: readonly string[];
  permissions: readonly Permission[];
}

const grants: Record<Role, Grant> = {
  // The State Corporation's operator accepts packages, issues receipts and hands results over.
  operator: { groups: ['stateCorporation'], permissions: ['tasks.work', 'instances.start', 'instances.read'] },
  // The provider's responsible executor (the Almaty regulation's specialist) reviews and decides.
  // The waiting list is kept by the responsible unit's employee and its head (seed 001 paras 10–13).
  executor: { groups: ['executors', 'specialists'], permissions: ['tasks.work', 'instances.start', 'instances.read', 'queues.read'] },
  head: { groups: ['heads'], permissions: ['tasks.work', 'tasks.reassign', 'instances.read', 'queues.read'] },
  commission: { groups: ['commission'], permissions: ['tasks.work', 'instances.read'] },
  analyst: { groups: [], permissions: ['definitions.deploy', 'decisions.evaluate', 'instances.read'] },
  // As Camunda's admin group: every permission.
  admin: { groups: [], permissions: [...permissions] },
  auditor: { groups: [], permissions: ['instances.read', 'queues.read'] },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** The candidate groups the roles work, each once. */
export function groupsOf(held: readonly Role[]): string[] {
  return [...new Set(held.flatMap((role) => grants[role].groups))];
}

/** What the roles may do together, in the order of {@link permissions}. */
export function permissionsOf(held: readonly Role[]): Permission[] {
  const granted = new Set(held.flatMap((role) => grants[role].permissions));
  return permissions.filter((p) => granted.has(p));
}
