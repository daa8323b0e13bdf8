/** Limits on the URLs an administrator registers for an app (OIDC client). */
export const MAX_URIS_PER_LIST = 20;
export const MAX_URI_LENGTH = 2000;

// Plain http is only safe where the traffic never leaves the machine (development).
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface UriRule {
  /** oidc-provider accepts only https for some URLs (initiate_login_uri), even on localhost. */
  httpsOnly?: boolean;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost');
}

/**
 * Why `value` can't be registered as one of an app's URLs, or undefined when it can: absolute,
 * no fragment, https — or http on a loopback host. The value is kept exactly as given, because
 * the provider compares redirect URIs as strings.
 */
export function uriProblem(value: unknown, rule: UriRule = {}): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'Enter a URL.';
  if (value.length > MAX_URI_LENGTH) return `Use at most ${MAX_URI_LENGTH} characters.`;
  if (/\s/.test(value)) return 'A URL cannot contain spaces.';
  // `new URL` forgives "https:host" and "https:/host"; an absolute URL has the "//" authority.
  const url = /^https?:\/\//i.test(value) ? parseUrl(value) : null;
  if (!url || !url.hostname) return 'Enter a full URL starting with https://, like https://wiki.example.com/callback.';
  if (value.includes('#')) return 'Remove the part from "#": a URL registered for an app cannot have a fragment.';
  if (url.username || url.password) return 'Remove the user name and password from the URL.';
  if (url.protocol === 'http:') {
    if (rule.httpsOnly) return 'Use https://.';
    if (!isLoopbackHost(url.hostname)) return 'Use https:// (http:// is only accepted for localhost).';
  }
  return undefined;
}

/** Problems with a list of URLs, each message naming the URL it is about. */
export function uriListProblems(values: unknown, { required, rule }: { required: boolean; rule?: UriRule }): string[] {
  if (values === undefined || values === null) return required ? ['Enter at least one URL.'] : [];
  if (!Array.isArray(values)) return ['Enter a list of URLs.'];
  if (required && values.length === 0) return ['Enter at least one URL.'];
  if (values.length > MAX_URIS_PER_LIST) return [`Enter at most ${MAX_URIS_PER_LIST} URLs.`];
  const problems: string[] = [];
  for (const value of values) {
    const problem = uriProblem(value, rule);
    if (problem) problems.push(typeof value === 'string' && value.length > 0 ? `${shorten(value)}: ${problem}` : problem);
  }
  if (new Set(values).size !== values.length) problems.push('Enter each URL once.');
  return problems;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function shorten(value: string): string {
  return value.length > 100 ? `${value.slice(0, 97)}...` : value;
}
