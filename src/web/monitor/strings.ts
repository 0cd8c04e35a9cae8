import { addStrings } from '../i18n';
import en from '../locales/monitor/en.json';
import kk from '../locales/monitor/kk.json';
import ru from '../locales/monitor/ru.json';

// The monitor's words (keys under `monitor`), added once when any of its pages loads.
addStrings({ kk, ru, en });
