import { addDays } from '../../calendar/index.js';
import type { Clock } from '../../clock/index.js';
import { GatewayError, type GatewayClient } from '../../gateway/index.js';
import { BpmnError, type ServiceHandler, type ServiceInput } from './index.js';

/**
 * Service-task handlers that look data up through the e-government gateway instead of asking the
 * citizen for it (seed 000 para 6, 001 para 9, 002 row 8, 003 row 8, 004 para 11). Each reads the
 * applicant's IIN from the variable `iin` and writes its answer under one variable; the README
 * lists them. A person no register knows raises the BPMN error `not-found` (catch it with an
 * error boundary); any other failure is retried and then becomes an incident naming the system.
 */
export function gatewayServices(gateway: GatewayClient, clock: Clock): Record<string, ServiceHandler> {
  const lookup =
    (run: (iin: string, input: ServiceInput) => Promise<Record<string, unknown>>): ServiceHandler =>
    async (input) => {
      const iin = input.variables.iin;
      if (typeof iin !== 'string') throw new Error('the process has no variable "iin" to look up');
      try {
        return await run(iin, input);
      } catch (err) {
        if (err instanceof GatewayError && err.kind === 'not-found') throw new BpmnError('not-found', err.message);
        throw err;
      }
    };
  // Without its own text, a notification says where the result is.
  const text = (input: ServiceInput) => {
    const value = input.variables.notificationText;
    if (typeof value === 'string' && value) return value;
    const caseNumber = input.businessKey ?? input.instanceId;
    return `Мемлекеттік қызмет көрсету нәтижесі жеке кабинетке жіберілді (іс № ${caseNumber}). Результат оказания государственной услуги направлен в личный кабинет (дело № ${caseNumber}).`;
  };
  const fiveYearsAgo = () => {
    const d = clock.now();
    return new Date(Date.UTC(d.getUTCFullYear() - 5, d.getUTCMonth(), d.getUTCDate())).toISOString().slice(0, 10);
  };

  return {
    'gateway.identity': lookup(async (iin) => {
      const applicant = await gateway.identity(iin);
      // The year of birth is a line of the application (seed 000 Appendix 1).
      // age: whole years on the day of the lookup (seed 003 para 6: orphans under 29; para 7: adults).
      return { applicant: { ...applicant, birthYear: Number(applicant.birthDate.slice(0, 4)), age: wholeYears(applicant.birthDate, clock.now()), documentValid: applicant.document.validUntil >= clock.now().toISOString().slice(0, 10) } };
    }),

    'gateway.addresses': lookup(async (iin) => {
      const history = await gateway.addresses(iin);
      const ordered = [...history].sort((a, b) => a.from.localeCompare(b.from));
      const current = ordered.find((a) => a.to === null) ?? ordered[ordered.length - 1]!;
      // Unbroken registration in the current locality, over earlier addresses there too.
      let since = current.from;
      for (let i = ordered.indexOf(current) - 1; i >= 0; i--) {
        const earlier = ordered[i]!;
        if (earlier.locality !== current.locality || (earlier.to !== null && earlier.to < addDays(since, -1))) break;
        since = earlier.from;
      }
      return { addresses: { current, history, yearsInLocality: wholeYears(since, clock.now()) } };
    }),

    'gateway.civilStatus': lookup(async (iin) => {
      const family = await gateway.civilStatus(iin);
      // adults: the living spouse and children of 18 or more, whose own consent seed 003 para 12 and
      // seed 002 Appendices 1–2 require ({ iin, name, birthDate, relationship }).
      const dead = new Set(family.deaths.map((d) => d.iin));
      const adults = [...(family.spouse ? [{ ...family.spouse, relationship: 'spouse' as const }] : []), ...family.children]
        .filter((m) => !dead.has(m.iin) && wholeYears(m.birthDate, clock.now()) >= 18)
        .map(({ iin, name, birthDate, relationship }) => ({ iin, name, birthDate, relationship }));
      return { family: { ...family, size: 1 + (family.spouse ? 1 : 0) + family.children.length, adults } };
    }),

    'gateway.realEstate': lookup(async (iin) => {
      const holdings = await gateway.holdings(iin);
      const since = fiveYearsAgo();
      return {
        housing: {
          ...holdings,
          ownsHousing: holdings.owned.length > 0,
          ownedWithin5Years: holdings.owned.length > 0 || holdings.ownedLast5Years.some((d) => d.until >= since),
          worsenedWithin5Years: holdings.alienations.some((a) => a.date >= since),
          // The first day of the five-year window, so a decision table compares register dates with it.
          fiveYearsBefore: since,
        },
      };
    }),

    // Seed 002 para 9(1): the registered rights (encumbrances) and technical characteristics of the
    // dwelling the applicant rents from the state stock, from the legal cadastre.
    'gateway.dwelling': lookup(async (iin) => ({ dwelling: await gateway.dwelling(iin) })),

    // Seed 003 para 16: an SMS only to a number registered with the portal account.
    'gateway.subscriber': lookup(async (iin) => ({ subscriber: await gateway.subscriber(iin) })),

    'gateway.social': lookup(async (iin) => ({ social: await gateway.social(iin) })),

    'gateway.waitingLists': lookup(async (iin) => ({ waitingLists: await gateway.waitingLists(iin) })),

    'gateway.verifyEds': lookup(async (iin, input) => {
      const serial = input.variables.certificateSerial;
      if (typeof serial !== 'string') throw new Error('the process has no variable "certificateSerial"');
      return { eds: await gateway.verifyCertificate({ iin, serial }) };
    }),

    'gateway.esobes': lookup(async (iin, input) => {
      const service = typeof input.variables.service === 'string' ? input.variables.service : input.topic;
      const { registrationNumber, receivedAt } = await gateway.submitToEsobes({ iin, service, idempotencyKey: input.idempotencyKey });
      return { esobes: { registrationNumber, receivedAt } };
    }),

    // Seed 002 para 8: the price of the dwelling is paid to the local budget within 30 calendar days
    // of the agreement. Reads `agreementNumber`, `amountDueTiyn` (a whole number of tiyn) and, if
    // given, `paymentDueDate` (YYYY-MM-DD: payments after it do not count); writes `payments`.
    'gateway.payments': lookup(async (iin, input) => {
      const { agreementNumber: agreement, amountDueTiyn: due, paymentDueDate: until } = input.variables;
      if (typeof agreement !== 'string' || !agreement) throw new Error('the process has no variable "agreementNumber" (the privatization agreement paid for)');
      if (!Number.isSafeInteger(due) || (due as number) < 0) throw new Error(`amountDueTiyn ${String(due)} is not a whole number of tiyn`);
      if (until !== undefined && until !== null && (typeof until !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(until))) throw new Error(`paymentDueDate "${String(until)}" is not a date (YYYY-MM-DD)`);
      const { payments: all } = await gateway.payments({ iin, agreement });
      const paid = typeof until === 'string' ? all.filter((p) => p.date <= until) : all;
      const paidTiyn = paid.reduce((sum, p) => sum + p.amountTiyn, 0);
      return {
        payments: { agreement, paid, late: all.filter((p) => !paid.includes(p)), paidTiyn, amountDueTiyn: due, covered: paidTiyn >= (due as number), shortfallTiyn: Math.max(0, (due as number) - paidTiyn), lastPaidOn: paid.at(-1)?.date ?? null },
      };
    }),

    'gateway.notifyAccount': lookup(async (iin, input) => {
      const delivery = await gateway.notifyAccount({ iin, text: text(input), idempotencyKey: input.idempotencyKey });
      return { accountNotification: delivery.deliveryId };
    }),

    'gateway.notifySms': lookup(async (iin, input) => {
      const delivery = await gateway.notifySms({ iin, text: text(input), idempotencyKey: input.idempotencyKey });
      return { smsNotification: delivery.deliveryId };
    }),
  };
}

function wholeYears(from: string, now: Date): number {
  const start = new Date(`${from}T00:00:00Z`);
  let years = now.getUTCFullYear() - start.getUTCFullYear();
  if (now.getUTCMonth() < start.getUTCMonth() || (now.getUTCMonth() === start.getUTCMonth() && now.getUTCDate() < start.getUTCDate())) years--;
  return Math.max(0, years);
}
