import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { historyTypes } from '../../src/store/index.js';

const locales = path.join(import.meta.dirname, '../../src/web/locales/monitor');
const strings = (language: string) => JSON.parse(fs.readFileSync(path.join(locales, `${language}.json`), 'utf8')).monitor;

/**
 * The case page's history names every kind of row the engine writes, in each language a clerk can
 * choose: a raw `decision.evaluated` on a Kazakh page is what the trial met.
 */
describe('history labels', () => {
  for (const language of ['kk', 'ru', 'en']) {
    it(`names every kind of history row in ${language}, and each decision table the processes use`, () => {
      const monitor = strings(language);
      const missing = historyTypes.filter((type) => typeof monitor.history.types[type] !== 'string' || !monitor.history.types[type].trim());
      expect(missing, `history types without a ${language} label`).to.deep.equal([]);
      for (const key of ['eventOccurred', 'interrupted']) expect(monitor.history.variants[key], key).to.be.a('string').and.not.equal('');
      expect(monitor.history.decision.none).to.include('{{decision}}');
      const tables = fs.readdirSync(path.join(import.meta.dirname, '../../processes')).filter((f) => f.endsWith('.dmn'));
      for (const file of tables) {
        const ids = [...fs.readFileSync(path.join(import.meta.dirname, '../../processes', file), 'utf8').matchAll(/<decision id="([^"]+)"/g)].map((m) => m[1]!);
        for (const id of ids) expect(monitor.decisions[id], `${id} in ${language}`).to.be.a('string').and.not.equal('');
      }
    });
  }
});
