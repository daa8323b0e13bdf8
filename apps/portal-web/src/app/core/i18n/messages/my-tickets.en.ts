/** English messages: the requester's support pages (`/support`, `/support/tickets/:id`) and their menu link. Keys must also exist in my-tickets.fr.ts. */
export const myTicketsEn = {
  'title.myTickets': 'My support tickets',
  'support.myTickets.title': 'My support tickets',
  'support.myTickets.intro': 'Follow your requests to IT, answer their questions and ask for help.',
  'support.myTickets.back': 'Back to the dashboard',
  'userMenu.myTickets': 'Support — my tickets',
} as const satisfies Record<string, string>;
