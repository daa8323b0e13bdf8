import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccountRoutes, type AlertView, type Locale } from '@passerelle/contracts';
import { myAlerts } from './alerts';
import { Browser, signInThroughInteraction, type Person } from './oidc-rp';

/**
 * What Passerelle's own alerts need in specs: an app's health endpoint whose answer the spec
 * switches, sign-ins that spend recovery codes, and a person's language set as they would set it.
 */

/** A tiny HTTP server on 127.0.0.1 whose /healthz answers `status` (200 until told otherwise). */
export class HealthEndpoint {
  status = 200;
  private server?: http.Server;
  private base = '';

  static async start(): Promise<HealthEndpoint> {
    const endpoint = new HealthEndpoint();
    endpoint.server = http.createServer((req, res) => {
      if (req.url === '/healthz') res.writeHead(endpoint.status, { 'content-type': 'text/plain' }).end(endpoint.status < 400 ? 'ok' : 'unavailable');
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => (endpoint.server as http.Server).listen(0, '127.0.0.1', resolve));
    endpoint.base = `http://127.0.0.1:${((endpoint.server as http.Server).address() as AddressInfo).port}`;
    return endpoint;
  }

  get url(): string {
    return `${this.base}/healthz`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}

/** Signs in to the dashboard with the password and a recovery code instead of the authenticator. */
export async function signInWithRecoveryCode(portalUrl: string, person: Person, recoveryCode: string): Promise<Browser> {
  const browser = new Browser(portalUrl);
  const result = await signInThroughInteraction(browser, `${portalUrl}/api/auth/sign-in`, { ...person, recoveryCode });
  if (result.callbackUrl.pathname !== '/' || result.steps.join(',') !== 'password,totp,done') {
    throw new Error(`The recovery-code sign-in went ${result.steps.join(' → ')} and ended at ${result.callbackUrl}`);
  }
  return browser;
}

/** The person chooses their language on their account page. */
export async function chooseLanguage(browser: Browser, locale: Locale): Promise<void> {
  const response = await browser.request(AccountRoutes.profile, { method: 'PATCH', json: { locale } });
  if (response.status !== 204) throw new Error(`PATCH ${AccountRoutes.profile} → ${response.status} ${response.text}`);
}

/** Passerelle's own alerts in the person's list (first page), newest first. */
export async function mySystemAlerts(browser: Browser): Promise<AlertView[]> {
  return (await myAlerts(browser, { limit: 100 })).items.filter((a) => a.source === 'system');
}
