/** HTTP paths shared by the API and the web app. */
export const API_PREFIX = 'api';

export const ApiRoutes = {
  instance: '/api/instance',
  setupLink: '/api/setup/link',
  setup: '/api/setup',
  activate: '/api/setup/activate',
  docs: '/api/docs',
} as const;

export const OpsRoutes = {
  liveness: '/healthz',
  readiness: '/readyz',
  metrics: '/metrics',
} as const;

/** Client-side routes of portal-web (served by the API for every non-API path). */
export const WebRoutes = {
  home: '/',
  setup: '/setup',
  /** Where a person sets the password of an account an administrator created (one-time link). */
  activate: '/activate',
  signIn: '/sign-in',
} as const;

/** Setup and activation links carry their token in the URL fragment so it never reaches server logs. */
export const SETUP_TOKEN_FRAGMENT_KEY = 'token';
