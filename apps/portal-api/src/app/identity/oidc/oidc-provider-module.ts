import type * as OidcProviderModule from 'oidc-provider';

/**
 * oidc-provider, loaded once. It warns on every load under Node 20 (it is tested on 22+); Passerelle
 * supports Node 20.19+ deliberately (README), so that one line is kept off stderr — the CLI's
 * output must stay clean. Everything else it prints passes through.
 */
function load(): typeof OidcProviderModule {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('Unsupported runtime')) return;
    warn(...args);
  };
  try {
    return require('oidc-provider') as typeof OidcProviderModule;
  } finally {
    console.warn = warn;
  }
}

const oidcProvider = load();
export const Provider = oidcProvider.Provider;
export const errors = oidcProvider.errors;
export const interactionPolicy = oidcProvider.interactionPolicy;
