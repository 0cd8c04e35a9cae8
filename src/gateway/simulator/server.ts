import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { iinProblem } from '../iin.js';
import { systems, type Delivery, type DwellingRecord, type MonitoringEntry, type Payment, type SystemName } from '../types.js';
import { citizens, relatives, type Citizen } from './citizens.js';

/** A fault injected into one system: every request to it (or the next `times`) misbehaves. */
export interface Fault {
  system: SystemName;
  kind: 'latency' | 'error' | 'drop' | 'malformed';
  /** latency: how long to wait before answering normally. */
  latencyMs?: number;
  /** error: the HTTP status (default 503). */
  status?: number;
  /** How many requests it affects; unlimited when absent. */
  times?: number;
}

export interface LoggedRequest {
  at: string;
  system: SystemName;
  method: string;
  path: string;
  status: number | null;
  fault: Fault['kind'] | null;
}

const prefixes: Record<string, SystemName> = {
  individuals: 'individuals',
  'civil-status': 'civilStatus',
  'real-estate': 'realEstate',
  social: 'social',
  'waiting-lists': 'waitingLists',
  'e-sobes': 'esobes',
  pki: 'pki',
  notifications: 'notifications',
  payments: 'payments',
  monitoring: 'monitoring',
};

/**
 * The e-government gateway stand-in: the state systems' lookups over a seeded set of fictional
 * citizens, faults injected per system through /admin, and a log of every request and delivery.
 */
export function createSimulatorApp() {
  const byIin = new Map<string, Citizen>(citizens.map((c) => [c.identity.iin, c]));
  let faults: Fault[] = [];
  const requests: LoggedRequest[] = [];
  const deliveries: Delivery[] = [];
  // The monitoring system's entries in the order they arrived, each key once (see POST /monitoring/stages).
  const monitoring: (MonitoringEntry & { entryId: string; idempotencyKey: string; receivedAt: string })[] = [];
  let monitoringDuplicates = 0;
  const applications = new Map<string, { registrationNumber: string; receivedAt: string }>();
  // Payments recorded through /admin/payments (a citizen paying at a bank during a scenario), after the seeded ones.
  let recorded: Payment[] = [];

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());

  app.get('/health', (_req, res) => {
    res.json({ ok: true, citizens: citizens.length });
  });

  // ---- admin: faults and logs
  app.get('/admin/faults', (_req, res) => {
    res.json(faults);
  });
  app.post('/admin/faults', (req, res) => {
    const fault = req.body as Fault;
    if (!(fault.system in systems)) return void res.status(400).json({ error: `system must be one of ${Object.keys(systems).join(', ')}`, field: 'system' });
    if (!['latency', 'error', 'drop', 'malformed'].includes(fault.kind)) return void res.status(400).json({ error: 'kind must be latency, error, drop or malformed', field: 'kind' });
    faults = faults.filter((f) => f.system !== fault.system).concat({ ...fault });
    res.status(201).json(fault);
  });
  app.delete('/admin/faults', (_req, res) => {
    faults = [];
    res.status(204).end();
  });
  app.get('/admin/requests', (req, res) => {
    res.json(req.query.system ? requests.filter((r) => r.system === req.query.system) : requests);
  });
  app.get('/admin/notifications', (_req, res) => {
    res.json(deliveries);
  });
  app.post('/admin/payments', (req, res) => {
    const p = (req.body ?? {}) as Partial<Payment>;
    const problem = iinProblem(String(p.payerIin ?? ''));
    if (problem) return void res.status(400).json({ error: `payerIin: ${problem}`, field: 'payerIin' });
    if (typeof p.agreement !== 'string' || !p.agreement) return void res.status(400).json({ error: 'agreement is required', field: 'agreement' });
    if (!Number.isSafeInteger(p.amountTiyn) || p.amountTiyn! <= 0) return void res.status(400).json({ error: 'amountTiyn must be a positive whole number of tiyn', field: 'amountTiyn' });
    if (typeof p.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(p.date)) return void res.status(400).json({ error: 'date must be YYYY-MM-DD', field: 'date' });
    const payment: Payment = { paymentId: `PAY-ADM-${recorded.length + 1}`, payerIin: p.payerIin!, agreement: p.agreement, amountTiyn: p.amountTiyn!, date: p.date, purpose: typeof p.purpose === 'string' ? p.purpose : `Privatization agreement ${p.agreement}` };
    recorded.push(payment);
    res.status(201).json(payment);
  });
  app.delete('/admin/payments', (_req, res) => {
    recorded = [];
    res.status(204).end();
  });
  app.get('/admin/monitoring', (_req, res) => {
    res.json({ entries: monitoring, duplicates: monitoringDuplicates });
  });
  app.delete('/admin/log', (_req, res) => {
    requests.length = 0;
    deliveries.length = 0;
    monitoring.length = 0;
    monitoringDuplicates = 0;
    res.status(204).end();
  });

  // ---- every system: log, then misbehave if told to
  app.use((req: Request, res: Response, next: NextFunction) => {
    const system = prefixes[req.path.split('/')[1] ?? ''];
    if (!system) return next();
    const entry: LoggedRequest = { at: new Date().toISOString(), system, method: req.method, path: req.path, status: null, fault: null };
    requests.push(entry);
    // A client that gave up closes the connection before the answer: the status stays null.
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    const fault = faults.find((f) => f.system === system);
    if (!fault) return next();
    if (fault.times !== undefined && --fault.times <= 0) faults = faults.filter((f) => f !== fault);
    entry.fault = fault.kind;
    switch (fault.kind) {
      case 'latency':
        return void setTimeout(next, fault.latencyMs ?? 1000);
      case 'error':
        return void res.status(fault.status ?? 503).json({ error: `${systems[system]} is unavailable (injected fault)` });
      case 'drop':
        return void req.socket.destroy();
      case 'malformed':
        return void res.status(200).type('application/json').send('{"lastName": "Akhm');
    }
  });

  const person = (req: Request, res: Response): Citizen | undefined => {
    const iin = String(req.params.iin ?? req.body?.iin ?? '');
    const problem = iinProblem(iin);
    if (problem) return void res.status(400).json({ error: `iin "${iin}" is not valid: ${problem}`, field: 'iin' });
    const citizen = byIin.get(iin);
    if (!citizen) return void res.status(404).json({ error: `no record for IIN ${iin}` });
    return citizen;
  };
  // Relatives sign with certificates of their own and have personal accounts (seed 002 Appendices
  // 1–2, seed 003 para 12), though no register lookup answers for them here.
  const relativeByIin = new Map(relatives.map((r) => [r.iin, r]));
  const signer = (req: Request, res: Response): { iin: string } | undefined => {
    const iin = String(req.body?.iin ?? '');
    const relative = relativeByIin.get(iin);
    return relative && !byIin.has(iin) ? relative : (person(req, res)?.identity);
  };
  const lookup = (path: string, pick: (c: Citizen) => unknown) =>
    app.get(path, (req, res) => {
      const c = person(req, res);
      if (c) res.json(pick(c));
    });

  lookup('/individuals/:iin', (c) => c.identity);
  lookup('/individuals/:iin/addresses', (c) => c.addresses);
  lookup('/civil-status/:iin', (c) => c.family);
  lookup('/real-estate/:iin', (c) => c.holdings);
  // The legal cadastre's record of the dwelling rented from the state stock (seed 002 para 9(1)): made
  // up from the tenancy, the same for the same citizen every time; 404 for someone who rents none.
  app.get('/real-estate/:iin/dwelling', (req, res) => {
    const c = person(req, res);
    if (!c) return;
    const tenancy = c.holdings.stateTenancy;
    if (!tenancy) return void res.status(404).json({ error: `IIN ${c.identity.iin} rents no dwelling from the state housing stock` });
    res.json(dwellingOf(c.identity.iin, tenancy));
  });
  lookup('/social/:iin', (c) => c.social);
  lookup('/waiting-lists/:iin', (c) => c.waitingLists);
  // The payment gateway knows payers, not residents: an IIN nobody paid from answers an empty list.
  app.get('/payments/:iin', (req, res) => {
    const iin = String(req.params.iin);
    const problem = iinProblem(iin);
    if (problem) return void res.status(400).json({ error: `iin "${iin}" is not valid: ${problem}`, field: 'iin' });
    const agreement = typeof req.query.agreement === 'string' ? req.query.agreement : '';
    if (!agreement) return void res.status(400).json({ error: 'agreement is required', field: 'agreement' });
    const all = [...(byIin.get(iin)?.payments ?? []), ...recorded.filter((p) => p.payerIin === iin)];
    res.json({ payerIin: iin, agreement, payments: all.filter((p) => p.agreement === agreement).sort((a, b) => a.date.localeCompare(b.date)) });
  });
  lookup('/notifications/:iin/subscriber', (c) => ({ phoneRegistered: c.portal.phoneRegistered, phone: c.portal.phoneRegistered ? c.phone : null }));

  app.post('/e-sobes/applications', (req, res) => {
    const c = person(req, res);
    if (!c) return;
    const key = req.get('Idempotency-Key');
    if (!key) return void res.status(400).json({ error: 'Idempotency-Key header is required', field: 'Idempotency-Key' });
    const known = applications.get(key);
    if (known) return void res.json({ ...known, duplicate: true });
    const application = { registrationNumber: `ES-${String(applications.size + 1).padStart(6, '0')}`, receivedAt: new Date().toISOString() };
    applications.set(key, application);
    res.status(201).json({ ...application, duplicate: false });
  });

  app.post('/pki/verify', (req, res) => {
    const c = signer(req, res);
    if (!c) return;
    const serial = String(req.body?.serial ?? '');
    const holder = [...citizens, ...relatives].find((x) => x.eds.serial === serial);
    if (!holder) return void res.status(404).json({ error: `no certificate ${serial}`, field: 'serial' });
    const { state, iin } = holder.eds;
    res.json({ serial, valid: state === 'valid', revoked: state === 'revoked', expired: state === 'expired', certificateIin: iin, confirmed: state === 'valid' && iin === c.iin });
  });

  app.post('/pki/authenticate', (req, res) => {
    const c = person(req, res);
    if (c) res.json({ authenticated: !c.portal.blocked && req.body?.password === c.portal.password });
  });

  const notify = (channel: Delivery['channel']) => (req: Request, res: Response) => {
    const c = signer(req, res);
    if (!c) return;
    const key = req.get('Idempotency-Key');
    if (!key) return void res.status(400).json({ error: 'Idempotency-Key header is required', field: 'Idempotency-Key' });
    if (typeof req.body?.text !== 'string' || !req.body.text) return void res.status(400).json({ error: 'text is required', field: 'text' });
    const earlier = deliveries.find((d) => d.channel === channel && d.idempotencyKey === key && !d.duplicate);
    const delivery: Delivery = earlier
      ? { ...earlier, at: new Date().toISOString(), duplicate: true }
      : { deliveryId: randomUUID(), channel, iin: c.iin, text: req.body.text, idempotencyKey: key, at: new Date().toISOString(), duplicate: false };
    deliveries.push(delivery);
    res.status(earlier ? 200 : 201).json(delivery);
  };
  app.post('/notifications/account', notify('account'));

  // The monitoring system (seed 002 para 11 and the other seeds' like paragraphs): Qyzmet's own
  // interface, since the acts give none. An entry per Idempotency-Key; a repeat answers the first.
  app.post('/monitoring/stages', (req, res) => {
    const key = req.get('Idempotency-Key');
    if (!key) return void res.status(400).json({ error: 'Idempotency-Key header is required', field: 'Idempotency-Key' });
    const e = (req.body ?? {}) as Partial<MonitoringEntry>;
    for (const field of ['caseNumber', 'instanceId', 'service', 'provider', 'at'] as const) if (typeof e[field] !== 'string' || !e[field]) return void res.status(400).json({ error: `${field} is required`, field });
    if (!['registered', 'stepTakenUp', 'resultIssued', 'complaintReceived'].includes(String(e.stage))) return void res.status(400).json({ error: 'stage must be registered, stepTakenUp, resultIssued or complaintReceived', field: 'stage' });
    const earlier = monitoring.find((m) => m.idempotencyKey === key);
    if (earlier) {
      monitoringDuplicates++;
      return void res.status(200).json({ entryId: earlier.entryId, duplicate: true });
    }
    const entry = { caseNumber: e.caseNumber!, instanceId: e.instanceId!, service: e.service!, provider: e.provider!, stage: e.stage!, elementId: typeof e.elementId === 'string' ? e.elementId : null, at: e.at!, entryId: randomUUID(), idempotencyKey: key, receivedAt: new Date().toISOString() };
    monitoring.push(entry);
    res.status(201).json({ entryId: entry.entryId, duplicate: false });
  });
  app.post('/notifications/sms', notify('sms'));

  app.use((_req, res) => {
    res.status(404).json({ error: 'no such endpoint' });
  });
  return app;
}

/** Serves the simulator; resolves with its URL once it listens. */
export async function startSimulator(port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(createSimulatorApp());
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A dwelling's cadastral record, derived from the citizen's IIN and tenancy so it never changes between runs. */
function dwellingOf(iin: string, tenancy: NonNullable<Citizen['holdings']['stateTenancy']>): DwellingRecord {
  const n = (from: number, to: number) => Number(iin.slice(from, to));
  const rooms = 1 + (n(10, 11) % 3);
  const totalArea = 32 + rooms * 14 + (n(8, 10) % 9);
  const owner: DwellingRecord['rights'][number] =
    tenancy.holder === 'republicanInstitution'
      ? { kind: 'republicanOwnership', holder: 'Қазақстан Республикасы / Республика Казахстан', registeredOn: '2001-06-01' }
      : { kind: 'communalOwnership', holder: 'Алматы қаласының коммуналдық меншігі / коммунальная собственность города Алматы', registeredOn: '2001-06-01' };
  const manager: DwellingRecord['rights'] =
    tenancy.holder === 'communal' ? [] : [{ kind: 'operationalManagement', holder: tenancy.holder === 'republicanInstitution' ? 'Республикалық мемлекеттік мекеме / республиканское государственное учреждение' : 'Коммуналдық мемлекеттік мекеме / коммунальное государственное учреждение', registeredOn: tenancy.date }];
  return {
    cadastral: `20:3${iin.slice(0, 2)}:0${iin.slice(2, 4)}:${iin.slice(4, 7)}:${iin.slice(7, 9)}`,
    address: tenancy.address,
    rights: [owner, ...manager],
    encumbrances: [],
    technical: { totalArea, livingArea: totalArea - 12, rooms, floor: 1 + (n(9, 10) % 5), floors: 5, builtYear: 1970 + (n(6, 8) % 20), walls: 'panel' },
  };
}

