import type { Knex } from 'knex';

/**
 * The Housing Provision Center's provider (seed 003) as the directory's demo seed once wrote it,
 * with unbalanced quotes — «Отбасы банк» тұрғын үй құрылыс жинақ банкі» АҚ, the outer opening
 * quote missing, and in Russian the outer closing one — is written as the seeds write the bank's
 * name: the bank's own name in "…" inside the company's «…». Only those exact texts change: a
 * name an admin typed differently is theirs and stays.
 */
const names: [string, string][] = [
  ['«Отбасы банк» тұрғын үй құрылыс жинақ банкі» АҚ', '«"Отбасы банк" тұрғын үй құрылыс жинақ банкі» АҚ'],
  ['АО «Жилищный строительный сберегательный банк «Отбасы банк»', 'АО «Жилищный строительный сберегательный банк "Отбасы банк"»'],
];

async function rename(knex: Knex, pairs: [string, string][]): Promise<void> {
  for (const row of (await knex('providers').select('id', 'services')) as { id: string; services: string }[]) {
    const services = JSON.parse(row.services) as Record<string, Record<string, string>>;
    let changed = false;
    for (const body of Object.values(services)) {
      for (const [language, text] of Object.entries(body)) {
        const to = pairs.find(([from]) => from === text)?.[1];
        if (to !== undefined) {
          body[language] = to;
          changed = true;
        }
      }
    }
    if (changed) await knex('providers').where({ id: row.id }).update({ services: JSON.stringify(services) });
  }
}

export async function up(knex: Knex): Promise<void> {
  await rename(knex, names);
}

export async function down(knex: Knex): Promise<void> {
  await rename(knex, names.map(([from, to]) => [to, from]));
}
