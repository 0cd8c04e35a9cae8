import { actServiceKeys, hearingActKeys, regulationOf, serviceBody, type HearingAct, type Trilingual } from '../documents/index.js';
import type { InstanceRow, Store } from '../store/index.js';

/**
 * The body that provides this case's service, in Kazakh, Russian and English — what its documents'
 * header names (src/documents/providers.ts): the service is the top caller's (a hearing or a
 * commission vote serves the case that called it; a hearing started alone the act it names), and
 * the case's provider's directory entry may name the body.
 */
export async function serviceProviderNames(store: Pick<Store, 'instances' | 'providers'>, instance: Pick<InstanceRow, 'definitionKey' | 'parentInstanceId' | 'provider'>, variables: Record<string, unknown>): Promise<Trilingual> {
  let root: Pick<InstanceRow, 'definitionKey' | 'parentInstanceId'> = instance;
  // A call chain is a few levels deep; the bound only guards against a damaged parent link.
  for (let depth = 0; root.parentInstanceId && depth < 16; depth++) {
    const parent = await store.instances.get(root.parentInstanceId);
    if (!parent) break;
    root = parent;
  }
  const act = root === instance && hearingActKeys.includes(variables.act as HearingAct) ? (variables.act as HearingAct) : undefined;
  const directory = (await store.providers.get(instance.provider))?.services;
  return serviceBody(directory, act ? actServiceKeys[act] : root.definitionKey, regulationOf(root.definitionKey, variables.regulation));
}

/**
 * username → display name of the accounts among `usernames` (who started a case, acted in its
 * history, holds or completed its tasks); names that are no account (the job executor `jobs`) are left out.
 */
export async function displayNames(users: Pick<Store['users'], 'get'>, usernames: Iterable<string | null | undefined>): Promise<Record<string, string>> {
  const people: Record<string, string> = {};
  for (const username of new Set([...usernames].filter((u): u is string => !!u))) {
    const account = await users.get(username);
    if (account?.displayName) people[username] = account.displayName;
  }
  return people;
}
