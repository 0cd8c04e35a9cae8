import { addStrings } from '../i18n';
import en from '../locales/formsadmin/en.json';
import kk from '../locales/formsadmin/kk.json';
import ru from '../locales/formsadmin/ru.json';
import inboxEn from '../locales/inbox/en.json';
import inboxKk from '../locales/inbox/kk.json';
import inboxRu from '../locales/inbox/ru.json';

// The forms screen's words, and the inbox's, whose form rendering the preview shares (its field
// and button words), so that the page reads right when the inbox was never opened. The modeler's
// roll-out notice brings the same words with it.
addStrings({ en: inboxEn, kk: inboxKk, ru: inboxRu });
addStrings({ en, kk, ru });
