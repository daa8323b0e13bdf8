// People and apps made with the ops CLI, the way an operator would.
import { runCli, type TestServer } from './server';

export interface Person {
  email: string;
  name: string;
  password: string;
  /** The authenticator key, once read off the enrolment page. */
  secret?: string;
  /** The last time step whose code the portal accepted (a code works once). */
  lastStep?: number;
  recoveryCodes?: string[];
}

export const PERSON_PASSWORD = 'Plenty-Of-Entropy-2024!';

async function cli(server: TestServer, args: string[], input?: string): Promise<Record<string, unknown>> {
  const result = await runCli(server, [...args, '--json'], input);
  if (result.code !== 0) throw new Error(`portal ${args.join(' ')} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** A person with a password and no authenticator yet (they enrol at their first sign-in). */
export async function createPerson(server: TestServer, email: string, name: string, options: { admin?: boolean } = {}): Promise<Person> {
  await cli(server, ['user', 'create', '--email', email, '--name', name, '--password-stdin', ...(options.admin ? ['--admin'] : [])], PERSON_PASSWORD);
  return { email, name, password: PERSON_PASSWORD };
}

export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
}

/** An app with its OIDC client, open to every account (the catalog shows an app to nobody until told). */
export async function registerApp(server: TestServer, name: string, redirectUri: string, backchannelLogoutUri?: string): Promise<RegisteredApp> {
  const out = await cli(server, [
    'app',
    'create',
    '--name',
    name,
    '--redirect-uri',
    redirectUri,
    '--everyone',
    ...(backchannelLogoutUri ? ['--backchannel-logout-uri', backchannelLogoutUri] : []),
  ]);
  // `app create` prints the tile as `app` and its OIDC client (with the secret, once) as `client`.
  const app = (out['client'] ?? out['app']) as { clientId?: string; clientSecret?: string } | undefined;
  if (!app?.clientId || !app.clientSecret) throw new Error(`app create printed no client id/secret: ${JSON.stringify(out)}`);
  return { clientId: app.clientId, clientSecret: app.clientSecret };
}
