// How a demo app posts alerts to Passerelle, as any app would: an access token from the
// client_credentials grant (scope alerts:write, openid-client does the protocol), then
// POST <portal origin>/api/alerts with the push API's JSON. The token is kept until shortly before
// it expires; a 401 (revoked, or the secret or scopes changed) gets one more try with a fresh one.
import { setTimeout as sleep } from 'node:timers/promises';
import * as client from 'openid-client';
import { AlertRoutes, type ApiErrorBody, type PostAlertRequest, type PostAlertResponse } from '@passerelle/contracts';
import { NotConfiguredError } from './relying-party';

export const ALERTS_SCOPE = 'alerts:write';
/** A token is renewed this long before it expires, so no request leaves with one about to lapse. */
export const TOKEN_RENEWAL_MARGIN_MS = 30_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** Passerelle refused or could not take the alert. `temporary`: worth trying again later (not reachable, 5xx, 429). */
export class AlertPostError extends Error {
  constructor(
    message: string,
    readonly temporary: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface AlertPosterSettings {
  /** Passerelle's issuer, `${PUBLIC_URL}/oidc`: the push API is on the same origin, without `/oidc`. */
  issuer: string;
  /**
   * The app's discovered client (openid-client Configuration with its credentials). A new object
   * after the app got new credentials, which drops the token obtained with the old ones.
   */
  configuration: () => Promise<client.Configuration>;
  now?: () => number;
}

interface CachedToken {
  configuration: client.Configuration;
  value: string;
  renewAt: number;
}

export class AlertPoster {
  /** `<portal origin>/api/alerts`. */
  readonly endpoint: string;
  private readonly now: () => number;
  private token: Promise<CachedToken> | undefined;

  constructor(private readonly settings: AlertPosterSettings) {
    this.endpoint = portalOrigin(settings.issuer) + AlertRoutes.alerts;
    this.now = settings.now ?? Date.now;
  }

  /** Posts one alert; 202 gives Passerelle's answer, anything else throws AlertPostError. */
  async post(alert: PostAlertRequest): Promise<PostAlertResponse> {
    let response = await this.send(await this.accessToken(false), alert);
    if (response.status === 401) response = await this.send(await this.accessToken(true), alert);
    if (response.status === 202) return (await response.json()) as PostAlertResponse;
    throw new AlertPostError(await refusal(response), response.status >= 500 || response.status === 429, response.status);
  }

  private async send(token: string, alert: PostAlertRequest): Promise<Response> {
    try {
      return await fetch(this.endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(alert),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new AlertPostError(`Passerelle could not be reached at ${this.endpoint}: ${reason(error)}`, true);
    }
  }

  /** The cached token while it is fresh and was obtained with the current credentials; else a new one (shared by concurrent callers). */
  private async accessToken(fresh: boolean): Promise<string> {
    const configuration = await this.settings.configuration().catch((error: unknown) => {
      // No credentials yet is the app's own state, not Passerelle's: said as it is, never retried.
      throw error instanceof NotConfiguredError ? error : new AlertPostError(`Passerelle could not be reached: ${reason(error)}`, true);
    });
    const current = this.token ? await this.token.catch(() => undefined) : undefined;
    if (!fresh && current && current.configuration === configuration && current.renewAt > this.now()) return current.value;
    const request = this.requestToken(configuration);
    this.token = request;
    request.catch(() => {
      if (this.token === request) this.token = undefined;
    });
    return (await request).value;
  }

  private async requestToken(configuration: client.Configuration): Promise<CachedToken> {
    const startedAt = this.now();
    let granted;
    try {
      granted = await client.clientCredentialsGrant(configuration, { scope: ALERTS_SCOPE });
    } catch (error) {
      if (error instanceof client.ResponseBodyError && error.error === 'invalid_scope') {
        throw new AlertPostError(`Passerelle did not grant ${ALERTS_SCOPE} to this app: an administrator runs \`npm run portal -- app update ${configuration.clientMetadata().client_id} --scope ${ALERTS_SCOPE}\`.`, false);
      }
      if (error instanceof client.ResponseBodyError || error instanceof client.WWWAuthenticateChallengeError) {
        throw new AlertPostError(`Passerelle refused this app's credentials: ${reason(error)}`, false);
      }
      throw new AlertPostError(`No token from Passerelle: ${reason(error)}`, true);
    }
    const lifetimeMs = (granted.expiresIn() ?? 60) * 1000;
    return { configuration, value: granted.access_token, renewAt: startedAt + Math.max(0, lifetimeMs - TOKEN_RENEWAL_MARGIN_MS) };
  }
}

/**
 * Posts `alert`, trying again while Passerelle is only temporarily unable to take it (not started
 * yet, restarting, rate limit) until `deadline` or until `signal` aborts. Permanent refusals throw at once.
 */
export async function postPatiently(
  poster: Pick<AlertPoster, 'post'>,
  alert: PostAlertRequest,
  options: { deadline: number; signal: AbortSignal; now?: () => number; firstDelayMs?: number; maxDelayMs?: number },
): Promise<PostAlertResponse> {
  const now = options.now ?? Date.now;
  let delay = options.firstDelayMs ?? 250;
  for (;;) {
    try {
      return await poster.post(alert);
    } catch (error) {
      const temporary = error instanceof AlertPostError && error.temporary;
      if (!temporary || options.signal.aborted || now() + delay > options.deadline) throw error;
    }
    await sleep(delay, undefined, { signal: options.signal });
    delay = Math.min(delay * 2, options.maxDelayMs ?? 2000);
  }
}

/** `http://host:3000/oidc` → `http://host:3000` (Passerelle serves its API and its provider on one origin). */
export function portalOrigin(issuer: string): string {
  return issuer.replace(/\/+$/, '').replace(/\/oidc$/, '');
}

async function refusal(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as Partial<ApiErrorBody> | undefined;
  const fields = body?.fields ? ` (${Object.entries(body.fields).map(([field, problems]) => `${field}: ${problems.join(' ')}`).join('; ')})` : '';
  return `Passerelle answered ${response.status}${body?.message ? `: ${body.message}` : ''}${fields}`;
}

function reason(error: unknown): string {
  if (error instanceof client.ResponseBodyError) return error.error_description ?? error.error;
  if (error instanceof Error) {
    const cause = (error.cause as { code?: string } | undefined)?.code;
    return cause ? `${error.message} (${cause})` : error.message;
  }
  return String(error);
}
