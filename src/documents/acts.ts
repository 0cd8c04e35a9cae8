/**
 * The acts a citizen's document cites, by number and date as their own headers give them
 * (/work/shared/seeds 000 and 004). A document names the act and the paragraph; it never names
 * a file or an internal code. Texts in Kazakh and Russian, the state languages.
 */
export type Regulation = 'national' | 'almaty';

export interface Bilingual {
  kk: string;
  ru: string;
}

/** Seed 000: order No. 539 of 16.10.2020 (registered with the Ministry of Justice 23.10.2020, No. 21500). */
export const nationalRules = {
  number: '539',
  date: '2020-10-16',
  title: {
    kk: 'Қазақстан Республикасы Индустрия және инфрақұрылымдық даму министрінің міндетін атқарушының 2020 жылғы 16 қазандағы № 539 бұйрығымен бекітілген «Тұрғын үй көмегін тағайындау» мемлекеттік қызмет көрсету қағидалары',
    ru: 'Правила оказания государственной услуги «Назначение жилищной помощи», утвержденные приказом исполняющего обязанности Министра индустрии и инфраструктурного развития Республики Казахстан от 16.10.2020 № 539',
  },
  /** Russian grammar: "пункт 7 Правил …", "Приложение 3 к Правилам …". */
  ruGenitive: 'Правил оказания государственной услуги «Назначение жилищной помощи», утвержденных приказом исполняющего обязанности Министра индустрии и инфраструктурного развития Республики Казахстан от 16.10.2020 № 539',
  ruDative: 'Правилам оказания государственной услуги «Назначение жилищной помощи», утвержденным приказом исполняющего обязанности Министра индустрии и инфраструктурного развития Республики Казахстан от 16.10.2020 № 539',
  /** The short name after the first full citation. */
  short: { kk: 'Қағидалар', ru: 'Правила', ruGenitive: 'Правил' },
} as const;

/**
 * Seed 004: the Almaty akimat's resolution No. 2/226 of 22.06.2017 (registered with the Almaty
 * Justice Department 05.07.2017, No. 1390), which restated the regulation approved by resolution
 * No. 1/20 of 20.01.2016.
 */
export const almatyRegulation = {
  number: '2/226',
  date: '2017-06-22',
  title: {
    kk: 'Алматы қаласы әкімдігінің 2016 жылғы 20 қаңтардағы № 1/20 қаулысымен бекітілген (Алматы қаласы әкімдігінің 2017 жылғы 22 маусымдағы № 2/226 қаулысының редакциясында) «Тұрғын үй көмегін тағайындау» мемлекеттік көрсетілетін қызмет регламенті',
    ru: 'Регламент государственной услуги «Назначение жилищной помощи», утвержденный постановлением акимата города Алматы от 20.01.2016 № 1/20 (в редакции постановления акимата города Алматы от 22.06.2017 № 2/226)',
  },
  ruGenitive: 'Регламента государственной услуги «Назначение жилищной помощи», утвержденного постановлением акимата города Алматы от 20.01.2016 № 1/20 (в редакции постановления акимата города Алматы от 22.06.2017 № 2/226)',
  ruDative: 'Регламенту государственной услуги «Назначение жилищной помощи», утвержденному постановлением акимата города Алматы от 20.01.2016 № 1/20 (в редакции постановления акимата города Алматы от 22.06.2017 № 2/226)',
  short: { kk: 'Регламент', ru: 'Регламент', ruGenitive: 'Регламента' },
} as const;

/** The public service standard seed 004 para 1 names; its Appendix 3 is the receipt's form (004 para 11). */
export const standard319 = {
  kk: 'Қазақстан Республикасы Ұлттық экономика министрінің 2015 жылғы 9 сәуірдегі № 319 бұйрығымен бекітілген «Тұрғын үй көмегін тағайындау» мемлекеттік көрсетілетін қызмет стандарты',
  ru: 'Стандарт государственной услуги «Назначение жилищной помощи», утвержденный приказом Министра национальной экономики Республики Казахстан от 09.04.2015 № 319',
  ruDative: 'Стандарту государственной услуги «Назначение жилищной помощи», утвержденному приказом Министра национальной экономики Республики Казахстан от 09.04.2015 № 319',
} as const;

/** Cited by the Appendix 3 receipt (paragraph 2 of article 20). */
export const publicServicesLaw = {
  kk: 'Қазақстан Республикасының 2013 жылғы 15 сәуірдегі «Мемлекеттік көрсетілетін қызметтер туралы» Заңы',
  kkGenitive: 'Қазақстан Республикасының 2013 жылғы 15 сәуірдегі «Мемлекеттік көрсетілетін қызметтер туралы» Заңының',
  ru: 'Закон Республики Казахстан от 15.04.2013 «О государственных услугах»',
  ruGenitive: 'Закона Республики Казахстан от 15.04.2013 «О государственных услугах»',
} as const;

export const acts: Record<Regulation, typeof nationalRules | typeof almatyRegulation> = { national: nationalRules, almaty: almatyRegulation };

/** Which act a process runs under, by its definition key; a diagram may say so itself with the variable `regulation`. */
export function regulationOf(definitionKey: string, declared?: unknown): Regulation {
  if (declared === 'national' || declared === 'almaty') return declared;
  return definitionKey.endsWith('-almaty') ? 'almaty' : 'national';
}

/** The provider when the process does not name one: the local executive body's department (000 para 3; 004 para 1). */
export const defaultProvider: Record<Regulation, Bilingual> = {
  national: { kk: 'Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі', ru: 'Отдел занятости и социальных программ' },
  almaty: {
    kk: 'Алматы қалалық Жұмыспен қамту және әлеуметтік бағдарламалар басқармасының аудандық бөлімі',
    ru: 'Районный отдел Управления занятости и социальных программ города Алматы',
  },
};
