import { expect } from 'chai';
import { createWorkingCalendar, formatLocal, type Term } from '../../src/calendar/index.js';
import { ValidationError } from '../../src/errors/index.js';

const at = (local: string) => new Date(local); // instants written with Almaty's offset, +05:00
const calendar = createWorkingCalendar();
const deadline = (start: string, term: Partial<Term> & Pick<Term, 'amount' | 'unit'>, c = calendar) => {
  const { registeredAt, dueAt } = c.deadline(at(start), { schedule: 'provider', ...term });
  return { registeredAt: formatLocal(registeredAt), dueAt: formatLocal(dueAt) };
};

describe('Kazakhstan working-time calendar', () => {
  describe('days off by law', () => {
    const daysOffOnWeekdays = (year: number) =>
      createWorkingCalendar()
        .year(year)
        .filter((d) => !d.working && ![0, 6].includes(new Date(`${d.date}T12:00:00Z`).getUTCDay()))
        .map((d) => `${d.date} ${d.kind}${d.name ? ` ${d.name.en}` : ''}`);

    it('gives 2026 every holiday and moves the weekend ones as the Labour Code does (Nauryz 21–25 March)', () => {
      expect(daysOffOnWeekdays(2026)).to.deep.equal([
        '2026-01-01 holiday New Year\'s Day',
        '2026-01-02 holiday New Year\'s Day',
        '2026-01-07 holiday Orthodox Christmas',
        '2026-03-09 substitute International Women\'s Day',
        '2026-03-23 holiday Nauryz',
        '2026-03-24 substitute Nauryz',
        '2026-03-25 substitute Nauryz',
        '2026-05-01 holiday People\'s Unity Day',
        '2026-05-07 holiday Defender of the Fatherland Day',
        '2026-05-11 substitute Victory Day',
        '2026-05-27 holiday Eid al-Adha',
        '2026-07-06 holiday Capital City Day',
        '2026-10-26 substitute Republic Day',
        '2026-12-16 holiday Independence Day',
      ]);
      expect(createWorkingCalendar().year(2026).filter((d) => d.working)).to.have.length(247);
    });

    it('names every holiday in Kazakh, not with the Russian name the holiday package gives for 7 January', () => {
      const names = createWorkingCalendar().year(2027).filter((d) => d.kind === 'holiday').map((d) => `${d.date} ${d.name!.kk}`);
      expect(names).to.include('2027-01-07 Православиелік Рождество').and.include('2027-03-15 Конституция күні');
      expect(names.filter((n) => /Христово/.test(n))).to.deep.equal([]);
    });

    it('gives 2025 its days off, 30 August on a Saturday moving to 1 September', () => {
      expect(daysOffOnWeekdays(2025)).to.deep.equal([
        '2025-01-01 holiday New Year\'s Day',
        '2025-01-02 holiday New Year\'s Day',
        '2025-01-07 holiday Orthodox Christmas',
        '2025-03-10 substitute International Women\'s Day',
        '2025-03-21 holiday Nauryz',
        '2025-03-24 substitute Nauryz',
        '2025-03-25 substitute Nauryz',
        '2025-05-01 holiday People\'s Unity Day',
        '2025-05-07 holiday Defender of the Fatherland Day',
        '2025-05-09 holiday Victory Day',
        '2025-06-06 holiday Eid al-Adha',
        '2025-07-07 substitute Capital City Day',
        '2025-09-01 substitute Constitution Day',
        '2025-10-27 substitute Republic Day',
        '2025-12-16 holiday Independence Day',
      ]);
    });

    it('does not move religious holidays, and moves New Year 2027 past the weekend', () => {
      const c = createWorkingCalendar();
      expect(c.day('2027-05-16')).to.include({ kind: 'holiday', working: false }); // Kurban Ait on a Sunday
      expect(c.day('2027-05-17')).to.include({ kind: 'working', working: true });
      expect(c.day('2027-01-04')).to.include({ kind: 'substitute', working: false });
      expect(c.day('2027-01-04').name!.ru).to.equal('Новый год');
    });

    it('keeps Constitution Day on 30 August until 2025, has none in 2026, and 15 March from 2027', () => {
      const c = createWorkingCalendar();
      expect(c.day('2025-08-30').kind).to.equal('holiday');
      expect(c.day('2026-03-15').kind).to.equal('weekend');
      expect(c.day('2026-03-16').kind).to.equal('working');
      expect(c.day('2026-08-31').kind).to.equal('working');
      expect(c.day('2027-03-15')).to.deep.include({ kind: 'holiday', name: { kk: 'Конституция күні', ru: 'День Конституции', en: 'Constitution Day' } });
    });

    it('lists every date of a year once', () => {
      const year = createWorkingCalendar().year(2028);
      expect(year).to.have.length(366);
      expect(year[0]!.date).to.equal('2028-01-01');
      expect(year[365]!.date).to.equal('2028-12-31');
    });
  });

  describe('deadlines', () => {
    it('registers a Saturday portal application on Tuesday 09:00 after 8 March and its substitute day, and ends 2 working days on Thursday 18:30', () => {
      expect(deadline('2026-03-07T10:00:00+05:00', { amount: 2, unit: 'workingDays' })).to.deep.equal({
        registeredAt: '2026-03-10T09:00:00+05:00',
        dueAt: '2026-03-12T18:30:00+05:00',
      });
    });

    it('registers during office hours at once, before opening at 09:00, and after closing on the next working day', () => {
      expect(formatLocal(calendar.registrationMoment(at('2026-03-11T13:40:00+05:00'), 'provider'))).to.equal('2026-03-11T13:40:00+05:00');
      expect(formatLocal(calendar.registrationMoment(at('2026-03-11T07:10:00+05:00'), 'provider'))).to.equal('2026-03-11T09:00:00+05:00');
      expect(formatLocal(calendar.registrationMoment(at('2026-03-11T18:30:00+05:00'), 'provider'))).to.equal('2026-03-12T09:00:00+05:00');
      expect(formatLocal(calendar.registrationMoment(at('2026-03-20T19:00:00+05:00'), 'provider'))).to.equal('2026-03-26T09:00:00+05:00');
    });

    it('counts a term across Nauryz', () => {
      expect(deadline('2026-03-19T10:00:00+05:00', { amount: 3, unit: 'workingDays' }).dueAt).to.equal('2026-03-27T18:30:00+05:00');
    });

    it('counts a term across 16 December', () => {
      expect(deadline('2026-12-14T11:00:00+05:00', { amount: 3, unit: 'workingDays' }).dueAt).to.equal('2026-12-18T18:30:00+05:00');
    });

    it('moves a calendar-day term whose last day is a Sunday to Monday', () => {
      expect(deadline('2026-11-04T10:00:00+05:00', { amount: 4, unit: 'calendarDays' }).dueAt).to.equal('2026-11-09T18:30:00+05:00');
      expect(deadline('2026-11-04T10:00:00+05:00', { amount: 2, unit: 'calendarDays' }).dueAt).to.equal('2026-11-06T18:30:00+05:00');
    });

    it('counts working minutes inside office hours: 20 minutes from Friday 18:25 end on Monday 09:15', () => {
      expect(deadline('2026-11-27T18:25:00+05:00', { amount: 20, unit: 'workingMinutes' }).dueAt).to.equal('2026-11-30T09:15:00+05:00');
    });

    it('skips lunch when counting working minutes and hours', () => {
      expect(deadline('2026-11-25T12:50:00+05:00', { amount: 30, unit: 'workingMinutes' }).dueAt).to.equal('2026-11-25T14:50:00+05:00');
      expect(deadline('2026-11-25T12:00:00+05:00', { amount: 2, unit: 'workingHours' }).dueAt).to.equal('2026-11-25T15:30:00+05:00');
    });

    it('uses the State Corporation hours: open on Saturdays until 20:00, closed on Sundays and on substitute days', () => {
      expect(deadline('2026-03-07T10:00:00+05:00', { amount: 2, unit: 'workingDays', schedule: 'stateCorporation' })).to.deep.equal({
        registeredAt: '2026-03-07T10:00:00+05:00',
        dueAt: '2026-03-11T20:00:00+05:00',
      });
      expect(deadline('2026-03-08T10:00:00+05:00', { amount: 15, unit: 'workingMinutes', schedule: 'stateCorporation' })).to.deep.equal({
        registeredAt: '2026-03-10T09:00:00+05:00',
        dueAt: '2026-03-10T09:15:00+05:00',
      });
    });

    it('follows a decree: 3 January 2026, a Saturday, made a working day shortens a term that spans it', () => {
      const start = '2025-12-31T10:00:00+05:00';
      expect(deadline(start, { amount: 2, unit: 'workingDays' }).dueAt).to.equal('2026-01-06T18:30:00+05:00');
      const decreed = createWorkingCalendar([{ date: '2026-01-03', kind: 'workingDay', reason: 'Government decree: 3 January is a working day' }]);
      expect(decreed.day('2026-01-03')).to.include({ kind: 'decreedWorkingDay', working: true });
      expect(deadline(start, { amount: 2, unit: 'workingDays' }, decreed).dueAt).to.equal('2026-01-05T18:30:00+05:00');
    });

    it('follows a decree that makes a Monday a day off', () => {
      const decreed = createWorkingCalendar([{ date: '2026-11-30', kind: 'dayOff', reason: 'moved from Saturday' }]);
      expect(deadline('2026-11-27T18:25:00+05:00', { amount: 20, unit: 'workingMinutes' }, decreed).dueAt).to.equal('2026-12-01T09:15:00+05:00');
    });

    it('finds the last moment a notice may go so that a term still lies whole before the end (seed 001 para 13, seed 003 para 17)', () => {
      const latest = (dueAt: string, amount: number, unit: 'workingDays' | 'calendarDays', c = calendar) => formatLocal(c.latestBefore(at(dueAt), { amount, unit, schedule: 'provider' }));
      // Ends Friday 27 March 2026: 3 working days before it are 26, 20 and 19 March (Nauryz 23–25 is off).
      expect(latest('2026-03-27T18:30:00+05:00', 3, 'workingDays')).to.equal('2026-03-19T18:30:00+05:00');
      // Ends Wednesday 11 March: 10 March, then 6 and 5 March (9 March is the day off for 8 March).
      expect(latest('2026-03-11T18:30:00+05:00', 3, 'workingDays')).to.equal('2026-03-05T18:30:00+05:00');
      // 15 calendar days before Tuesday 7 April is Monday 23 March, a Nauryz day off: the working day before, Friday 20 March.
      expect(latest('2026-04-07T18:30:00+05:00', 15, 'calendarDays')).to.equal('2026-03-20T18:30:00+05:00');
      const decreed = createWorkingCalendar([{ date: '2026-03-10', kind: 'dayOff', reason: 'decree' }]);
      expect(latest('2026-03-11T18:30:00+05:00', 3, 'workingDays', decreed)).to.equal('2026-03-04T18:30:00+05:00');
      expect(() => calendar.latestBefore(at('2026-03-11T18:30:00+05:00'), { amount: 2, unit: 'workingHours', schedule: 'provider' })).to.throw(ValidationError, /workingDays or calendarDays/);
    });

    it('tells the working minutes left until a deadline, and none once it has passed', () => {
      const due = at('2026-03-12T18:30:00+05:00');
      expect(calendar.remainingMinutes(at('2026-03-12T17:00:00+05:00'), due, 'provider')).to.equal(90);
      expect(calendar.remainingMinutes(at('2026-03-11T12:00:00+05:00'), due, 'provider')).to.equal(60 + 240 + 240 + 240);
      expect(calendar.remainingMinutes(at('2026-03-12T19:00:00+05:00'), due, 'provider')).to.equal(0);
    });

    it('refuses an unknown unit, a count that is not a whole number from 1 to the limit, and an unknown schedule, naming the field', () => {
      const fieldOf = (term: Record<string, unknown>) => {
        try {
          calendar.deadline(at('2026-03-11T10:00:00+05:00'), term as unknown as Term);
        } catch (err) {
          expect(err).to.be.instanceOf(ValidationError);
          return ((err as ValidationError).details as { field: string }).field;
        }
        throw new Error('accepted');
      };
      expect(fieldOf({ amount: 2, unit: 'fortnights' })).to.equal('unit');
      expect(fieldOf({ amount: -1, unit: 'workingDays' })).to.equal('amount');
      expect(fieldOf({ amount: 0, unit: 'workingDays' })).to.equal('amount');
      expect(fieldOf({ amount: 1001, unit: 'calendarDays' })).to.equal('amount');
      expect(fieldOf({ amount: 2.5, unit: 'workingDays' })).to.equal('amount');
      expect(fieldOf({ amount: 2, unit: 'workingDays', schedule: 'akimat' })).to.equal('schedule');
    });

    it('writes instants before March 2024 with the UTC+6 offset Almaty had then', () => {
      expect(formatLocal(new Date('2024-02-27T04:00:00Z'))).to.equal('2024-02-27T10:00:00+06:00');
      expect(formatLocal(new Date('2024-03-04T04:00:00Z'))).to.equal('2024-03-04T09:00:00+05:00');
    });
  });
});
