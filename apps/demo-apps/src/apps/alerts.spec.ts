import { ALERT_LIMITS, AlertSeverities } from '@passerelle/contracts';
import { DEMO_APPS } from '.';

/** The alerts each demo app posts once it has its credentials: what the push API accepts, and stable across restarts. */
describe('demo apps’ own alerts', () => {
  const base = 'http://localhost:3102';
  const all = Object.values(DEMO_APPS).flatMap((app) => app.alerts(base).map((alert) => ({ app: app.key, alert })));

  it('each app has some that fit the push API’s limits and link back to the app', () => {
    for (const app of Object.values(DEMO_APPS)) expect(app.alerts(base).length).withContext(app.key).toBeGreaterThan(0);
    for (const { app, alert } of all) {
      expect(alert.title.length).withContext(app).toBeLessThanOrEqual(ALERT_LIMITS.titleMax);
      expect((alert.body ?? '').length).withContext(app).toBeLessThanOrEqual(ALERT_LIMITS.bodyMax);
      expect(AlertSeverities).withContext(app).toContain(alert.severity ?? 'info');
      expect(alert.link?.startsWith(`${base}/`)).withContext(app).toBeTrue();
      for (const action of alert.actions ?? []) expect(action.url.startsWith(`${base}/`)).withContext(app).toBeTrue();
    }
  });

  it('have their own dedupeKey, the same at every start, so a restart updates instead of duplicating', () => {
    const keys = all.map(({ alert }) => alert.dedupeKey);
    expect(keys.every((k) => typeof k === 'string' && k.length > 0 && k.length <= ALERT_LIMITS.dedupeKeyMax)).toBeTrue();
    expect(new Set(keys).size).toBe(keys.length);
    const again = Object.values(DEMO_APPS).flatMap((app) => app.alerts(base));
    expect(again).toEqual(all.map(({ alert }) => alert));
  });

  it('reach the people the demo story is about', () => {
    expect(DEMO_APPS.crm.alerts(base)[0]).toEqual(jasmine.objectContaining({ recipients: { groups: ['Direction'] }, severity: 'warning', actions: [{ label: 'Valider', url: `${base}/` }] }));
    expect(DEMO_APPS.files.alerts(base)[0]).toEqual(jasmine.objectContaining({ recipients: { groups: ['IT'] }, severity: 'critical' }));
    expect(DEMO_APPS.wiki.alerts(base)[0]).toEqual(jasmine.objectContaining({ recipients: { everyone: true }, severity: 'info' }));
  });
});
