import type { dashboardEn } from './dashboard.en';

/** French messages: the dashboard (`/` when signed in). */
export const dashboardFr: Record<keyof typeof dashboardEn, string> = {
  'dashboard.loading': 'Chargement de vos applications…',
  'dashboard.loadFailed': 'Vos applications n’ont pas pu être chargées.',
  'dashboard.dismiss': 'Fermer',

  'dashboard.search.label': 'Rechercher dans vos applications',
  'dashboard.search.placeholder': 'Rechercher une application',
  'dashboard.search.hint':
    'Tapez une partie du nom ; les petites fautes de frappe sont tolérées. Les flèches haut et bas parcourent les résultats, Entrée ouvre l’application, Contrôle+Entrée l’ouvre dans un nouvel onglet, Échap efface.',
  'dashboard.search.resultsLabel': 'Applications trouvées',
  'dashboard.search.count.one': '1 application trouvée',
  'dashboard.search.count.other': '{count} applications trouvées',
  'dashboard.search.none': 'Aucune application ne correspond à « {query} ».',
  'dashboard.search.noneHint': 'Aucune application ne correspond. Vérifiez l’orthographe ou essayez une autre partie du nom.',

  'dashboard.favourites.title': 'Favoris',
  'dashboard.favourites.empty': 'Épinglez les applications que vous utilisez le plus avec l’étoile de leur tuile : elles vous attendront ici.',
  'dashboard.favourites.reorderHint':
    'Pour changer l’ordre, faites glisser la poignée, ou utilisez les flèches gauche et droite quand elle a le focus (Début et Fin pour aller à une extrémité).',
  'dashboard.favourites.moved': '{name} déplacée en position {position} sur {count}.',
  'dashboard.favourites.position': '{name} est en position {position} sur {count}.',
  'dashboard.favourites.added': '{name} ajoutée à vos favoris.',
  'dashboard.favourites.removed': '{name} retirée de vos favoris.',
  'dashboard.favourites.saveFailed': 'Vos favoris n’ont pas pu être enregistrés : ils sont revenus comme avant. Réessayez dans un instant.',
  'dashboard.favourites.full': 'Vous pouvez épingler jusqu’à {max} applications. Retirez-en une avant d’en épingler une autre.',

  'dashboard.recent.title': 'Utilisées récemment',
  'dashboard.section.other': 'Autres applications',

  'dashboard.empty.title': 'Pas encore d’applications',
  'dashboard.empty.body': 'Le service informatique les ajoutera ici. Ensuite, chaque application de travail s’ouvrira depuis cette page.',

  'dashboard.tile.pin': 'Épingler {name} dans vos favoris',
  'dashboard.tile.move': 'Déplacer {name}, position {position} sur {count}',
  'dashboard.tile.unread': '{count} non lus',
  'dashboard.health.up': 'État : en service',
  'dashboard.health.down': 'État : ne répond pas',
  'dashboard.health.unknown': 'État : inconnu',

  'dashboard.requestable.title': 'Demander un accès',
  'dashboard.requestable.intro': 'Vous ne pouvez pas encore ouvrir ces applications. Demandez-en une et le service informatique décidera.',
  'dashboard.requestable.button': 'Demander l’accès',
  'dashboard.requestable.buttonFor': 'Demander l’accès à {name}',
  'dashboard.requestable.again': 'Redemander',
  'dashboard.requestable.againFor': 'Redemander l’accès à {name}',
  'dashboard.requestable.pending': 'Demande envoyée',
  'dashboard.requestable.refused': 'Refusée',
  'dashboard.requestable.refusedNote': 'Refusée : {note}',

  'dashboard.request.title': 'Demander l’accès à {name}',
  'dashboard.request.body': 'Le service informatique verra votre demande et décidera. La réponse s’affichera sur cette page.',
  'dashboard.request.reason': 'Pourquoi en avez-vous besoin ? (facultatif)',
  'dashboard.request.counter': '{count} caractères sur {max}',
  'dashboard.request.tooLong': 'Utilisez au plus {max} caractères.',
  'dashboard.request.submit': 'Envoyer la demande',
  'dashboard.request.submitting': 'Envoi…',
  'dashboard.request.cancel': 'Annuler',
  'dashboard.request.sent': 'Votre demande pour {name} a été envoyée.',
  'dashboard.request.refusedByServer': 'Cette application ne peut plus être demandée. Rechargez la page pour voir vos applications telles qu’elles sont maintenant.',

  'dashboard.unavailable.title': 'Vous n’avez pas accès à cette application',
  'dashboard.unavailable.titleNamed': 'Vous n’avez pas accès à {name}',
  'dashboard.unavailable.body': 'Elle a peut-être été retirée, ou elle ne vous est pas ouverte. Demandez au service informatique si vous en avez besoin.',
  'dashboard.unavailable.canRequest': 'Vous pouvez demander l’accès : le service informatique décidera.',
  'dashboard.unavailable.pending': 'Votre demande attend la réponse du service informatique.',
  'dashboard.unavailable.dismiss': 'Fermer ce message',
};
