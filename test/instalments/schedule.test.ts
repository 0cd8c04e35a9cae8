import { expect } from 'chai';
import { createWorkingCalendar } from '../../src/calendar/index.js';
import { addCalendarDays, instalmentApplicationProblems, instalmentDue, instalmentSchedule, InstalmentPlanError, toTiyn } from '../../src/instalments/index.js';

/** Thousands are grouped with no-break spaces, as amounts are printed. */
const nbsp = (s: string) => s.replace(/(\d) (?=\d{3}\b)/g, '$1\u00a0');
const calendar = createWorkingCalendar();
const workingDayOnOrAfter = (date: string) => {
  let d = date;
  while (!calendar.day(d).working) d = addCalendarDays(d, 1);
  return d;
};

/** Seed 002 Appendix 2 and para 8: instalments up to 10 years, at least 30 % down, paid within 30 calendar days of the agreement. */
describe('instalments (src/instalments)', () => {
  describe('the schedule', () => {
    it('splits 12 480 000 tenge with 30 % down over 10 years into 120 monthly instalments of 72 800 tenge, the first a month after the contribution is due', () => {
      const s = instalmentSchedule({ priceTiyn: 1_248_000_000, downPaymentTiyn: 374_400_000, years: 10, agreementDate: '2026-03-02' });
      expect(s.downPaymentDue).to.equal('2026-04-01');
      expect(s.restTiyn).to.equal(873_600_000);
      expect(s.instalments).to.have.length(120);
      expect(s.instalments.every((i) => i.amountTiyn === 7_280_000)).to.equal(true);
      expect(s.instalments.slice(0, 3).map((i) => [i.number, i.due, i.remainingTiyn])).to.deep.equal([
        [1, '2026-05-01', 866_320_000],
        [2, '2026-06-01', 859_040_000],
        [3, '2026-07-01', 851_760_000],
      ]);
      expect(s.instalments.at(-1)).to.deep.equal({ number: 120, due: '2036-04-01', amountTiyn: 7_280_000, remainingTiyn: 0 });
    });

    it('keeps every tiyn when the rest does not divide: the first instalments carry one tiyn more, and the sum is exact', () => {
      // 10 000 000 tenge, 3 000 000 down, 3 years: 7 000 000 / 36 = 194 444.44(4) tenge.
      const s = instalmentSchedule({ priceTiyn: 1_000_000_000, downPaymentTiyn: 300_000_000, years: 3, agreementDate: '2026-03-02' });
      expect(s.instalments.filter((i) => i.amountTiyn === 19_444_445).map((i) => i.number)).to.deep.equal(Array.from({ length: 16 }, (_, i) => i + 1));
      expect(s.instalments.filter((i) => i.amountTiyn === 19_444_444)).to.have.length(20);
      expect(s.instalments.reduce((sum, i) => sum + i.amountTiyn, 0)).to.equal(700_000_000);
      expect(s.instalments.at(-1)!.remainingTiyn).to.equal(0);
    });

    it('falls due on the same day of each month, or the month\'s last day when it has none (29 February in a leap year)', () => {
      const s = instalmentSchedule({ priceTiyn: 600_000_000, downPaymentTiyn: 180_000_000, years: 2, agreementDate: '2026-01-01' });
      expect(s.downPaymentDue).to.equal('2026-01-31');
      expect(s.instalments.slice(0, 4).map((i) => i.due)).to.deep.equal(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
      expect(s.instalments[24 - 1]!.due).to.equal('2028-01-31');
      expect(instalmentSchedule({ priceTiyn: 600_000_000, downPaymentTiyn: 180_000_000, years: 2, agreementDate: '2026-07-01' }).instalments.slice(0, 3).map((i) => i.due)).to.deep.equal(['2026-08-31', '2026-09-30', '2026-10-31']);
      expect(instalmentSchedule({ priceTiyn: 600_000_000, downPaymentTiyn: 180_000_000, years: 3, agreementDate: '2026-12-31' }).instalments.map((i) => i.due)).to.include('2028-02-29');
    });

    it('moves a due date on a day off to the next working day by the Kazakhstan calendar: 1 May 2026 (Unity Day, a Friday) to Monday 4 May, a Sunday contribution to Monday', () => {
      const s = instalmentSchedule({ priceTiyn: 1_248_000_000, downPaymentTiyn: 374_400_000, years: 10, agreementDate: '2026-03-02' }, { workingDayOnOrAfter });
      expect(s.downPaymentDue).to.equal('2026-04-01');
      expect(s.instalments.slice(0, 2).map((i) => i.due)).to.deep.equal(['2026-05-04', '2026-06-01']);
      // 6 March + 30 days = Sunday 5 April.
      const sunday = instalmentSchedule({ priceTiyn: 1_248_000_000, downPaymentTiyn: 374_400_000, years: 1, agreementDate: '2026-03-06' }, { workingDayOnOrAfter });
      expect(sunday.downPaymentDue).to.equal('2026-04-06');
      // The next months keep the contribution's own day (the 5th), not the moved one.
      expect(sunday.instalments.slice(0, 2).map((i) => i.due)).to.deep.equal(['2026-05-05', '2026-06-05']);
    });

    it('refuses 29 % down, all of it down, 11 years, or a date that is none, naming the field', () => {
      const plan = { priceTiyn: 1_248_000_000, downPaymentTiyn: 374_400_000, years: 10, agreementDate: '2026-03-02' };
      const refusal = (changes: Partial<typeof plan>) => {
        try {
          instalmentSchedule({ ...plan, ...changes });
        } catch (err) {
          expect(err).to.be.instanceOf(InstalmentPlanError);
          return [(err as InstalmentPlanError).field, (err as Error).message];
        }
        return undefined;
      };
      expect(refusal({ downPaymentTiyn: 361_920_000 })).to.deep.equal(['downPaymentTiyn', nbsp('downPaymentTiyn must be at least 30 % of the residual value (3 744 000 tenge; Appendix 2 to the Rules)')]);
      expect(refusal({ downPaymentTiyn: 374_399_999 })?.[0]).to.equal('downPaymentTiyn');
      expect(refusal({ downPaymentTiyn: 1_248_000_000 })?.[1]).to.match(/less than the residual value/);
      expect(refusal({ years: 11 })).to.deep.equal(['years', 'years must be a whole number of years from 1 to 10 (Appendix 2 to the Rules)']);
      expect(refusal({ years: 0 })?.[0]).to.equal('years');
      expect(refusal({ agreementDate: '2026-02-30x' })?.[0]).to.equal('agreementDate');
      expect(refusal({ priceTiyn: 12.5 })?.[0]).to.equal('priceTiyn');
      // 30 % exactly is allowed, as is 30 % of an odd tiyn count rounded up.
      expect(refusal({ downPaymentTiyn: 374_400_000 })).to.equal(undefined);
      expect(refusal({ priceTiyn: 1_000_000_001, downPaymentTiyn: 300_000_001 })).to.equal(undefined);
      expect(refusal({ priceTiyn: 1_000_000_001, downPaymentTiyn: 300_000_000 })?.[0]).to.equal('downPaymentTiyn');
    });
  });

  describe('an instalment as a payment check needs it', () => {
    it('gives instalment k\'s due date and all owed by then — the contribution and instalments 1 to k — and nothing past the last', () => {
      const schedule = instalmentSchedule({ priceTiyn: 1_248_000_000, downPaymentTiyn: 374_400_000, years: 10, agreementDate: '2026-03-02' }, { workingDayOnOrAfter });
      expect(instalmentDue(schedule, 1)).to.deep.equal({ number: 1, due: '2026-05-04', amountTiyn: 7_280_000, cumulativeTiyn: 381_680_000 });
      expect(instalmentDue(schedule, 3)).to.deep.equal({ number: 3, due: '2026-07-01', amountTiyn: 7_280_000, cumulativeTiyn: 396_240_000 });
      expect(instalmentDue(schedule, 120)).to.include({ due: '2036-04-01', cumulativeTiyn: 1_248_000_000 });
      expect(instalmentDue(schedule, 121)).to.equal(undefined);
      expect(instalmentDue(schedule, 0)).to.equal(undefined);
    });
  });

  describe('tenge to tiyn', () => {
    it('reads the decimal the person typed, never a float product', () => {
      expect(toTiyn(12_480_000)).to.equal(1_248_000_000);
      expect(toTiyn(3_744_000.5)).to.equal(374_400_050);
      // 0.07 * 100 is 7.000000000000001 in floating point; read as text it is 7 tiyn.
      expect(toTiyn(0.07)).to.equal(7);
      expect(toTiyn(1.1)).to.equal(110);
      expect(toTiyn('3744000.50')).to.equal(374_400_050);
    });
    it('refuses fractions of a tiyn, negative amounts and what no safe integer holds', () => {
      for (const bad of [1.005, -5, 1e21, Number.NaN, '12 480 000', '']) expect(() => toTiyn(bad)).to.throw(RangeError);
    });
  });

  describe('the application form rule', () => {
    const application = { privatizationMethod: 'instalments', residualValue: 12_480_000, downPayment: 3_744_000, instalmentYears: 10 };
    it('accepts 30 % down and checks only applications by instalments', () => {
      expect(instalmentApplicationProblems(application)).to.deep.equal([]);
      expect(instalmentApplicationProblems({ ...application, privatizationMethod: 'redemption', downPayment: 1 })).to.deep.equal([]);
    });
    it('names downPayment when it is 29 %, and a residual value in fractions of a tiyn', () => {
      expect(instalmentApplicationProblems({ ...application, downPayment: 3_619_200 })).to.deep.equal([{ field: 'downPayment', message: nbsp('must be at least 30 % of the residual value (3 744 000 tenge; Appendix 2 to the Rules)') }]);
      expect(instalmentApplicationProblems({ ...application, residualValue: 12_480_000.001 })).to.deep.equal([{ field: 'residualValue', message: 'must be in tenge with at most two decimals (tiyn)' }]);
    });
  });
});
