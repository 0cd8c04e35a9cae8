import { expect } from 'chai';
import { LiveEngines } from '../../src/engine/runtime/engines.js';
import type { InstanceRow } from '../../src/store/index.js';
import type { LiveEngine } from '../../src/engine/runtime/session.js';

const row = (id: string) => ({ id, revision: 1, activities: [] }) as unknown as InstanceRow;
const kept = (id: string) => ({ live: { id } as unknown as LiveEngine, variables: {} });

/** The kept engines' memory grows with their definitions' size: the cache bounds both count and flow elements. */
describe('live engines kept between steps', () => {
  it('keeps at most `capacity` engines, the oldest out first', () => {
    const engines = new LiveEngines(2);
    for (const id of ['a', 'b', 'c']) engines.keep(row(id), kept(id), 50);
    expect(engines.take('a')).to.equal(undefined);
    expect(engines.take('b')?.row.id).to.equal('b');
    expect(engines.take('c')?.row.id).to.equal('c');
  });

  it('keeps at most capacity × 100 flow elements: big diagrams push the oldest out, one bigger than that is not kept', () => {
    const engines = new LiveEngines(4); // 400 flow elements
    engines.keep(row('small1'), kept('small1'), 50);
    engines.keep(row('small2'), kept('small2'), 50);
    engines.keep(row('big1'), kept('big1'), 300);
    engines.keep(row('big2'), kept('big2'), 300); // 700 > 400: small1, small2 and big1 go
    expect(['small1', 'small2', 'big1'].map((id) => engines.take(id))).to.deep.equal([undefined, undefined, undefined]);
    expect(engines.take('big2')?.row.id).to.equal('big2');

    engines.keep(row('huge'), kept('huge'), 2000);
    expect(engines.take('huge')).to.equal(undefined);
  });

  it('frees the weight of what it gives back, so that later engines fit', () => {
    const engines = new LiveEngines(2); // 200 flow elements
    engines.keep(row('a'), kept('a'), 150);
    expect(engines.take('a')?.row.id).to.equal('a');
    engines.keep(row('b'), kept('b'), 150);
    engines.keep(row('b'), kept('b'), 150); // kept again after its next step: counted once
    expect(engines.take('b')?.row.id).to.equal('b');
  });
});
