// The demo apps' pages: one small layout in each app's colour, French or English, no inline script (signed-in pages load Passerelle's support widget).
import type http from 'node:http';
import { SupportRoutes, type PostAlertRequest } from '@passerelle/contracts';
import { DEMO_APP_PATHS, type DemoAppDefinition, type Lang } from './definition';
import { escapeHtml } from './http';
import type { DemoSession, Person } from './sessions';

const TEXT = {
  en: {
    signedInAs: 'Signed in as',
    email: 'Email',
    groups: 'Groups',
    noGroups: 'none',
    since: 'Signed in',
    session: 'Passerelle session',
    signOut: 'Sign out',
    signedOut: 'You are not signed in.',
    signIn: 'Sign in with Passerelle',
    signInHint: 'Your company account opens this app: no new password to remember.',
    problem: 'Sign-in did not work',
    back: 'Back to the app',
    notFound: 'There is no such page here.',
    alertsTitle: 'Alerts in Passerelle',
    alertsHint: 'This app tells you what needs your attention on your Passerelle dashboard.',
    sendAlert: 'Send me a test alert',
    alertSentBefore: 'Alert sent — look at your ',
    alertSentLink: 'Passerelle dashboard',
    alertSentAfter: '.',
    alertFailed: 'The alert could not be sent:',
    signInFirst: 'Sign in to the app first: a test alert goes to the person signed in.',
    testAlertTitle: (app: string) => `Test alert from ${app}`,
    testAlertBody: (app: string) => `You asked ${app} for a test alert. Open it to go back to the app.`,
  },
  fr: {
    signedInAs: 'Connecté·e en tant que',
    email: 'E-mail',
    groups: 'Groupes',
    noGroups: 'aucun',
    since: 'Connexion',
    session: 'Session Passerelle',
    signOut: 'Se déconnecter',
    signedOut: 'Vous n’êtes pas connecté·e.',
    signIn: 'Se connecter avec Passerelle',
    signInHint: 'Votre compte d’entreprise ouvre cette application : aucun nouveau mot de passe à retenir.',
    problem: 'La connexion n’a pas abouti',
    back: 'Retour à l’application',
    notFound: 'Cette page n’existe pas ici.',
    alertsTitle: 'Alertes dans Passerelle',
    alertsHint: 'Cette application vous signale ce qui demande votre attention sur votre tableau de bord Passerelle.',
    sendAlert: 'M’envoyer une alerte de test',
    alertSentBefore: 'Alerte envoyée — regardez votre ',
    alertSentLink: 'tableau de bord Passerelle',
    alertSentAfter: '.',
    alertFailed: 'L’alerte n’a pas pu être envoyée :',
    signInFirst: 'Connectez-vous d’abord à l’application : une alerte de test va à la personne connectée.',
    testAlertTitle: (app: string) => `Alerte de test de ${app}`,
    testAlertBody: (app: string) => `Vous avez demandé une alerte de test à ${app}. Ouvrez-la pour revenir dans l’application.`,
  },
} as const;

export type PageText = (typeof TEXT)[Lang];

/** The person's language from Passerelle when signed in, else the browser's (French or English). */
export function languageOf(req: http.IncomingMessage, session?: DemoSession): Lang {
  const locale = session?.person.locale ?? '';
  if (locale) return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const accepted = (req.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return accepted.startsWith('fr') ? 'fr' : 'en';
}

function layout(app: DemoAppDefinition, lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="${DEMO_APP_PATHS.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${DEMO_APP_PATHS.stylesheet}">
</head>
<body data-demo-app="${escapeHtml(app.key)}">
<header class="bar"><span class="logo" aria-hidden="true"></span><span class="app-name">${escapeHtml(app.name)}</span><span class="tagline">${escapeHtml(app.tagline[lang])}</span></header>
<main>
${body}
</main>
</body>
</html>`;
}

function formatTime(date: Date, lang: Lang): string {
  const text = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CH' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(text)}</time>`;
}

/** What became of the last test alert this person asked for (shown once, after the redirect). */
export type AlertNotice = { sent: true } | { sent: false; problem: string };

export interface SignedInExtras {
  /** Passerelle's address (its dashboard), for the link in the confirmation. */
  portalUrl: string;
  alertNotice?: AlertNotice;
}

/** The test alert the signed-in page's button sends, in the person's language, with a link back to the app. */
export function testAlert(app: DemoAppDefinition, lang: Lang, person: Person, base: string, dedupeKey: string): PostAlertRequest {
  const t = TEXT[lang];
  return { recipients: { users: [person.sub] }, title: t.testAlertTitle(app.name), body: t.testAlertBody(app.name), severity: 'info', link: `${base}/`, dedupeKey };
}

function alertsCard(lang: Lang, extras: SignedInExtras): string {
  const t = TEXT[lang];
  const notice = extras.alertNotice;
  const shown = !notice
    ? ''
    : notice.sent
      ? `<p class="notice" role="status" data-testid="demo-alert-sent">${escapeHtml(t.alertSentBefore)}<a href="${escapeHtml(extras.portalUrl)}/">${escapeHtml(t.alertSentLink)}</a>${escapeHtml(t.alertSentAfter)}</p>`
      : `<p class="notice notice--error" role="alert" data-testid="demo-alert-failed">${escapeHtml(t.alertFailed)} ${escapeHtml(notice.problem)}</p>`;
  return `<section class="card" aria-labelledby="alerts-title">
<h2 id="alerts-title">${escapeHtml(t.alertsTitle)}</h2>
<p>${escapeHtml(t.alertsHint)}</p>
${shown}
<form method="post" action="${DEMO_APP_PATHS.testAlert}"><button type="submit" data-testid="demo-send-alert">${escapeHtml(t.sendAlert)}</button></form>
</section>`;
}

/**
 * Passerelle's support widget (a launcher bottom-right), loaded from the portal: the one script on
 * these pages, external, so the CSP keeps refusing inline script.
 */
export function supportWidget(lang: Lang, portalUrl: string): string {
  let origin: string;
  try {
    origin = new URL(portalUrl).origin;
  } catch {
    return '';
  }
  return `<passerelle-support lang="${lang}" data-testid="demo-support-widget"></passerelle-support>
<script type="module" src="${escapeHtml(origin + SupportRoutes.widgetScript)}"></script>`;
}

export function signedInPage(app: DemoAppDefinition, lang: Lang, session: DemoSession, extras: SignedInExtras): string {
  const t = TEXT[lang];
  const { person } = session;
  const groups = person.groups.length
    ? `<ul class="groups" data-testid="demo-user-groups">${person.groups.map((g) => `<li>${escapeHtml(g)}</li>`).join('')}</ul>`
    : `<span data-testid="demo-user-groups">${escapeHtml(t.noGroups)}</span>`;
  const body = `<section class="card" aria-labelledby="who">
<p class="eyebrow">${escapeHtml(t.signedInAs)}</p>
<h1 id="who" data-testid="demo-user-name">${escapeHtml(person.name)}</h1>
<dl>
<dt>${escapeHtml(t.email)}</dt><dd data-testid="demo-user-email">${escapeHtml(person.email)}</dd>
<dt>${escapeHtml(t.groups)}</dt><dd>${groups}</dd>
<dt>${escapeHtml(t.since)}</dt><dd data-testid="demo-signed-in-at">${formatTime(session.signedInAt, lang)}</dd>
<dt>${escapeHtml(t.session)}</dt><dd><code data-testid="demo-session-id">${escapeHtml(session.sid ?? '—')}</code></dd>
</dl>
<form method="post" action="${DEMO_APP_PATHS.signOut}"><button type="submit" class="secondary" data-testid="demo-sign-out">${escapeHtml(t.signOut)}</button></form>
</section>
${alertsCard(lang, extras)}
${app.content(person, lang)}
${supportWidget(lang, extras.portalUrl)}`;
  return layout(app, lang, `${app.name} — ${person.name}`, body);
}

export function signedOutPage(app: DemoAppDefinition, lang: Lang): string {
  const t = TEXT[lang];
  const body = `<section class="card" data-testid="demo-signed-out">
<h1>${escapeHtml(t.signedOut)}</h1>
<p>${escapeHtml(t.signInHint)}</p>
<p><a class="button" href="${DEMO_APP_PATHS.signIn}" data-testid="demo-sign-in">${escapeHtml(t.signIn)}</a></p>
</section>`;
  return layout(app, lang, app.name, body);
}

/** A test alert asked for without being signed in to the app. */
export function signInFirstPage(app: DemoAppDefinition, lang: Lang): string {
  const t = TEXT[lang];
  const body = `<section class="card" role="alert" data-testid="demo-sign-in-first">
<h1>${escapeHtml(t.signedOut)}</h1>
<p>${escapeHtml(t.signInFirst)}</p>
<p><a class="button" href="${DEMO_APP_PATHS.signIn}">${escapeHtml(t.signIn)}</a></p>
</section>`;
  return layout(app, lang, app.name, body);
}

export function problemPage(app: DemoAppDefinition, lang: Lang, message: string, detail?: string): string {
  const t = TEXT[lang];
  const body = `<section class="card" role="alert" data-testid="demo-problem">
<h1>${escapeHtml(t.problem)}</h1>
<p>${escapeHtml(message)}</p>
${detail ? `<p class="detail">${escapeHtml(detail)}</p>` : ''}
<p><a href="${DEMO_APP_PATHS.home}">${escapeHtml(t.back)}</a></p>
</section>`;
  return layout(app, lang, `${app.name} — ${t.problem}`, body);
}

export function notFoundPage(app: DemoAppDefinition, lang: Lang): string {
  const t = TEXT[lang];
  return layout(app, lang, app.name, `<section class="card"><h1>404</h1><p>${escapeHtml(t.notFound)}</p><p><a href="${DEMO_APP_PATHS.home}">${escapeHtml(t.back)}</a></p></section>`);
}

/** Served at /style.css: a stylesheet, not inline styles, so the CSP needs no 'unsafe-inline'. */
export function stylesheet(app: DemoAppDefinition): string {
  return `:root{--accent:${app.colour};--ink:#1c1f24;--muted:#5b6370;--paper:#f5f6f8;--card:#fff;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--ink:#e8eaed;--muted:#a9b0bb;--paper:#15171a;--card:#1f2226}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--paper)}
.bar{display:flex;align-items:center;gap:.75rem;flex-wrap:wrap;padding:.9rem 1.25rem;background:var(--accent);color:#fff}
.logo{width:1.6rem;height:1.6rem;border-radius:.4rem;background:#fff;opacity:.9}
.app-name{font-weight:700;font-size:1.2rem}
.tagline{opacity:.9;font-size:.95rem}
main{max-width:44rem;margin:0 auto;padding:1.25rem}
.card{background:var(--card);border-radius:.75rem;padding:1.25rem 1.5rem;margin-bottom:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.12);border-top:4px solid var(--accent)}
.eyebrow{margin:0;color:var(--muted);font-size:.9rem}
h1{margin:.1rem 0 .75rem;font-size:1.6rem;overflow-wrap:anywhere}
h2{margin:0 0 .5rem;font-size:1.15rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0 0 1rem}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
code{font-size:.85rem}
.groups{display:flex;flex-wrap:wrap;gap:.35rem;list-style:none;margin:0;padding:0}
.groups li{border:1px solid var(--accent);border-radius:999px;padding:0 .6rem;font-size:.9rem}
.button,button{display:inline-block;font:inherit;font-weight:600;text-decoration:none;cursor:pointer;border-radius:.5rem;padding:.6rem 1.1rem;border:2px solid var(--accent);background:var(--accent);color:#fff}
button.secondary{background:transparent;color:var(--ink)}
.button:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid var(--ink);outline-offset:2px}
a{color:inherit}
ul.items{margin:0;padding-left:1.2rem}
.detail{color:var(--muted);font-size:.9rem;overflow-wrap:anywhere}
.notice{margin:0 0 1rem;padding:.6rem .9rem;border-radius:.5rem;border-left:4px solid var(--accent);background:var(--paper);overflow-wrap:anywhere}
.notice--error{border-left-color:#b3261e}
@media (max-width:30rem){dl{grid-template-columns:1fr}dt{margin-top:.4rem}}
`;
}

/** A favicon in the app's colour. */
export function iconSvg(app: DemoAppDefinition): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${app.colour}"/><text x="16" y="22" font-family="sans-serif" font-size="16" font-weight="700" text-anchor="middle" fill="#fff">${escapeHtml(app.name.charAt(0))}</text></svg>`;
}
