import { defaultProvider, hearingActs, type HearingAct, type Regulation, type Trilingual } from './acts.js';

/**
 * Which body provides a service, by service key: a process's definition key, or a regulation
 * (`national`, `almaty`) for every process of it that names no body of its own. The acts name
 * them (seed 000 para 3, seed 001, 002, 003); a provider's directory entry (the `providers` table,
 * GET /api/providers) may name another body for its own cases. Documents and screens both resolve
 * names with `serviceBody`, so a case's PDFs and its page never disagree.
 */
export type ServiceBodies = Readonly<Record<string, Trilingual>>;

export const actServiceKeys: Readonly<Record<HearingAct, string>> = {
  stateHousingQueue: 'housing-queue-registration',
  privatization: 'privatization',
  housingProvisionCenter: 'housing-center-registration',
};

/** The bodies the acts name, used when a provider's directory entry names none for the service. */
export const actServiceBodies: ServiceBodies = {
  national: defaultProvider.national,
  almaty: defaultProvider.almaty,
  'housing-queue-registration': hearingActs.stateHousingQueue.provider,
  // The waiting list is kept by the body that registers it (seed 001).
  'waiting-list-update': hearingActs.stateHousingQueue.provider,
  privatization: hearingActs.privatization.provider,
  // The housing commission votes for the privatization's provider (seed 002 para 9(1)).
  'commission-vote': hearingActs.privatization.provider,
  'housing-center-registration': hearingActs.housingProvisionCenter.provider,
};

/**
 * The body that provides `serviceKey` (a definition key) under `regulation`: the directory's entry
 * for the key, else the act's body for the key, else the directory's entry for the regulation,
 * else the act's body for the regulation.
 */
export function serviceBody(directory: ServiceBodies | undefined, serviceKey: string, regulation: Regulation): Trilingual {
  return directory?.[serviceKey] ?? actServiceBodies[serviceKey] ?? directory?.[regulation] ?? actServiceBodies[regulation] ?? defaultProvider[regulation];
}
