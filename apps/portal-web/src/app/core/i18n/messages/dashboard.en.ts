/** English messages: the dashboard (`/` when signed in). Keys must also exist in dashboard.fr.ts. */
export const dashboardEn = {
  'dashboard.loading': 'Loading your apps…',
  'dashboard.loadFailed': 'Your apps could not be loaded.',
  'dashboard.dismiss': 'Dismiss',

  'dashboard.search.label': 'Search your apps',
  'dashboard.search.placeholder': 'Search your apps',
  'dashboard.search.hint':
    'Type part of a name; small typos are fine. Up and down arrows move through the results, Enter opens the app, Control+Enter opens it in a new tab, Escape clears.',
  'dashboard.search.resultsLabel': 'Matching apps',
  'dashboard.search.count.one': '1 app found',
  'dashboard.search.count.other': '{count} apps found',
  'dashboard.search.none': 'No app matches “{query}”.',
  'dashboard.search.noneHint': 'No app matches. Check the spelling, or try another part of the name.',

  'dashboard.favourites.title': 'Favourites',
  'dashboard.favourites.empty': 'Pin the apps you use most with the star on their tile: they will wait for you here.',
  'dashboard.favourites.reorderHint':
    'To change the order, drag the handle, or press the left and right arrow keys while it has focus (Home and End move to either end).',
  'dashboard.favourites.moved': '{name} moved to position {position} of {count}.',
  'dashboard.favourites.position': '{name} is at position {position} of {count}.',
  'dashboard.favourites.added': '{name} added to your favourites.',
  'dashboard.favourites.removed': '{name} removed from your favourites.',
  'dashboard.favourites.saveFailed': 'Your favourites could not be saved, so they are back as they were. Try again in a moment.',
  'dashboard.favourites.full': 'You can pin up to {max} apps. Unpin one before pinning another.',

  'dashboard.recent.title': 'Recently used',
  'dashboard.section.other': 'Other apps',

  'dashboard.empty.title': 'No apps yet',
  'dashboard.empty.body': 'IT will add them here. Once they do, every app you use for work opens from this page.',

  'dashboard.tile.pin': 'Pin {name} to your favourites',
  'dashboard.tile.move': 'Move {name}, position {position} of {count}',
  'dashboard.tile.unread': '{count} unread',
  'dashboard.health.up': 'Status: working',
  'dashboard.health.down': 'Status: not responding',
  'dashboard.health.unknown': 'Status: unknown',

  'dashboard.requestable.title': 'Request access',
  'dashboard.requestable.intro': 'You cannot open these apps yet. Ask for one and IT will decide.',
  'dashboard.requestable.button': 'Request access',
  'dashboard.requestable.buttonFor': 'Request access to {name}',
  'dashboard.requestable.again': 'Ask again',
  'dashboard.requestable.againFor': 'Ask again for access to {name}',
  'dashboard.requestable.pending': 'Request sent',
  'dashboard.requestable.refused': 'Refused',
  'dashboard.requestable.refusedNote': 'Refused: {note}',

  'dashboard.request.title': 'Request access to {name}',
  'dashboard.request.body': 'IT will see your request and decide. The answer will show on this page.',
  'dashboard.request.reason': 'Why do you need it? (optional)',
  'dashboard.request.counter': '{count} of {max} characters',
  'dashboard.request.tooLong': 'Use at most {max} characters.',
  'dashboard.request.submit': 'Send the request',
  'dashboard.request.submitting': 'Sending…',
  'dashboard.request.cancel': 'Cancel',
  'dashboard.request.sent': 'Your request for {name} was sent.',
  'dashboard.request.refusedByServer': 'This app can no longer be requested. Reload the page to see your apps as they are now.',

  'dashboard.unavailable.title': 'You don’t have access to this app',
  'dashboard.unavailable.titleNamed': 'You don’t have access to {name}',
  'dashboard.unavailable.body': 'It may have been removed, or it is not open to you. Ask IT if you need it.',
  'dashboard.unavailable.canRequest': 'You can ask for access: IT will decide.',
  'dashboard.unavailable.pending': 'Your request is waiting for IT’s answer.',
  'dashboard.unavailable.dismiss': 'Dismiss this message',
} as const satisfies Record<string, string>;
