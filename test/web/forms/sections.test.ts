import { expect } from 'chai';
import { inDroppedSection, withoutEmptySections } from '../../../src/web/forms/sections.js';

describe('web forms: optional sections left empty', () => {
  const schema = {
    type: 'object',
    required: ['applicant'],
    properties: {
      applicant: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      representative: {
        type: 'object',
        required: ['fullName', 'powerOfAttorney'],
        properties: { fullName: { type: 'string' }, powerOfAttorney: { type: 'object', properties: { date: { type: 'string' }, notarised: { type: 'boolean' } } } },
      },
      familyMembers: { type: 'array' },
    },
  };

  it('drops an optional section with nothing filled in, at any depth, and keeps required ones', () => {
    const data = { applicant: {}, representative: { fullName: '', powerOfAttorney: { date: undefined } }, familyMembers: [] };
    expect(withoutEmptySections(schema, data)).to.deep.equal({ applicant: {}, familyMembers: [] });
  });

  it('keeps a section as soon as anything in it is filled or ticked; a box left unticked is nothing filled', () => {
    expect(withoutEmptySections(schema, { representative: { fullName: 'Ахметов Д.' } })).to.deep.equal({ representative: { fullName: 'Ахметов Д.' } });
    expect(withoutEmptySections(schema, { representative: { powerOfAttorney: { notarised: true } } })).to.deep.equal({ representative: { powerOfAttorney: { notarised: true } } });
    expect(withoutEmptySections(schema, { representative: { powerOfAttorney: { notarised: false } } })).to.deep.equal({});
    // Within a section being filled in, a section it requires stays, so that its fields are asked for.
    expect(withoutEmptySections(schema, { representative: { fullName: 'А', powerOfAttorney: { date: '' } } })).to.deep.equal({ representative: { fullName: 'А', powerOfAttorney: { date: '' } } });
  });

  it("tells rjsf's errors inside a dropped optional section from those it must show", () => {
    const data = { applicant: {}, representative: { fullName: '' } };
    expect(inDroppedSection(schema, data, '.representative.fullName')).to.equal(true);
    expect(inDroppedSection(schema, data, '.representative.powerOfAttorney.date')).to.equal(true);
    expect(inDroppedSection(schema, data, '.applicant.name')).to.equal(false);
    expect(inDroppedSection(schema, data, '.familyMembers')).to.equal(false);
    // Once the representative is being filled in, their required fields are asked for.
    const filling = { representative: { fullName: 'Ахметов Д.' } };
    expect(inDroppedSection(schema, filling, '.representative.iin')).to.equal(false);
  });
});
