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

/** A name as the screens show it too: the documents print kk and ru, the web app also en. */
export interface Trilingual extends Bilingual {
  en: string;
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
export const defaultProvider: Record<Regulation, Trilingual> = {
  national: { kk: 'Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі', ru: 'Отдел занятости и социальных программ', en: 'Department of Employment and Social Programmes' },
  almaty: {
    kk: 'Алматы қалалық Жұмыспен қамту және әлеуметтік бағдарламалар басқармасының аудандық бөлімі',
    ru: 'Районный отдел Управления занятости и социальных программ города Алматы',
    en: 'District Department of the Almaty City Department of Employment and Social Programmes',
  },
};

/**
 * The acts that require a hearing before a refusal (Administrative Procedural Code art. 73), each
 * as its own header names it (/work/shared/seeds 001, 002, 003), with the paragraph that sets the
 * hearing. The hearing's notice names the act its caller runs under by number and date.
 */
export type HearingAct = 'stateHousingQueue' | 'privatization' | 'housingProvisionCenter';
export const hearingActKeys: readonly HearingAct[] = ['stateHousingQueue', 'privatization', 'housingProvisionCenter'];

export interface HearingActCitation {
  number: string;
  /** YYYY-MM-DD: the order's date. */
  date: string;
  title: Bilingual;
  /** Russian genitive, after "пункт 13 …". */
  ruGenitive: string;
  /** The paragraph that sets the hearing: "13-тармағы" / "пункт 13". */
  paragraph: number;
  /** The body that provides the service the act governs (the documents' header names it). */
  provider: Trilingual;
}

export const hearingActs: Record<HearingAct, HearingActCitation> = {
  /** Seed 001: order No. 441 of 13.08.2021 (registered 19.08.2021, No. 24039); the hearing in para 13. */
  stateHousingQueue: {
    number: '441',
    date: '2021-08-13',
    title: {
      kk: 'Қазақстан Республикасы Индустрия және инфрақұрылымдық даму министрінің міндетін атқарушының 2021 жылғы 13 тамыздағы № 441 бұйрығымен бекітілген «Мемлекеттік тұрғын үй қорынан тұрғын үйге немесе жергілікті атқарушы орган жеке тұрғын үй қорынан жалдаған тұрғын үйге мұқтаж Қазақстан Республикасы азаматтарын есепке қою» мемлекеттік қызмет көрсету қағидалары',
      ru: 'Правила оказания государственной услуги «Постановка на учет граждан Республики Казахстан, нуждающихся в жилище из государственного жилищного фонда или жилище, арендованном местным исполнительным органом в частном жилищном фонде», утвержденные приказом исполняющего обязанности Министра индустрии и инфраструктурного развития Республики Казахстан от 13.08.2021 № 441',
    },
    ruGenitive: 'Правил оказания государственной услуги «Постановка на учет граждан Республики Казахстан, нуждающихся в жилище из государственного жилищного фонда или жилище, арендованном местным исполнительным органом в частном жилищном фонде», утвержденных приказом исполняющего обязанности Министра индустрии и инфраструктурного развития Республики Казахстан от 13.08.2021 № 441',
    paragraph: 13,
    provider: { kk: 'Жергілікті атқарушы органның тұрғын үй қатынастары бөлімі', ru: 'Отдел жилищных отношений местного исполнительного органа', en: 'Housing Relations Department of the Local Executive Body' },
  },
  /** Seed 002: order No. 437 of 12.08.2021 (registered 13.08.2021, No. 23983); the hearing in para 10. */
  privatization: {
    number: '437',
    date: '2021-08-12',
    title: {
      kk: 'Қазақстан Республикасы Индустрия және инфрақұрылымдық даму министрінің міндетін атқарушының 2021 жылғы 12 тамыздағы № 437 бұйрығымен бекітілген «Мемлекеттік тұрғын үй қорынан тұрғын үйді жекешелендіру» мемлекеттік қызмет көрсету қағидалары',
      ru: 'Правила оказания государственной услуги «Приватизация жилищ из государственного жилищного фонда», утвержденные приказом исполняющего обязанности Министра индустрии и инфраструктурного развития Республики Казахстан от 12.08.2021 № 437',
    },
    ruGenitive: 'Правил оказания государственной услуги «Приватизация жилищ из государственного жилищного фонда», утвержденных приказом исполняющего обязанности Министра индустрии и инфраструктурного развития Республики Казахстан от 12.08.2021 № 437',
    paragraph: 10,
    provider: { kk: 'Жергілікті атқарушы орган', ru: 'Местный исполнительный орган', en: 'Local Executive Body' },
  },
  /** Seed 003: order No. 130 of 17.04.2025 (registered 21.04.2025, No. 36002); the hearing in para 17. */
  housingProvisionCenter: {
    number: '130',
    date: '2025-04-17',
    title: {
      kk: 'Қазақстан Республикасы Өнеркәсіп және құрылыс министрінің міндетін атқарушының 2025 жылғы 17 сәуірдегі № 130 бұйрығымен бекітілген Тұрғын үйге мұқтаж Қазақстан Республикасының азаматтарын, қандастарды «Тұрғын үймен қамтамасыз ету орталығы» электрондық базасында есепке қою қағидалары',
      ru: 'Правила постановки на учет граждан Республики Казахстан, нуждающихся в жилище, кандасов в электронной базе «Центр обеспечения жильем», утвержденные приказом исполняющего обязанности Министра промышленности и строительства Республики Казахстан от 17.04.2025 № 130',
    },
    ruGenitive: 'Правил постановки на учет граждан Республики Казахстан, нуждающихся в жилище, кандасов в электронной базе «Центр обеспечения жильем», утвержденных приказом исполняющего обязанности Министра промышленности и строительства Республики Казахстан от 17.04.2025 № 130',
    paragraph: 17,
    provider: { kk: '«"Отбасы банк" тұрғын үй құрылыс жинақ банкі» АҚ', ru: 'АО «Жилищный строительный сберегательный банк "Отбасы банк"»', en: 'Otbasy Bank Housing Construction Savings Bank JSC' },
  },
};

/** Administrative Procedural Code art. 73, on which every hearing rests (seed 002 para 10, seed 003 para 17). */
export const administrativeProceduralCode = {
  kk: 'Қазақстан Республикасы Әкімшілік рәсімдік-процестік кодексінің 73-бабы',
  ru: 'статья 73 Административного процедурно-процессуального кодекса Республики Казахстан',
  ruGenitive: 'статьи 73 Административного процедурно-процессуального кодекса Республики Казахстан',
} as const;
