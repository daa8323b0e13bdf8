import { ConfigError, describeDatabase, loadConfig } from './config';

const root = '/srv/passerelle';
const load = (env: Record<string, string | undefined>) => loadConfig(env, { workspaceRoot: root });
const HEX_KEY = 'a'.repeat(64);

describe('loadConfig', () => {
  it('gives a working embedded setup with no variables at all', () => {
    const config = load({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.dataDir).toBe('/srv/passerelle/data');
    expect(config.database).toEqual({ kind: 'sqlite', file: '/srv/passerelle/data/passerelle.sqlite' });
    expect(config.secretKey).toBeUndefined();
    expect(config.logFormat).toBe('pretty');
    expect(config.argon2).toEqual({ memoryKiB: 19_456, iterations: 2, parallelism: 1 });
    expect(config.webDistDir).toBe('/srv/passerelle/dist/apps/portal-web/browser');
    expect(config.mail).toEqual({ smtpUrl: undefined, from: 'Passerelle <no-reply@localhost>' });
  });

  it('reads SMTP_URL (smtp or smtps) and MAIL_FROM', () => {
    expect(load({ SMTP_URL: 'smtp://app:s3cret@mail.example.com:587' }).mail.smtpUrl).toBe('smtp://app:s3cret@mail.example.com:587');
    expect(load({ SMTP_URL: 'smtps://mail.example.com' }).mail.smtpUrl).toBe('smtps://mail.example.com');
    expect(load({ MAIL_FROM: 'it@acme.example' }).mail.from).toBe('it@acme.example');
    expect(load({ MAIL_FROM: 'Acme IT <it@acme.example>' }).mail.from).toBe('Acme IT <it@acme.example>');
  });

  it('never repeats the SMTP password in a configuration error', () => {
    expect(() => load({ SMTP_URL: 'http://app:s3cret@mail.example.com' })).toThrowError(ConfigError, /^(?!.*s3cret).*$/);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and never prints its password', () => {
    const config = load({ DATABASE_URL: 'postgres://app:s3cret@db.internal:5433/passerelle' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app:s3cret@db.internal:5433/passerelle', poolSize: 10 });
    expect(describeDatabase(config)).toBe('PostgreSQL at db.internal:5433/passerelle');
  });

  it('follows PORT in the default public URL and trims a trailing slash from PUBLIC_URL', () => {
    expect(load({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(load({ PUBLIC_URL: 'https://portal.example.com/' }).publicUrl).toBe('https://portal.example.com');
  });

  it('reads SECRET_KEY as hex or base64 and requires it in production', () => {
    expect(load({ SECRET_KEY: HEX_KEY }).secretKey?.length).toBe(32);
    expect(load({ SECRET_KEY: Buffer.alloc(32, 7).toString('base64') }).secretKey?.length).toBe(32);
    expect(() => load({ NODE_ENV: 'production' })).toThrowError(ConfigError, /SECRET_KEY is required when NODE_ENV=production/);
    const production = load({ NODE_ENV: 'production', SECRET_KEY: HEX_KEY });
    expect(production.logFormat).toBe('json');
  });

  it('reads the feed poll interval and the private addresses feeds may reach', () => {
    expect(load({}).feeds).toEqual({ pollSeconds: 300, allowPrivate: [] });
    expect(load({ FEED_POLL_SECONDS: '60', FEED_ALLOW_PRIVATE: ' 10.0.0.0/8, intranet.example.com ,::1' }).feeds).toEqual({
      pollSeconds: 60,
      allowPrivate: ['10.0.0.0/8', 'intranet.example.com', '::1'],
    });
  });

  it('treats empty variables as unset', () => {
    expect(load({ PORT: '', DATABASE_URL: '  ' }).database.kind).toBe('sqlite');
  });

  const wrong: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'abc' }, /^PORT must be a whole number from 0 to 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT must be a whole number/],
    [{ PORT: '-1' }, /^PORT must be a whole number/],
    [{ NODE_ENV: 'staging' }, /^NODE_ENV must be one of development, production, test/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    [{ LOG_FORMAT: 'xml' }, /^LOG_FORMAT must be one of json, pretty/],
    [{ PUBLIC_URL: 'portal.example.com' }, /^PUBLIC_URL must be an absolute http\(s\) URL/],
    [{ PUBLIC_URL: 'ftp://portal.example.com' }, /^PUBLIC_URL must start with http:\/\/ or https:\/\//],
    [{ PUBLIC_URL: 'https://portal.example.com/?a=1' }, /^PUBLIC_URL must not contain a query/],
    [{ DATABASE_URL: 'mysql://db/x' }, /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL must look like postgres:\/\//],
    [{ DATABASE_URL: 'postgres://db.internal' }, /^DATABASE_URL must name a host and a database/],
    [{ SECRET_KEY: 'short' }, /^SECRET_KEY must be 32 random bytes/],
    [{ TRUST_PROXY: 'maybe' }, /^TRUST_PROXY must be true, false or the number of proxies/],
    [{ SETUP_LINK_TTL_MINUTES: '1' }, /^SETUP_LINK_TTL_MINUTES must be a whole number from 5 to 10080/],
    [{ ARGON2_MEMORY_KIB: '1024' }, /^ARGON2_MEMORY_KIB must be a whole number from 19456/],
    [{ DATABASE_POOL_SIZE: '0', DATABASE_URL: 'postgres://h/db' }, /^DATABASE_POOL_SIZE must be a whole number from 1 to 200/],
    [{ SMTP_URL: 'mail.example.com:587' }, /^SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
    [{ SMTP_URL: 'not a url' }, /^SMTP_URL must look like smtp:\/\/user:password@/],
    [{ SMTP_URL: 'https://mail.example.com' }, /^SMTP_URL must start with smtp:\/\/ or smtps:\/\/ \(got "https:\/\/…"\)/],
    [{ SMTP_URL: 'smtp://' }, /^SMTP_URL must/],
    [{ MAIL_FROM: 'nobody' }, /^MAIL_FROM must be an address such as no-reply@example.com/],
    [{ MAIL_FROM: 'A <a@b.c>\nBcc: x@y.z' }, /^MAIL_FROM must be an address/],
    [{ FEED_POLL_SECONDS: '5' }, /^FEED_POLL_SECONDS must be a whole number from 10 to 86400/],
    [{ FEED_ALLOW_PRIVATE: '10.0.0.0/40' }, /^FEED_ALLOW_PRIVATE: "10\.0\.0\.0\/40" is not a valid address range/],
    [{ FEED_ALLOW_PRIVATE: 'intranet, http://x' }, /^FEED_ALLOW_PRIVATE: "http:\/\/x" is neither a host name/],
  ];
  for (const [env, message] of wrong) {
    it(`refuses ${JSON.stringify(env)} with one sentence naming the variable`, () => {
      expect(() => load(env)).toThrowError(ConfigError, message);
    });
  }
});
