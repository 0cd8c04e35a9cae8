import { Router } from 'express';
import { NotFoundError, ValidationError } from '../../errors/index.js';
import { GatewayError, iinProblem, type GatewayClient } from '../../gateway/index.js';
import type { EventLog } from '../../log/index.js';
import { actorOf } from '../actor.js';
import { signedIn } from '../access.js';
import { requirePermission } from '../auth.js';

/**
 * What an application form shows of its applicant before the case exists: the identity (name,
 * birth, identity document) and the current registered address, from the individuals register
 * through the e-government gateway. Only these fields leave the server (Law No. 94-V art. 7: no
 * more personal data than the purpose needs); court restrictions and the rest stay with the case's
 * own lookups.
 */
export interface ApplicantView {
  iin: string;
  lastName: string;
  firstName: string;
  middleName: string;
  /** ISO date. */
  birthDate: string;
  birthYear: number;
  document: { type: string; number: string; issuedBy: string; issuedAt: string; validUntil: string };
  /** The current registered address (the one with no end date), or null when the register has none. */
  address: string | null;
}

/**
 * GET /api/applicants/:iin for whoever starts cases (instances.start): the State Corporation
 * operator fills the application with the register's data instead of the citizen's word.
 * Answers 400 naming `iin` for a malformed IIN, 404 naming `iin` for a person no register knows
 * (or when no gateway is configured), 502 naming the state system when the gateway fails. Each
 * lookup is logged as `applicant.lookedUp` with the actor and provider (the IIN masked, as in
 * every log line): no case exists yet to record it in.
 */
export function applicantsRouter(gateway: GatewayClient | undefined, log: EventLog | undefined): Router {
  return Router().get('/applicants/:iin', requirePermission('instances.start'), async (req, res) => {
    const iin = String(req.params.iin);
    const problem = iinProblem(iin);
    if (problem) throw new ValidationError(`iin: not a valid IIN: ${problem}`, { field: 'iin' });
    if (!gateway) throw new NotFoundError('iin: no e-government gateway is configured, so no register can be asked', { field: 'iin' });
    const principal = signedIn(req.principal);
    log?.info({ event: 'applicant.lookedUp', actor: actorOf(req), provider: principal.provider, iin }, 'applicant looked up in the individuals register');
    let view: ApplicantView;
    try {
      const [identity, addresses] = await Promise.all([gateway.identity(iin), gateway.addresses(iin)]);
      const current = addresses.find((a) => a.to === null) ?? [...addresses].sort((a, b) => a.from.localeCompare(b.from)).at(-1);
      const { lastName, firstName, middleName, birthDate, document } = identity;
      view = { iin, lastName, firstName, middleName, birthDate, birthYear: Number(birthDate.slice(0, 4)), document, address: current?.address ?? null };
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      if (err.kind === 'not-found') throw new NotFoundError(`iin: ${err.message}`, { field: 'iin', system: err.system });
      if (err.kind === 'invalid-request') throw new ValidationError(`iin: ${err.message}`, { field: 'iin', system: err.system });
      // The state system failed, not the request: a gateway error the clerk can retry, said as such.
      log?.warn({ event: 'applicant.lookupFailed', system: err.system, kind: err.kind, err }, 'applicant lookup failed at the gateway');
      res.status(502).json({ error: `the e-government gateway did not answer: ${err.message}`, details: { system: err.system, kind: err.kind } });
      return;
    }
    res.set('Cache-Control', 'no-store').json(view);
  });
}
