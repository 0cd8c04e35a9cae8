import type { Engine } from 'bpmn-engine';

/** The part of a bpmn-elements activity API the walk reads. */
export interface PostponedApi {
  executionId: string;
  environment: { variables: Record<string, unknown> };
  owner?: { execution?: { getPostponed?(): PostponedApi[] } };
}

/**
 * Every activity execution the engine still runs or waits in, each once: the process's postponed
 * activities, the iterations of multi-instance ones, and what runs inside sub-processes, at any
 * depth. bpmn-elements lists an activity's own execution among its postponed ones, hence the
 * check by execution id.
 */
export function postponedActivities(engine: Engine): PostponedApi[] {
  const found = new Map<string, PostponedApi>();
  const visit = (apis: PostponedApi[]) => {
    for (const api of apis) {
      if (found.has(api.executionId)) continue;
      found.set(api.executionId, api);
      visit(api.owner?.execution?.getPostponed?.() ?? []);
    }
  };
  const execution = (engine as unknown as { execution?: { definitions: { getPostponed(): PostponedApi[] }[] } }).execution;
  for (const definition of execution?.definitions ?? []) visit(definition.getPostponed());
  return [...found.values()];
}
