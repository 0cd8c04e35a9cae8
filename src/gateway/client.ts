import { iinProblem } from './iin.js';
import { systems, type MonitoringEntry, type MonitoringReceipt, type AddressRecord, type CertificateCheck, type CivilStatus, type Delivery, type DwellingRecord, type Holdings, type Identity, type Payments, type SocialStatus, type Subscriber, type SystemName, type WaitingLists } from './types.js';

/** A lookup failed; `system` says which state system, `kind` how. */
export class GatewayError extends Error {
  constructor(
    readonly system: SystemName,
    readonly kind: 'invalid-request' | 'not-found' | 'timeout' | 'unavailable' | 'malformed',
    message: string,
    readonly status?: number
  ) {
    super(`${systems[system]}: ${message}`);
    this.name = 'GatewayError';
  }
}

export interface GatewayClient {
  identity(iin: string): Promise<Identity>;
  /** Registered addresses, oldest first; the current one has `to: null`. */
  addresses(iin: string): Promise<AddressRecord[]>;
  civilStatus(iin: string): Promise<CivilStatus>;
  holdings(iin: string): Promise<Holdings>;
  /** The registered rights, encumbrances and technical characteristics of the dwelling the person rents from the state stock; `not-found` when they rent none. */
  dwelling(iin: string): Promise<DwellingRecord>;
  social(iin: string): Promise<SocialStatus>;
  waitingLists(iin: string): Promise<WaitingLists>;
  /** Sends an application to E-sobes (seed 004 process 5); a repeated key returns the first registration. */
  submitToEsobes(request: { iin: string; service: string; idempotencyKey: string }): Promise<{ registrationNumber: string; receivedAt: string; duplicate: boolean }>;
  verifyCertificate(request: { iin: string; serial: string }): Promise<CertificateCheck>;
  authenticate(request: { iin: string; password: string }): Promise<{ authenticated: boolean }>;
  /** A message to the personal account; a repeated key is not delivered twice. */
  notifyAccount(request: { iin: string; text: string; idempotencyKey: string }): Promise<Delivery>;
  notifySms(request: { iin: string; text: string; idempotencyKey: string }): Promise<Delivery>;
  /** Whether the person's mobile number is registered with the portal account. */
  subscriber(iin: string): Promise<Subscriber>;
  /** What the payer paid for a privatization agreement (none: an empty list), oldest first; amounts in tiyn. */
  payments(request: { iin: string; agreement: string }): Promise<Payments>;
  /** Enters a case's stage into the monitoring system (Qyzmet's own interface: the acts give none); a repeated key is entered once. */
  monitorStage(entry: MonitoringEntry, idempotencyKey: string): Promise<MonitoringReceipt>;
}

type Shape = Record<string, 'string' | 'number' | 'boolean' | 'object' | 'array' | 'object|null'>;

/** The fields each answer must have; anything else is a malformed answer, not data. */
const shapes = {
  identity: { iin: 'string', lastName: 'string', firstName: 'string', birthDate: 'string', citizenship: 'string', document: 'object', courtRestrictions: 'object' },
  civilStatus: { maritalStatus: 'string', children: 'array', deaths: 'array', spouse: 'object|null' },
  holdings: { owned: 'array', ownedLast5Years: 'array', alienations: 'array', movedOut: 'array', accommodated: 'array', emergencyHousing: 'object|null', stateTenancy: 'object|null', privatized: 'object|null', stateMortgage: 'object|null' },
  dwelling: { cadastral: 'string', address: 'string', rights: 'array', encumbrances: 'array', technical: 'object' },
  social: { income12Months: 'number', employment: 'object', benefits: 'array', unemployedRegistered: 'boolean', housingAssistanceBefore: 'boolean' },
  waitingLists: { republicanDatabase: 'boolean', unifiedWaitingList: 'object|null' },
  esobes: { registrationNumber: 'string', receivedAt: 'string', duplicate: 'boolean' },
  certificate: { serial: 'string', valid: 'boolean', revoked: 'boolean', expired: 'boolean', certificateIin: 'string', confirmed: 'boolean' },
  authentication: { authenticated: 'boolean' },
  subscriber: { phoneRegistered: 'boolean' },
  delivery: { deliveryId: 'string', channel: 'string', duplicate: 'boolean' },
  payments: { payerIin: 'string', agreement: 'string', payments: 'array' },
  monitoring: { entryId: 'string', duplicate: 'boolean' },
} satisfies Record<string, Shape>;

function fits(value: unknown, shape: Shape): boolean {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return Object.entries(shape).every(([field, type]) => {
    const x = v[field];
    if (type === 'array') return Array.isArray(x);
    if (type === 'object|null') return x === null || (typeof x === 'object' && !Array.isArray(x));
    return typeof x === type && x !== null;
  });
}

export function createGatewayClient(options: { baseUrl: string; timeoutMs: number }): GatewayClient {
  const base = options.baseUrl.replace(/\/$/, '');

  async function call<T>(system: SystemName, method: 'GET' | 'POST', path: string, shape: Shape, body?: { iin?: string; [k: string]: unknown }, idempotencyKey?: string): Promise<T> {
    // Every lookup is about a person; a monitoring entry is about a case and names nobody.
    if (system !== 'monitoring') {
      const iin = body?.iin ?? decodeURIComponent(path.split('?')[0]!.split('/')[2] ?? '');
      const problem = iinProblem(iin);
      if (problem) throw new GatewayError(system, 'invalid-request', `iin "${iin}" is not valid: ${problem}`, 400);
    }

    let res: globalThis.Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError') throw new GatewayError(system, 'timeout', `no answer within ${options.timeoutMs} ms`);
      throw new GatewayError(system, 'unavailable', `connection failed (${e.cause?.code ?? e.cause?.message ?? e.message})`);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      const e = err as Error;
      throw new GatewayError(system, e.name === 'TimeoutError' ? 'timeout' : 'unavailable', `the answer broke off (${e.message})`, res.status);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      if (res.status >= 500) throw new GatewayError(system, 'unavailable', `HTTP ${res.status}`, res.status);
      throw new GatewayError(system, 'malformed', `HTTP ${res.status} with a body that is not JSON`, res.status);
    }
    const message = (payload as { error?: string })?.error;
    if (res.status === 404) throw new GatewayError(system, 'not-found', message ?? 'not found', 404);
    if (res.status >= 400 && res.status < 500) throw new GatewayError(system, 'invalid-request', message ?? `HTTP ${res.status}`, res.status);
    if (res.status >= 500) throw new GatewayError(system, 'unavailable', `HTTP ${res.status}${message ? ` (${message})` : ''}`, res.status);
    if (!fits(payload, shape)) throw new GatewayError(system, 'malformed', 'the answer lacks required fields', res.status);
    return payload as T;
  }

  const at = (iin: string) => encodeURIComponent(iin);
  return {
    identity: (iin) => call('individuals', 'GET', `/individuals/${at(iin)}`, shapes.identity),
    async addresses(iin) {
      const list = await call<unknown>('individuals', 'GET', `/individuals/${at(iin)}/addresses`, {});
      if (!Array.isArray(list)) throw new GatewayError('individuals', 'malformed', 'addresses are not a list');
      return list as AddressRecord[];
    },
    civilStatus: (iin) => call('civilStatus', 'GET', `/civil-status/${at(iin)}`, shapes.civilStatus),
    holdings: (iin) => call('realEstate', 'GET', `/real-estate/${at(iin)}`, shapes.holdings),
    dwelling: (iin) => call('realEstate', 'GET', `/real-estate/${at(iin)}/dwelling`, shapes.dwelling),
    social: (iin) => call('social', 'GET', `/social/${at(iin)}`, shapes.social),
    waitingLists: (iin) => call('waitingLists', 'GET', `/waiting-lists/${at(iin)}`, shapes.waitingLists),
    submitToEsobes: ({ iin, service, idempotencyKey }) => call('esobes', 'POST', '/e-sobes/applications', shapes.esobes, { iin, service }, idempotencyKey),
    verifyCertificate: ({ iin, serial }) => call('pki', 'POST', '/pki/verify', shapes.certificate, { iin, serial }),
    authenticate: ({ iin, password }) => call('pki', 'POST', '/pki/authenticate', shapes.authentication, { iin, password }),
    notifyAccount: ({ iin, text, idempotencyKey }) => call('notifications', 'POST', '/notifications/account', shapes.delivery, { iin, text }, idempotencyKey),
    notifySms: ({ iin, text, idempotencyKey }) => call('notifications', 'POST', '/notifications/sms', shapes.delivery, { iin, text }, idempotencyKey),
    subscriber: (iin) => call('notifications', 'GET', `/notifications/${at(iin)}/subscriber`, shapes.subscriber),
    monitorStage: (entry, idempotencyKey) => call('monitoring', 'POST', '/monitoring/stages', shapes.monitoring, { ...entry }, idempotencyKey),
    async payments({ iin, agreement }) {
      const answer = await call<Payments>('payments', 'GET', `/payments/${at(iin)}?agreement=${encodeURIComponent(agreement)}`, shapes.payments);
      // Money must be whole tiyn: a fraction would be float drift somewhere upstream, not a payment.
      if (!answer.payments.every((p) => Number.isSafeInteger(p?.amountTiyn) && typeof p.date === 'string' && typeof p.purpose === 'string')) throw new GatewayError('payments', 'malformed', 'a payment lacks a whole amountTiyn, a date or a purpose');
      return answer;
    },
  };
}
