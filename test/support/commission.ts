/** The demo password the commission members' accounts are created with in tests. */
export const commissionPassword = 'commission-member-2026';

/** The Almaly district's housing commission as tests create it: [username, display name]; the first is the chair. */
export const commissionMembers = [
  ['zhanar', 'Жанар Сәрсенбаева'],
  ['bolat', 'Болат Оспанов'],
  ['gulnar', 'Гүлнар Әбенова'],
] as const;
