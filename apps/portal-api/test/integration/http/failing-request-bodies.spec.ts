import { readJson, usePortal } from '../../support/test-portal';

describe('Unreadable request bodies', () => {
  const portal = usePortal();

  const post = (body: string, contentType = 'application/json') =>
    fetch(portal.at('/api/setup'), { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers malformed JSON with 400 and a plain sentence', async () => {
    const response = await post('{"token": ');
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual(jasmine.objectContaining({ code: 'bad_request', message: 'The request body must be a valid JSON object.' }));
  });

  it('takes no form bodies: any site can post a form, so a form post is refused (403), never a 500', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
      const response = await post('password=Hunter-secret-1&email=a%40b.c', type);
      expect(response.status).withContext(type).toBe(403);
      expect((await readJson(response)).code).toBe('forbidden');
    }
  });

  it('refuses writes whose Origin is another site, and accepts its own origin', async () => {
    const foreign = await fetch(portal.at('/api/auth/sign-out'), { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const own = await fetch(portal.at('/api/auth/sign-out'), { method: 'POST', headers: { origin: new URL(portal.url).origin, 'content-type': 'application/json' }, body: '{}' });
    expect(own.status).toBe(204);
  });

  it('answers a body with an unreadable encoding with a 4xx', async () => {
    const response = await fetch(portal.at('/api/setup'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '{}',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await readJson(response)).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a body over 100 kB with 413', async () => {
    const response = await post(JSON.stringify({ token: 'x'.repeat(200_000) }));
    expect(response.status).toBe(413);
    expect((await readJson(response)).code).toBe('payload_too_large');
  });

  it('answers a JSON scalar with 400 asking for an object, not a crash', async () => {
    for (const body of ['"text"', 'null', '42']) {
      const response = await post(body);
      expect(response.status).withContext(body).toBe(400);
      expect((await readJson(response)).message).withContext(body).toBe('The request body must be a valid JSON object.');
    }
  });

  it('refuses a NUL character anywhere in the body with 400 (PostgreSQL could not store it)', async () => {
    for (const body of [{ token: 'abc\u0000def', organisationName: 'Acme', name: 'A', email: 'a@b.c', password: 'long enough passphrase' }, { nested: { 'k\u0000': 'v' } }]) {
      const response = await post(JSON.stringify(body));
      expect(response.status).toBe(400);
      expect(await readJson(response)).toEqual(jasmine.objectContaining({ code: 'validation_failed', message: 'Text can’t contain NUL characters (\\u0000).' }));
    }
  });

  it('answers a JSON array with 400 field messages', async () => {
    const response = await post('[]');
    expect(response.status).toBe(400);
    expect((await readJson(response)).code).toBe('validation_failed');
  });

  it('names every missing field with a sentence saying what to enter', async () => {
    const response = await post('{}');
    expect(response.status).toBe(400);
    expect((await readJson(response)).fields).toEqual({
      token: ['This setup link is not valid.'],
      organisationName: ['Enter the name of your organisation.'],
      name: ['Enter your name.'],
      email: ['Enter your work email address.'],
      password: ['Choose a password.'],
    });
  });

  it('answers wrongly typed fields with 400 and names them', async () => {
    const response = await post(JSON.stringify({ token: 12, organisationName: ['x'], name: {}, email: true, password: 123456789012345 }));
    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(Object.keys(body.fields).sort()).toEqual(['email', 'name', 'organisationName', 'password', 'token']);
  });
});
