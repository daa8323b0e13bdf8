import { getJson, readJson, startTestPortal, usePortal } from '../../support/test-portal';

describe('Operations endpoints', () => {
  const portal = usePortal();

  it('answers liveness on /healthz', async () => {
    const { status, body } = await getJson(portal.at('/healthz'));
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
  });

  it('answers readiness on /readyz after checking the database', async () => {
    const { status, body } = await getJson(portal.at('/readyz'));
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ready', database: 'ok' });
  });

  it('reports not ready with 503 once the database is gone', async () => {
    const other = await startTestPortal();
    await other.dataSource.destroy();
    try {
      const { status, body } = await getJson(other.at('/readyz'));
      expect(status).toBe(503);
      expect(body.status).toBe('unavailable');
    } finally {
      await other.stop();
    }
  });

  it('exposes Prometheus metrics with request counts by route template', async () => {
    await fetch(portal.at('/api/instance'));
    const response = await fetch(portal.at('/metrics'));
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(text).toContain('passerelle_process_cpu_user_seconds_total');
    expect(text).toMatch(/passerelle_http_requests_total\{method="GET",route="\/api\/instance",status="200"\} \d+/);
    expect(text).toContain('passerelle_http_request_duration_seconds_bucket');
  });

  it('serves the OpenAPI document and its browsable docs under /api/docs', async () => {
    const spec = await getJson(portal.at('/api/docs/openapi.json'));
    expect(spec.status).toBe(200);
    expect(spec.body.info.title).toBe('Passerelle API');
    expect(Object.keys(spec.body.paths)).toEqual(jasmine.arrayContaining(['/api/instance', '/api/setup', '/api/setup/link']));
    const page = await fetch(portal.at('/api/docs'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
  });

  it('gives every response a request id, reusing a well-formed incoming one', async () => {
    const fresh = await fetch(portal.at('/healthz'));
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await fetch(portal.at('/api/instance'), { headers: { 'x-request-id': 'trace-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42');
    const refused = await fetch(portal.at('/api/instance'), { headers: { 'x-request-id': 'bad id <script>' } });
    expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const page = await fetch(portal.at('/sign-in'));
    expect(page.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('Metrics protected by METRICS_TOKEN', () => {
  it('asks for the bearer token when one is configured', async () => {
    const portal = await startTestPortal({ METRICS_TOKEN: 'scrape-secret-1234' });
    try {
      const denied = await fetch(portal.at('/metrics'));
      expect(denied.status).toBe(401);
      expect((await readJson(denied)).code).toBe('unauthorized');
      const allowed = await fetch(portal.at('/metrics'), { headers: { authorization: 'Bearer scrape-secret-1234' } });
      expect(allowed.status).toBe(200);
    } finally {
      await portal.stop();
    }
  });
});
