import { expect } from 'chai';
import { createWorkingCalendar, dueIn } from '../../src/calendar/index.js';

const calendar = createWorkingCalendar();
const at = (local: string) => new Date(local); // instants written with Almaty's offset, +05:00
const due = (now: string, dueAt: string, c = calendar) => dueIn(c, at(now), at(dueAt));

describe('how far a due date is, as the inbox words it', () => {
  it('counts the working days up to the due date, not the day it starts on', () => {
    expect(due('2026-03-02T10:00:00+05:00', '2026-03-04T18:30:00+05:00')).to.deep.equal({ overdue: false, workingDays: 2, hours: 56 });
    expect(due('2026-03-04T15:30:00+05:00', '2026-03-04T18:30:00+05:00')).to.deep.equal({ overdue: false, workingDays: 0, hours: 3 });
    expect(due('2026-03-04T18:10:00+05:00', '2026-03-04T18:30:00+05:00')).to.deep.equal({ overdue: false, workingDays: 0, hours: 0 });
  });

  it('skips weekends and the days off by law (9 March 2026 is the substitute for 8 March)', () => {
    // Friday 6 March to Tuesday 10 March: only Tuesday is a working day between them.
    expect(due('2026-03-06T17:00:00+05:00', '2026-03-10T18:30:00+05:00')).to.deep.equal({ overdue: false, workingDays: 1, hours: 97 });
    expect(due('2026-03-10T12:00:00+05:00', '2026-03-04T18:30:00+05:00')).to.deep.equal({ overdue: true, workingDays: 3, hours: 137 });
  });

  it('follows the decrees that move days', () => {
    const decreed = createWorkingCalendar([{ date: '2026-03-07', kind: 'workingDay', reason: 'decree' }]);
    expect(due('2026-03-06T17:00:00+05:00', '2026-03-10T18:30:00+05:00', decreed).workingDays).to.equal(2);
  });

  it('counts Almaty dates, whatever the UTC date of the instants', () => {
    // Tuesday 02:00 in Almaty is still Monday in UTC; the task due at 09:00 is due the same day.
    expect(due('2026-03-03T02:00:00+05:00', '2026-03-03T09:00:00+05:00')).to.deep.equal({ overdue: false, workingDays: 0, hours: 7 });
  });
});
