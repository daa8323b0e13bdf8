import { signInEn } from './sign-in.en';
import { accountEn } from './account.en';
import { adminEn } from './admin.en';
import { adminCatalogEn } from './admin-catalog.en';
import { dashboardEn } from './dashboard.en';
import { guestsEn } from './guests.en';
import { alertsEn } from './alerts.en';
import { announcementsEn } from './announcements.en';
import { feedsEn } from './feeds.en';
import { myTicketsEn } from './my-tickets.en';
import { supportConsoleEn } from './support-console.en';
import type { supportConsolePagesEn } from './support-console-pages.en';
/**
 * English messages. Keys are flat and dotted; `{name}` marks a parameter.
 * Every key here must exist in fr.ts (the compiler and a unit spec both check it).
 */
const core = {
  'app.name': 'Passerelle',

  'locale.en': 'English',
  'locale.fr': 'Français',

  'shell.skipLink': 'Skip to main content',
  'shell.homeLink': '{org} — home',
  'shell.languageLabel': 'Language',
  'shell.loadingOrganisation': 'Loading the organisation name',
  'shell.footer': 'Passerelle — your self-hosted workplace portal',
  'shell.version': 'Version {version}',

  'title.home': 'Welcome',
  'title.setup': 'Set up',
  'title.activate': 'Set your password',
  'title.signIn': 'Sign in',
  'title.notFound': 'Page not found',

  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.signIn': 'Go to sign-in',
  'common.home': 'Back to the home page',

  'home.checking': 'Checking this Passerelle installation…',
  'home.unreachable.title': 'The Passerelle server cannot be reached',
  'home.unreachable.body': 'Check that the server is running and that your network connection works, then try again.',

  'setupNeeded.title': 'Passerelle needs its first administrator',
  'setupNeeded.intro':
    'Passerelle is installed, but nobody can sign in yet. The first administrator account is created from a one-time setup link.',
  'setupNeeded.step1':
    'Look at the console where the server was started (the output of npm start). It prints a setup link.',
  'setupNeeded.step2': 'Open that link in this browser and fill in the form.',
  'setupNeeded.expiry':
    'The link works only once and expires after a while. If it has expired, restart the server: it prints a fresh link.',
  'setupNeeded.cliTitle': 'Prefer the command line?',
  'setupNeeded.cliBody':
    'On the server, you can also create the administrator with this command (use your own email and name). It prints a one-time link where you set the password:',

  'setup.title': 'Create the administrator account',
  'setup.intro':
    'This account will manage apps, people and settings for your organisation. You can add other administrators later.',
  'setup.checkingLink': 'Checking your setup link…',
  'setup.expiresAt': 'This setup link expires at {time}.',
  'setup.missing.title': 'This page needs a setup link',
  'setup.missing.body':
    'Open the one-time link printed in the server console (the output of npm start). For your safety, the link is removed from the address bar once read, so reloading this page does not work: open the link from the console again.',
  'setup.reason.setup_link_invalid.title': 'This setup link is not valid',
  'setup.reason.setup_link_invalid.body':
    'The link may have been copied incompletely. Copy the whole link from the server console, or restart the server to get a fresh one.',
  'setup.reason.setup_link_expired.title': 'This setup link has expired',
  'setup.reason.setup_link_expired.body':
    'For your safety, a setup link only works for a limited time. Restart the server to print a fresh link, then open it here.',
  'setup.reason.setup_link_used.title': 'This setup link has already been used',
  'setup.reason.setup_link_used.body':
    'Each setup link works only once. If the administrator account was created, sign in with it. Otherwise, restart the server to get a fresh link.',
  'setup.reason.setup_already_done.title': 'Passerelle is already set up',
  'setup.reason.setup_already_done.body':
    'An administrator account already exists. Sign in with it, or ask your administrator for access.',
  'setup.unreachable.title': 'The setup link could not be checked',
  'setup.unreachable.body': 'The server did not answer. Check that it is running, then try again.',
  'setup.field.organisationName': 'Organisation name',
  'setup.field.organisationName.hint': 'Shown to everyone, for example on the sign-in page.',
  'setup.field.name': 'Your name',
  'setup.field.email': 'Work email',
  'setup.field.locale': 'Language preference',
  'setup.field.locale.hint': 'Used for your account’s screens and emails.',
  'setup.submit': 'Create the administrator account',
  'setup.submitting': 'Creating the account…',
  'setup.success.title': 'Your administrator account is ready',
  'setup.success.body': '{name}, you can now sign in to {org} with {email}.',

  'password.label': 'Password',
  'password.confirmLabel': 'Confirm the password',
  'password.hint': 'At least {min} characters. A few unrelated words make a strong password that is easy to remember.',
  'password.progress': '{count} of {min} characters',
  'password.enough': 'Long enough ({count} characters)',

  'activate.title': 'Set your password',
  'activate.greeting': 'Hello {name}, choose a password to finish setting up your {org} account.',
  'activate.email': 'You will sign in with',
  'activate.checkingLink': 'Checking your activation link…',
  'activate.expiresAt': 'This link expires at {time}.',
  'activate.missing.title': 'This page needs an activation link',
  'activate.missing.body':
    'Open the one-time link your administrator sent you. For your safety, the link is removed from the address bar once read, so reloading this page does not work: open the link you received again.',
  'activate.reason.setup_link_invalid.title': 'This activation link is not valid',
  'activate.reason.setup_link_invalid.body':
    'Check that you copied the whole link, without missing characters at the end, then open it again. If it still does not work, ask your administrator for a new link.',
  'activate.reason.setup_link_expired.title': 'This activation link has expired',
  'activate.reason.setup_link_expired.body':
    'For your safety, an activation link only works for a limited time. Ask your administrator to send you a new link.',
  'activate.reason.setup_link_used.title': 'This activation link has already been used',
  'activate.reason.setup_link_used.body':
    'Each link works only once. If you already set your password, sign in. Otherwise, ask your administrator for a new link.',
  'activate.reason.setup_already_done.title': 'This account is already set up',
  'activate.reason.setup_already_done.body': 'Sign in with your email and password, or ask your administrator for help.',
  'activate.unreachable.title': 'The activation link could not be checked',
  'activate.unreachable.body': 'The server did not answer. Check your connection, then try again.',
  'activate.submit': 'Set my password',
  'activate.submitting': 'Saving your password…',
  'activate.success.title': 'Your account is ready',
  'activate.success.body': '{name}, you can now sign in to {org} with {email}.',

  'signIn.title': 'Sign in to {org}',
  'signIn.intro': 'Use your work email and password.',
  'signIn.field.email': 'Work email',
  'signIn.field.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.unavailable.title': 'Sign-in is not available yet',
  'signIn.unavailable.body': 'Sign-in will be available once the identity module is installed.',
  'signIn.invalidCredentials': 'This email and password do not match. Check them and try again.',
  'signIn.success': 'You are signed in.',
  'signIn.setupRequired': 'This portal is not set up yet.',
  'signIn.setupRequiredLink': 'See how to finish the setup',

  'notFound.title': 'Page not found',
  'notFound.body': 'The address may be mistyped, or the page may have moved.',

  'form.errorSummary': 'Some fields need your attention.',
  'validation.required': 'This field is required.',
  'validation.email': 'Enter an email address such as name@example.com.',
  'validation.maxLength': 'Use at most {max} characters.',
  'validation.minLength': 'Use at least {min} characters.',
  'validation.passwordMismatch': 'The two passwords are not the same.',

  'error.validation_failed': 'Some fields need your attention.',
  'error.not_found': 'This address does not exist on the server.',
  'error.payload_too_large': 'What you sent is too large.',
  'error.rate_limited': 'Too many attempts. Wait a minute, then try again.',
  'error.setup_link_invalid': 'This setup link is not valid. Copy the whole link from the server console, or restart the server to get a fresh one.',
  'error.setup_link_expired': 'This setup link has expired. Restart the server to print a fresh link, then open it here. Your entries will need to be typed again.',
  'error.setup_link_used': 'This setup link has already been used. Sign in, or restart the server to get a fresh link.',
  'error.setup_already_done': 'Passerelle is already set up. Sign in with the existing administrator account.',
  'error.email_taken': 'An account already uses this email address.',
  'error.unauthorized': 'You need to sign in to do this.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.conflict': 'This conflicts with existing data. Reload the page and try again.',
  'error.bad_request': 'The server could not understand the request.',
  'error.internal_error': 'Something went wrong on the server. Try again in a moment.',
  'error.network': 'The server cannot be reached. Check your connection, then try again.',
  'error.unknown': 'Something unexpected happened. Try again in a moment.',
} as const satisfies Record<string, string>;

export const en = { ...core, ...signInEn, ...accountEn, ...adminEn, ...adminCatalogEn, ...dashboardEn, ...guestsEn, ...alertsEn, ...announcementsEn, ...feedsEn, ...myTicketsEn, ...supportConsoleEn };

/** Keys of the first download's dictionaries (every one in fr.ts too). */
export type EagerMessageKey = keyof typeof en;
/** Keys of dictionaries that lazy routes bring with them (I18nService.addMessages). */
export type LazyMessageKey = keyof typeof supportConsolePagesEn;
export type MessageKey = EagerMessageKey | LazyMessageKey;
export type Messages = Record<EagerMessageKey, string>;
