/**
 * A translated sentence with the full stop an interpolated value already ends with not doubled:
 * `действует с {{date}}.` with the date `7 янв. 2027 г.` reads `действует с 7 янв. 2027 г.`, not
 * `… г..`; so does any value ending in an abbreviation (`мкр.`, an initial `А.`). An ellipsis
 * (`...`) stays as written: only a run of exactly two full stops is one too many.
 */
export function singleFullStops(text: string): string {
  return text.replace(/(?<!\.)\.\.(?!\.)/g, '.');
}
