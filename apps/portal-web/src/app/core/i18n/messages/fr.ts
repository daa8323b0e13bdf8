import { signInFr } from './sign-in.fr';
import { accountFr } from './account.fr';
import { adminFr } from './admin.fr';
import { adminCatalogFr } from './admin-catalog.fr';
import { dashboardFr } from './dashboard.fr';
import { guestsFr } from './guests.fr';
import { alertsFr } from './alerts.fr';
import { announcementsFr } from './announcements.fr';
import { feedsFr } from './feeds.fr';
import { myTicketsFr } from './my-tickets.fr';
import { supportConsoleFr } from './support-console.fr';
import type { Messages } from './en';

/** Messages en français (vouvoiement). Mêmes clés que en.ts. */
const core: Omit<
  Messages,
  keyof typeof signInFr | keyof typeof accountFr | keyof typeof adminFr | keyof typeof adminCatalogFr | keyof typeof dashboardFr | keyof typeof guestsFr | keyof typeof alertsFr | keyof typeof announcementsFr | keyof typeof feedsFr | keyof typeof myTicketsFr | keyof typeof supportConsoleFr
> = {
  'app.name': 'Passerelle',

  'locale.en': 'English',
  'locale.fr': 'Français',

  'shell.skipLink': 'Aller au contenu principal',
  'shell.homeLink': '{org} — accueil',
  'shell.languageLabel': 'Langue',
  'shell.loadingOrganisation': 'Chargement du nom de l’organisation',
  'shell.footer': 'Passerelle — votre portail de travail auto-hébergé',
  'shell.version': 'Version {version}',

  'title.home': 'Bienvenue',
  'title.setup': 'Mise en service',
  'title.activate': 'Choisir votre mot de passe',
  'title.signIn': 'Connexion',
  'title.notFound': 'Page introuvable',

  'common.loading': 'Chargement…',
  'common.retry': 'Réessayer',
  'common.signIn': 'Aller à la connexion',
  'common.home': 'Retour à l’accueil',

  'home.checking': 'Vérification de cette installation de Passerelle…',
  'home.unreachable.title': 'Le serveur Passerelle est injoignable',
  'home.unreachable.body':
    'Vérifiez que le serveur est démarré et que votre connexion réseau fonctionne, puis réessayez.',

  'setupNeeded.title': 'Passerelle attend son premier administrateur',
  'setupNeeded.intro':
    'Passerelle est installé, mais personne ne peut encore se connecter. Le premier compte administrateur se crée à partir d’un lien de mise en service à usage unique.',
  'setupNeeded.step1':
    'Regardez la console où le serveur a été démarré (la sortie de npm start) : elle affiche un lien de mise en service.',
  'setupNeeded.step2': 'Ouvrez ce lien dans ce navigateur et remplissez le formulaire.',
  'setupNeeded.expiry':
    'Le lien ne sert qu’une fois et expire au bout d’un moment. S’il a expiré, redémarrez le serveur : il en affiche un nouveau.',
  'setupNeeded.cliTitle': 'Vous préférez la ligne de commande ?',
  'setupNeeded.cliBody':
    'Sur le serveur, vous pouvez aussi créer l’administrateur avec cette commande (avec votre adresse e-mail et votre nom). Elle affiche un lien à usage unique où choisir le mot de passe :',

  'setup.title': 'Créer le compte administrateur',
  'setup.intro':
    'Ce compte gérera les applications, les personnes et les réglages de votre organisation. Vous pourrez ajouter d’autres administrateurs ensuite.',
  'setup.checkingLink': 'Vérification de votre lien de mise en service…',
  'setup.expiresAt': 'Ce lien de mise en service expire à {time}.',
  'setup.missing.title': 'Cette page nécessite un lien de mise en service',
  'setup.missing.body':
    'Ouvrez le lien à usage unique affiché dans la console du serveur (la sortie de npm start). Par sécurité, le lien est retiré de la barre d’adresse dès sa lecture : recharger cette page ne suffit donc pas, rouvrez le lien depuis la console.',
  'setup.reason.setup_link_invalid.title': 'Ce lien de mise en service n’est pas valide',
  'setup.reason.setup_link_invalid.body':
    'Le lien a peut-être été copié de façon incomplète. Copiez le lien entier depuis la console du serveur, ou redémarrez le serveur pour en obtenir un nouveau.',
  'setup.reason.setup_link_expired.title': 'Ce lien de mise en service a expiré',
  'setup.reason.setup_link_expired.body':
    'Par sécurité, un lien de mise en service n’est valable que pendant une durée limitée. Redémarrez le serveur pour en afficher un nouveau, puis ouvrez-le ici.',
  'setup.reason.setup_link_used.title': 'Ce lien de mise en service a déjà été utilisé',
  'setup.reason.setup_link_used.body':
    'Chaque lien ne sert qu’une fois. Si le compte administrateur a été créé, connectez-vous avec. Sinon, redémarrez le serveur pour obtenir un nouveau lien.',
  'setup.reason.setup_already_done.title': 'Passerelle est déjà mis en service',
  'setup.reason.setup_already_done.body':
    'Un compte administrateur existe déjà. Connectez-vous avec, ou demandez un accès à votre administrateur.',
  'setup.unreachable.title': 'Le lien de mise en service n’a pas pu être vérifié',
  'setup.unreachable.body': 'Le serveur n’a pas répondu. Vérifiez qu’il est démarré, puis réessayez.',
  'setup.field.organisationName': 'Nom de l’organisation',
  'setup.field.organisationName.hint': 'Visible de tous, par exemple sur la page de connexion.',
  'setup.field.name': 'Votre nom',
  'setup.field.email': 'Adresse e-mail professionnelle',
  'setup.field.locale': 'Langue préférée',
  'setup.field.locale.hint': 'Utilisée pour les écrans et les e-mails de votre compte.',
  'setup.submit': 'Créer le compte administrateur',
  'setup.submitting': 'Création du compte…',
  'setup.success.title': 'Votre compte administrateur est prêt',
  'setup.success.body': '{name}, vous pouvez maintenant vous connecter à {org} avec {email}.',

  'password.label': 'Mot de passe',
  'password.confirmLabel': 'Confirmez le mot de passe',
  'password.hint':
    'Au moins {min} caractères. Quelques mots sans rapport entre eux font un mot de passe solide et facile à retenir.',
  'password.progress': '{count} caractères sur {min}',
  'password.enough': 'Longueur suffisante ({count} caractères)',

  'activate.title': 'Choisissez votre mot de passe',
  'activate.greeting': 'Bonjour {name}, choisissez un mot de passe pour finir de configurer votre compte {org}.',
  'activate.email': 'Vous vous connecterez avec',
  'activate.checkingLink': 'Vérification de votre lien d’activation…',
  'activate.expiresAt': 'Ce lien expire à {time}.',
  'activate.missing.title': 'Cette page nécessite un lien d’activation',
  'activate.missing.body':
    'Ouvrez le lien à usage unique que votre administrateur vous a envoyé. Pour votre sécurité, le lien est retiré de la barre d’adresse une fois lu : recharger cette page ne fonctionne donc pas, rouvrez le lien reçu.',
  'activate.reason.setup_link_invalid.title': 'Ce lien d’activation n’est pas valide',
  'activate.reason.setup_link_invalid.body':
    'Vérifiez que vous avez copié le lien en entier, sans oublier de caractères à la fin, puis rouvrez-le. S’il ne fonctionne toujours pas, demandez un nouveau lien à votre administrateur.',
  'activate.reason.setup_link_expired.title': 'Ce lien d’activation a expiré',
  'activate.reason.setup_link_expired.body':
    'Pour votre sécurité, un lien d’activation ne fonctionne que pendant une durée limitée. Demandez à votre administrateur de vous envoyer un nouveau lien.',
  'activate.reason.setup_link_used.title': 'Ce lien d’activation a déjà été utilisé',
  'activate.reason.setup_link_used.body':
    'Chaque lien ne sert qu’une fois. Si vous avez déjà choisi votre mot de passe, connectez-vous. Sinon, demandez un nouveau lien à votre administrateur.',
  'activate.reason.setup_already_done.title': 'Ce compte est déjà configuré',
  'activate.reason.setup_already_done.body':
    'Connectez-vous avec votre adresse e-mail et votre mot de passe, ou demandez de l’aide à votre administrateur.',
  'activate.unreachable.title': 'Le lien d’activation n’a pas pu être vérifié',
  'activate.unreachable.body': 'Le serveur n’a pas répondu. Vérifiez votre connexion, puis réessayez.',
  'activate.submit': 'Enregistrer mon mot de passe',
  'activate.submitting': 'Enregistrement de votre mot de passe…',
  'activate.success.title': 'Votre compte est prêt',
  'activate.success.body': '{name}, vous pouvez maintenant vous connecter à {org} avec {email}.',

  'signIn.title': 'Connexion à {org}',
  'signIn.intro': 'Utilisez votre adresse e-mail professionnelle et votre mot de passe.',
  'signIn.field.email': 'Adresse e-mail professionnelle',
  'signIn.field.password': 'Mot de passe',
  'signIn.submit': 'Se connecter',
  'signIn.submitting': 'Connexion…',
  'signIn.unavailable.title': 'La connexion n’est pas encore disponible',
  'signIn.unavailable.body': 'La connexion sera disponible une fois le module d’identité installé.',
  'signIn.invalidCredentials':
    'Cette adresse e-mail et ce mot de passe ne correspondent pas. Vérifiez-les et réessayez.',
  'signIn.success': 'Vous êtes connecté.',
  'signIn.setupRequired': 'Ce portail n’est pas encore mis en service.',
  'signIn.setupRequiredLink': 'Voir comment terminer la mise en service',

  'notFound.title': 'Page introuvable',
  'notFound.body': 'L’adresse contient peut-être une faute de frappe, ou la page a été déplacée.',

  'form.errorSummary': 'Certains champs sont à vérifier.',
  'validation.required': 'Ce champ est obligatoire.',
  'validation.email': 'Saisissez une adresse e-mail, par exemple nom@exemple.fr.',
  'validation.maxLength': 'Utilisez au plus {max} caractères.',
  'validation.minLength': 'Utilisez au moins {min} caractères.',
  'validation.passwordMismatch': 'Les deux mots de passe ne sont pas identiques.',

  'error.validation_failed': 'Certains champs sont à vérifier.',
  'error.not_found': 'Cette adresse n’existe pas sur le serveur.',
  'error.payload_too_large': 'Ce que vous avez envoyé est trop volumineux.',
  'error.rate_limited': 'Trop de tentatives. Patientez une minute, puis réessayez.',
  'error.setup_link_invalid':
    'Ce lien de mise en service n’est pas valide. Copiez le lien entier depuis la console du serveur, ou redémarrez le serveur pour en obtenir un nouveau.',
  'error.setup_link_expired':
    'Ce lien de mise en service a expiré. Redémarrez le serveur pour en afficher un nouveau, puis ouvrez-le ici. Vos saisies seront à refaire.',
  'error.setup_link_used':
    'Ce lien de mise en service a déjà été utilisé. Connectez-vous, ou redémarrez le serveur pour obtenir un nouveau lien.',
  'error.setup_already_done':
    'Passerelle est déjà mis en service. Connectez-vous avec le compte administrateur existant.',
  'error.email_taken': 'Un compte utilise déjà cette adresse e-mail.',
  'error.unauthorized': 'Vous devez vous connecter pour faire cela.',
  'error.forbidden': 'Vous n’avez pas l’autorisation de faire cela.',
  'error.conflict': 'Cela entre en conflit avec des données existantes. Rechargez la page et réessayez.',
  'error.bad_request': 'Le serveur n’a pas compris la demande.',
  'error.internal_error': 'Un problème est survenu sur le serveur. Réessayez dans un instant.',
  'error.network': 'Le serveur est injoignable. Vérifiez votre connexion, puis réessayez.',
  'error.unknown': 'Un imprévu est survenu. Réessayez dans un instant.',
};

export const fr: Messages = { ...core, ...signInFr, ...accountFr, ...adminFr, ...adminCatalogFr, ...dashboardFr, ...guestsFr, ...alertsFr, ...announcementsFr, ...feedsFr, ...myTicketsFr, ...supportConsoleFr };
