import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18nService } from '../../core/i18n';
import { MyTicketsPageComponent } from './my-tickets-page.component';
import { SupportWidgetLoader } from './support-widget-loader.service';

describe('My tickets page', () => {
  afterEach(() => document.querySelectorAll('script[src="/widget/support.js"]').forEach((s) => s.remove()));

  function render(id?: string, locale: 'en' | 'fr' = 'en') {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), provideRouter([])] });
    TestBed.inject(I18nService).setLocale(locale);
    const fixture = TestBed.createComponent(MyTicketsPageComponent);
    if (id) fixture.componentRef.setInput('id', id);
    fixture.detectChanges();
    return fixture.nativeElement.querySelector('passerelle-support') as HTMLElement;
  }

  it('shows the widget inline on the tickets list, in the portal’s language, and loads its script once', () => {
    const widget = render(undefined, 'fr');
    expect(widget.getAttribute('mode')).toBe('inline');
    expect(widget.getAttribute('view')).toBe('tickets');
    expect(widget.hasAttribute('ticket')).toBeFalse();
    expect(widget.getAttribute('lang')).toBe('fr');
    TestBed.inject(SupportWidgetLoader).load();
    const scripts = document.querySelectorAll('script[src="/widget/support.js"]');
    expect(scripts.length).toBe(1);
    expect((scripts[0] as HTMLScriptElement).type).toBe('module');
  });

  it('opens the ticket of /support/tickets/:id', () => {
    const widget = render('t-42');
    expect(widget.getAttribute('ticket')).toBe('t-42');
    expect(widget.hasAttribute('view')).toBeFalse();
  });
});
