/** English messages: the support console's links and the `support` permission, shown outside its lazy pages. Keys must also exist in support-console.fr.ts. */
export const supportConsoleEn = {
  'admin.nav.support': 'Support',
  'userMenu.supportQueue': 'Support queue',
  'admin.editUser.support': 'Works the support queue (support)',
  'admin.editUser.supportHint': 'They see every ticket, reply to people, write internal notes and manage canned replies.',
} as const satisfies Record<string, string>;
