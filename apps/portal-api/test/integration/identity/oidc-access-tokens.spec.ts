import * as client from 'openid-client';
import { AccountsService } from '../../../src/app/accounts/accounts.service';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { usePortal } from '../../support/test-portal';
import { authorizationRequest, Browser, createPerson, discoverAs, redeem, registerApp, signInThroughInteraction } from '../../support/oidc-rp';

/**
 * Access tokens for resource servers: client_credentials for Passerelle's own API scopes,
 * introspection and revocation, and what happens to a disabled person's tokens.
 */
describe('OpenID provider: access tokens, introspection and revocation', () => {
  const portal = usePortal();
  const redirectUri = 'http://127.0.0.1:8767/callback';

  async function signedInTokens(scope = 'openid profile email', appInput: { public?: boolean } = {}) {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri], ...appInput });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const person = await createPerson(portal.app);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope });
    const signIn = await signInThroughInteraction(new Browser(portal.url), request.url, person);
    return { app, config, person, tokens: await redeem(config, signIn.callbackUrl, request) };
  }

  describe('client_credentials', () => {
    it('issues a token with an API scope the app was registered for; introspection and revocation work on it', async () => {
      const app = await registerApp(portal.app, { redirectUris: [redirectUri], scopes: ['alerts:write'] });
      const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
      const granted = await client.clientCredentialsGrant(config, { scope: 'alerts:write' });
      expect(granted.access_token).toEqual(jasmine.any(String));
      expect(granted.token_type.toLowerCase()).toBe('bearer');
      expect(granted.scope).toBe('alerts:write');
      expect(granted.refresh_token).toBeUndefined();
      expect(granted.id_token).toBeUndefined();

      const active = await client.tokenIntrospection(config, granted.access_token);
      expect(active.active).toBeTrue();
      expect(active.scope).toBe('alerts:write');
      expect(active.client_id).toBe(app.clientId);
      expect(active.sub).toBeUndefined();
      expect(active.exp).toBeGreaterThan(Date.now() / 1000);

      await client.tokenRevocation(config, granted.access_token);
      expect((await client.tokenIntrospection(config, granted.access_token)).active).toBeFalse();
    });

    it('refuses an API scope the app was not registered for, and refuses public apps', async () => {
      const app = await registerApp(portal.app, { redirectUris: [redirectUri], scopes: ['alerts:write'] });
      const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
      const error = await client.clientCredentialsGrant(config, { scope: 'users:read' }).catch((e: unknown) => e);
      expect(error).toEqual(jasmine.any(client.ResponseBodyError));
      expect((error as client.ResponseBodyError).error).toBe('invalid_scope');

      const publicApp = await registerApp(portal.app, { redirectUris: [redirectUri], public: true });
      const publicConfig = await discoverAs(portal.url, publicApp.clientId);
      const refused = await client.clientCredentialsGrant(publicConfig, { scope: 'alerts:write' }).catch((e: unknown) => e);
      expect(refused).toEqual(jasmine.any(client.ResponseBodyError));
      // oidc-provider: "requested grant type is not allowed for this client".
      expect((refused as client.ResponseBodyError).error).toBe('invalid_request');
      expect((refused as client.ResponseBodyError).error_description).toMatch(/grant type/);
    });
  });

  describe('a person’s access token', () => {
    it('introspects as active with the subject, client and scope; revocation ends it', async () => {
      const { app, config, person, tokens } = await signedInTokens();
      const active = await client.tokenIntrospection(config, tokens.access_token);
      expect(active.active).toBeTrue();
      expect(active.sub).toBe(person.id);
      expect(active.client_id).toBe(app.clientId);
      expect(active.scope?.split(' ')).toEqual(jasmine.arrayContaining(['openid', 'profile', 'email']));
      expect(active.iss).toBe(`${portal.url}/oidc`);

      // A resource server (another confidential app) may introspect it too.
      const resourceServer = await registerApp(portal.app, { redirectUris: [redirectUri] });
      const rsConfig = await discoverAs(portal.url, resourceServer.clientId, resourceServer.clientSecret);
      expect((await client.tokenIntrospection(rsConfig, tokens.access_token)).sub).toBe(person.id);

      await client.tokenRevocation(config, tokens.access_token, { token_type_hint: 'access_token' });
      expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBeFalse();
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, person.id).catch((e: unknown) => e);
      expect(userinfo).toEqual(jasmine.any(client.WWWAuthenticateChallengeError));
    });

    it('does not let a public app introspect another app’s token', async () => {
      const { tokens } = await signedInTokens();
      const spa = await registerApp(portal.app, { redirectUris: [redirectUri], public: true });
      const spaConfig = await discoverAs(portal.url, spa.clientId);
      expect((await client.tokenIntrospection(spaConfig, tokens.access_token)).active).toBeFalse();
    });

    it('stops working when the account is disabled: userinfo, introspection and refresh all refuse it', async () => {
      const { config, person, tokens } = await signedInTokens('openid email offline_access');
      expect((await client.fetchUserInfo(config, tokens.access_token, person.id)).email).toBe(person.email);

      await portal.app.get(AccountsService).disableUser(person.id, 'test', CLI_CONTEXT);

      const userinfo = await client.fetchUserInfo(config, tokens.access_token, person.id).catch((e: unknown) => e);
      expect(userinfo).toEqual(jasmine.any(client.WWWAuthenticateChallengeError));
      expect((userinfo as client.WWWAuthenticateChallengeError).cause[0].parameters.error).toBe('invalid_token');
      expect((await client.tokenIntrospection(config, tokens.access_token)).active).withContext('access token introspection').toBeFalse();
      expect((await client.tokenIntrospection(config, tokens.refresh_token as string)).active).withContext('refresh token introspection').toBeFalse();
      const refresh = await client.refreshTokenGrant(config, tokens.refresh_token as string).catch((e: unknown) => e);
      expect(refresh).toEqual(jasmine.any(client.ResponseBodyError));
      expect((refresh as client.ResponseBodyError).error).toBe('invalid_grant');
    });
  });
});
