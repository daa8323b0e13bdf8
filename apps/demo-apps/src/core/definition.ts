import type { PostAlertRequest } from '@passerelle/contracts';
import type { Person } from './sessions';

export const DEMO_APP_KEYS = ['wiki', 'crm', 'files'] as const;
export type DemoAppKey = (typeof DEMO_APP_KEYS)[number];

export type Lang = 'en' | 'fr';

/**
 * One demo app: what differs from the others (name, colour, a little content). Everything about
 * signing in lives in the shared core, so later features (alerts it posts, the support widget it
 * embeds) plug in here without touching the protocol code.
 */
export interface DemoAppDefinition {
  key: DemoAppKey;
  name: string;
  /** Accent colour of its pages, #rrggbb. */
  colour: string;
  tagline: Record<Lang, string>;
  /** Shown under the identity card to a signed-in person: HTML whose every value went through escapeHtml. */
  content(person: Person, lang: Lang): string;
  /**
   * What the app tells people through Passerelle once it has its credentials (`base`: the app's own
   * URL, for links). Written once, in the organisation's language (French), each with a dedupeKey so
   * that posting them again at every start updates them instead of adding copies.
   */
  alerts(base: string): PostAlertRequest[];
}

/**
 * The paths every demo app serves. The demo seed (apps/portal-api/src/cli/demo-seed.ts) registers
 * the same ones with Passerelle; the demo integration spec proves the two agree.
 */
export const DEMO_APP_PATHS = {
  home: '/',
  /** Third-party-initiated login (`initiate_login_uri`): ?iss=&login_hint=&target_link_uri= */
  login: '/login',
  /** "Sign in with Passerelle" from the app's own page. */
  signIn: '/signin',
  callback: '/callback',
  /** POST: ends the app's session, then Passerelle's (RP-initiated logout). */
  signOut: '/signout',
  backchannelLogout: '/backchannel-logout',
  health: '/healthz',
  /** POST (a form on the signed-in page): sends the signed-in person a test alert through Passerelle. */
  testAlert: '/alerts/test',
  stylesheet: '/style.css',
  icon: '/icon.svg',
} as const;
