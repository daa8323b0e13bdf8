import type { supportConsoleEn } from './support-console.en';

/** Messages en français : les liens vers la console du support et la permission `support`, affichés hors de ses pages. */
export const supportConsoleFr: Record<keyof typeof supportConsoleEn, string> = {
  'admin.nav.support': 'Support',
  'userMenu.supportQueue': 'File du support',
  'admin.editUser.support': 'Traite les demandes de support (support)',
  'admin.editUser.supportHint': 'Cette personne voit tous les tickets, répond aux demandeurs, écrit des notes internes et gère les réponses types.',
};
