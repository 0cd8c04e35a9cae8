import { expect } from 'chai';
import { singleFullStops } from '../../src/web/sentence.js';

/** The web app's sentences (src/web/i18n.ts runs every translation through this). */
describe('web app: a sentence ending with a value that ends in a full stop', () => {
  it('has one full stop after a Russian date ("… 2027 г."), an abbreviation or an initial, wherever the sentence ends', () => {
    expect(singleFullStops('Версия 2 развёрнута, действует с 7 янв. 2027 г..')).to.equal('Версия 2 развёрнута, действует с 7 янв. 2027 г.');
    expect(singleFullStops('Задача передана: Касымова А.. Откройте её.')).to.equal('Задача передана: Касымова А. Откройте её.');
    expect(singleFullStops('Адрес: г. Алматы, мкр. 8, д. 12..')).to.equal('Адрес: г. Алматы, мкр. 8, д. 12.');
  });

  it('keeps an ellipsis, a lone full stop and text with none as written', () => {
    expect(singleFullStops('Загрузка...')).to.equal('Загрузка...');
    expect(singleFullStops('Version 2 deployed, effective from 7 Jan 2027.')).to.equal('Version 2 deployed, effective from 7 Jan 2027.');
    expect(singleFullStops('2027 ж. 7 қаңтар')).to.equal('2027 ж. 7 қаңтар');
  });
});
