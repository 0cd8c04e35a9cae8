import { expect } from 'chai';
import { DecisionResultError, mapDecisionResult } from '../../src/decisions/index.js';

describe('decisions: mapDecisionResult (Camunda 7 result shapes)', () => {
  const one = [{ category: 'eligible' }];
  const several = [{ category: 'eligible' }, { category: 'priority' }];
  const wide = [{ category: 'eligible', points: 10 }];

  it('singleEntry: the one value, or null when no rule matched', () => {
    expect(mapDecisionResult('queue', one, 'singleEntry')).to.equal('eligible');
    expect(mapDecisionResult('queue', [], 'singleEntry')).to.equal(null);
  });

  it('singleResult: the one output map, or null', () => {
    expect(mapDecisionResult('queue', wide, 'singleResult')).to.deep.equal({ category: 'eligible', points: 10 });
    expect(mapDecisionResult('queue', [], 'singleResult')).to.equal(null);
  });

  it('collectEntries: the one output of every result', () => {
    expect(mapDecisionResult('queue', several, 'collectEntries')).to.deep.equal(['eligible', 'priority']);
    expect(mapDecisionResult('queue', [], 'collectEntries')).to.deep.equal([]);
  });

  it('resultList: every output map', () => {
    expect(mapDecisionResult('queue', several, 'resultList')).to.deep.equal(several);
  });

  it('refuses a shape the result does not fit, naming decision and mapping', () => {
    expect(() => mapDecisionResult('queue', several, 'singleEntry')).to.throw(DecisionResultError, /queue.*singleEntry.*2 results/);
    expect(() => mapDecisionResult('queue', several, 'singleResult')).to.throw(DecisionResultError, /2 results/);
    expect(() => mapDecisionResult('queue', wide, 'singleEntry')).to.throw(DecisionResultError, /category, points/);
    expect(() => mapDecisionResult('queue', wide, 'collectEntries')).to.throw(DecisionResultError, /2 outputs/);
  });
});
