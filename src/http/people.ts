import type { Names } from '../engine/index.js';
import type { Store } from '../store/index.js';

/**
 * The provider that accounts and cases naming none belong to (QYZMET_DEFAULT_PROVIDER) is the local
 * executive body's department the Rules make the provider when nobody is named (seed 000 para 3),
 * as the documents name it. Other providers are named by their ids until a directory of providers exists.
 */
const defaultProviderNames: Names = {
  kk: 'Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
  ru: 'Отдел занятости и социальных программ',
  en: 'Department of Employment and Social Programmes',
};

/** A provider's name in Kazakh, Russian and English; null for one the server knows only by id. */
export function providerNames(provider: string, defaultProvider: string): Names | null {
  return provider === defaultProvider ? defaultProviderNames : null;
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
