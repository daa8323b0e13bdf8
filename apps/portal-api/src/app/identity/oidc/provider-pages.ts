import type { KoaContextWithOIDC } from 'oidc-provider';

/**
 * The few pages oidc-provider renders itself (an error it can't send back to an app, the logout
 * confirmation, "you are signed out"). Plain, self-contained HTML: no script, styles in a <style>
 * block allowed by the provider routes' CSP hash-free policy (see mount-provider.ts).
 */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Passerelle</title>
<link rel="stylesheet" href="/oidc-pages.css">
</head><body><main class="card">${body}</main></body></html>`;
}

export function errorPage(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): void {
  ctx.type = 'html';
  ctx.body = page(
    'Sign-in problem',
    `<h1>This sign-in can’t continue</h1>
<p>${escapeHtml(out.error_description ?? 'The request from the app was not valid.')}</p>
<p class="code">${escapeHtml(out.error)}</p>
<p><a href="/">Go to your Passerelle home page</a></p>`,
  );
}

/** `form` is the provider's own hidden-field form (it carries the xsrf token); we only add a button. */
export function logoutPage(ctx: KoaContextWithOIDC, form: string): void {
  ctx.type = 'html';
  const clientName = ctx.oidc.client?.clientName;
  ctx.body = page(
    'Sign out',
    `<h1>Sign out of Passerelle?</h1>
<p>${clientName ? `${escapeHtml(clientName)} asked to sign you out. ` : ''}You will be signed out of Passerelle and of the apps you opened with it.</p>
${form}
<div class="actions">
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm" class="secondary">Stay signed in</button>
</div>`,
  );
}

export function signedOutPage(ctx: KoaContextWithOIDC): void {
  ctx.type = 'html';
  ctx.body = page('Signed out', `<h1>You are signed out</h1><p>You can close this window.</p><p><a href="/">Sign in again</a></p>`);
}
