import type { myTicketsEn } from './my-tickets.en';

/** Messages en français : les pages support du demandeur (`/support`, `/support/tickets/:id`) et leur lien de menu. */
export const myTicketsFr: Record<keyof typeof myTicketsEn, string> = {
  'title.myTickets': 'Mes demandes de support',
  'support.myTickets.title': 'Mes demandes de support',
  'support.myTickets.intro': 'Suivez vos demandes à l’informatique, répondez à ses questions et demandez de l’aide.',
  'support.myTickets.back': 'Retour au tableau de bord',
  'userMenu.myTickets': 'Support — mes demandes',
};
