import { expect } from 'chai';
import { readTypedDate, shownDate } from '../../../src/web/forms/dates.js';

describe('web forms: dates typed as dd.mm.yyyy', () => {
  it('reads a date as clerks type it and gives ISO', () => {
    expect(readTypedDate('25.03.2026')).to.deep.equal({ kind: 'date', iso: '2026-03-25' });
    expect(readTypedDate(' 5.3.2026 ')).to.deep.equal({ kind: 'date', iso: '2026-03-05' });
    expect(readTypedDate('05/03/2026')).to.deep.equal({ kind: 'date', iso: '2026-03-05' });
    expect(readTypedDate('25032026')).to.deep.equal({ kind: 'date', iso: '2026-03-25' });
    // Pasted from a register's answer.
    expect(readTypedDate('2026-03-25')).to.deep.equal({ kind: 'date', iso: '2026-03-25' });
  });

  it('knows the dates the calendar has not, leap days included', () => {
    for (const text of ['31.02.2026', '29.02.2027', '29.02.2100', '31.04.2026', '00.01.2026', '15.13.2026', '2026-02-30']) expect(readTypedDate(text), text).to.deep.equal({ kind: 'impossible' });
    expect(readTypedDate('29.02.2040')).to.deep.equal({ kind: 'date', iso: '2040-02-29' });
    expect(readTypedDate('29.02.2000')).to.deep.equal({ kind: 'date', iso: '2000-02-29' });
  });

  it('tells half a date and an empty field apart', () => {
    for (const text of ['25.03', '25.03.26', '2026', 'вчера', '25..03.2026']) expect(readTypedDate(text), text).to.deep.equal({ kind: 'unreadable' });
    expect(readTypedDate('  ')).to.deep.equal({ kind: 'empty' });
  });

  it('shows ISO as dd.mm.yyyy and what is not a date as it was typed', () => {
    expect(shownDate('2037-12-14')).to.equal('14.12.2037');
    expect(shownDate('31.02.2026')).to.equal('31.02.2026');
    expect(shownDate(undefined)).to.equal('');
  });
});
