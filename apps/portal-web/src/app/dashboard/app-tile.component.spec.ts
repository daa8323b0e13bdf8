import { TestBed } from '@angular/core/testing';
import type { DashboardApp } from '@passerelle/contracts';
import { provideTestI18n, query, textOf } from '../../testing/test-helpers';
import { AlertCountsStore } from '../alerts/alert-counts.store';
import { I18nService } from '../core/i18n';
import { AppTileComponent } from './app-tile.component';

const CRM: DashboardApp = {
  id: 'crm',
  name: 'CRM',
  description: 'Customers and quotes',
  sectionId: null,
  iconUrl: null,
  launchUrl: '/api/dashboard/apps/crm/launch',
  sso: true,
  health: null,
};

describe('AppTileComponent (unread badge)', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideTestI18n()] }));

  async function tile() {
    const fixture = TestBed.createComponent(AppTileComponent);
    fixture.componentRef.setInput('app', CRM);
    await fixture.whenStable();
    return fixture;
  }

  it('shows the app’s unread alerts from the live counts, and the link says how many', async () => {
    const fixture = await tile();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('[data-testid="tile-badge"]')).toBeNull();

    const counts = TestBed.inject(AlertCountsStore);
    counts.set({ unread: 4, critical: 0, byApp: { crm: 3, wiki: 1 } });
    await fixture.whenStable();
    const badge = query(element, '[data-testid="tile-badge"]');
    expect(textOf(badge)).toBe('3');
    expect(badge.getAttribute('aria-hidden')).toBe('true');
    // Read after the name, inside the link: "CRM, 3 unread notifications".
    const link = textOf(query(element, '[data-testid="tile-link"]'));
    expect(link.indexOf('3 unread notifications')).toBeGreaterThan(link.indexOf('CRM'));
    expect(textOf(query(element, '[data-testid="tile-unread"]'))).toBe(', 3 unread notifications');

    counts.set({ unread: 1, critical: 0, byApp: { crm: 1 } });
    TestBed.inject(I18nService).setLocale('fr');
    await fixture.whenStable();
    expect(textOf(query(element, '[data-testid="tile-unread"]'))).toBe(', 1 notification non lue');

    counts.set({ unread: 120, critical: 0, byApp: { crm: 120 } });
    await fixture.whenStable();
    expect(textOf(query(element, '[data-testid="tile-badge"]'))).toBe('99+');

    counts.set({ unread: 0, critical: 0, byApp: {} });
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="tile-badge"]')).toBeNull();
    expect(element.querySelector('[data-testid="tile-unread"]')).toBeNull();
  });
});
