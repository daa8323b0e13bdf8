import type { feedsEn } from './feeds.en';

/** Messages en français : le flux d’une application dans la console (champ de l’éditeur et carte d’état). */
export const feedsFr: Record<keyof typeof feedsEn, string> = {
  'admin.feed.url': 'Flux (facultatif)',
  'admin.feed.urlHint':
    'Une adresse RSS, Atom ou JSON Feed. Passerelle la lit toutes les quelques minutes et fait de chaque nouvel article une notification pour toutes les personnes qui peuvent utiliser l’application.',
  'admin.feed.urlInvalid': 'Saisissez une adresse complète commençant par https:// ou http://, comme https://status.example.com/feed.xml.',

  'admin.feed.title': 'Flux',
  'admin.feed.intro':
    'Chaque nouvel article de ce flux devient une notification pour toutes les personnes qui peuvent utiliser l’application. Les articles déjà présents lors de la première lecture ne sont pas envoyés.',
  'admin.feed.address': 'Adresse',
  'admin.feed.status': 'État',
  'admin.feed.lastChecked': 'Dernière lecture',
  'admin.feed.lastSuccess': 'Dernière réussite',
  'admin.feed.nextCheck': 'Prochaine lecture',
  'admin.feed.failures': 'Échecs consécutifs',
  'admin.feed.itemsSeen': 'Articles lus',
  'admin.feed.never': 'Jamais',
  'admin.feed.soon': 'D’ici une minute',
  'admin.feed.problem': 'Ce qui ne va pas',
  'admin.feed.checkNow': 'Lire maintenant',
  'admin.feed.checking': 'Lecture du flux…',
  'admin.feed.checked': 'Lu à l’instant : {state}.',
  'admin.feed.loadError': 'L’état du flux n’a pas pu être chargé.',

  'admin.feed.state.never': 'Pas encore lu',
  'admin.feed.state.ok': 'Fonctionne',
  'admin.feed.state.not_modified': 'Fonctionne (rien de changé depuis la dernière lecture)',
  'admin.feed.state.error': 'En échec',
  'admin.feed.state.blocked': 'Bloqué',

  'admin.feed.problem.http_status': 'Le flux a répondu {status}.',
  'admin.feed.problem.not_a_feed': 'Cette adresse ne renvoie pas un flux RSS, Atom ou JSON valide.',
  'admin.feed.problem.xml_entities': 'Le flux déclare des entités XML (un DOCTYPE), que Passerelle refuse par sécurité.',
  'admin.feed.problem.timeout': 'Le flux n’a pas répondu en {seconds} secondes.',
  'admin.feed.problem.host_not_found': 'Le nom d’hôte {host} est introuvable.',
  'admin.feed.problem.connection_refused': 'Le serveur du flux a refusé la connexion.',
  'admin.feed.problem.connection_closed': 'Le serveur du flux a fermé la connexion.',
  'admin.feed.problem.tls': 'Le certificat HTTPS du flux n’est pas accepté ({code}).',
  'admin.feed.problem.unreachable': 'Le flux est injoignable.',
  'admin.feed.problem.too_large': 'Le flux dépasse {limit}.',
  'admin.feed.problem.too_many_redirects': 'Le flux redirige plus de {max} fois.',
  'admin.feed.problem.redirect_not_http': 'Le flux redirige vers {url}, qui n’est pas une adresse http(s).',
  'admin.feed.problem.address_refused': 'L’adresse {address} est refusée : c’est {range}.',
  'admin.feed.problem.not_conditional': 'Le flux a répondu « non modifié » à une demande qui n’était pas conditionnelle.',
  'admin.feed.problem.delivery_failed': 'Passerelle n’a pas pu enregistrer les notifications de ce flux ; il réessaiera.',
  'admin.feed.blockedHelp':
    'Passerelle ne se connecte pas aux adresses privées ou locales, pour qu’une adresse de flux ne puisse pas servir à sonder votre réseau. Pour autoriser celle-ci, ajoutez son hôte ou son adresse à FEED_ALLOW_PRIVATE dans la configuration du serveur.',

  'admin.feed.range.private': 'une adresse de réseau privé',
  'admin.feed.range.loopback': 'une adresse de bouclage (le serveur lui-même)',
  'admin.feed.range.linkLocal': 'une adresse lien-local (comme un service de métadonnées cloud)',
  'admin.feed.range.uniqueLocal': 'une adresse IPv6 unique-locale (privée)',
  'admin.feed.range.multicast': 'une adresse de multidiffusion',
  'admin.feed.range.unspecified': 'l’adresse non spécifiée',
  'admin.feed.range.broadcast': 'l’adresse de diffusion',
  'admin.feed.range.carrierGradeNat': 'une adresse partagée (NAT d’opérateur)',
  'admin.feed.range.reserved': 'une adresse réservée',
  'admin.feed.range.other': 'une adresse qui n’est pas publique sur Internet',
};
