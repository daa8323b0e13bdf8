// <passerelle-support>: a launcher with a floating panel (a bottom sheet on phones), or the panel
// inline. Signs in with a widget token: from the session cookie on the portal's own pages, through
// the connect popup elsewhere. The token stays in memory.
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  InjectionToken,
  ViewEncapsulation,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { SupportRoutes, type SupportFormOptions, type TicketView, type WidgetTokenResponse } from '@passerelle/contracts';
import { ApiError, SupportClient } from './api';
import type { Uploader } from './attachment-picker.component';
import { uploadFile } from './attachments';
import { connectWithPopup } from './connect';
import { DraftStore } from './draft';
import { type WidgetKey, chooseLanguage, translate } from './i18n';
import { MyTicketsComponent } from './my-tickets.component';
import { NewTicketComponent } from './new-ticket.component';
import { adoptStyles } from './styles';

/** The origin the script was loaded from: the portal, unless the `portal` attribute says otherwise. */
export const SCRIPT_ORIGIN = new InjectionToken<string>('SCRIPT_ORIGIN');

type ConnectState = 'idle' | 'connecting' | 'waiting' | 'blocked' | 'expired' | 'failed';
type Tab = 'new' | 'tickets';

@Component({
  selector: 'pss-support',
  encapsulation: ViewEncapsulation.ShadowDom,
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NewTicketComponent, MyTicketsComponent],
  // Escape on the document too: focus may be on the page's body after the panel's content changed.
  host: { '(keydown)': 'onKeydown($event)', '(document:keydown.escape)': 'onKeydown($any($event))' },
  template: `
    @if (!inline()) {
      <button #launcher type="button" class="launcher" data-testid="launcher" aria-haspopup="dialog" [attr.aria-expanded]="open()"
        [attr.aria-label]="launcherLabel()" (click)="toggle()">
        <svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M12 2a10 10 0 0 0-8.66 15l-1.3 4.2a.6.6 0 0 0 .76.76L7 20.66A10 10 0 1 0 12 2Zm-.9 15.2h1.8V19h-1.8v-1.8Zm.9-11.4a3.6 3.6 0 0 1 3.6 3.6c0 1.4-.8 2.2-1.6 2.9-.7.6-1.1 1-1.1 1.9v.3h-1.8v-.4c0-1.6.8-2.3 1.6-3 .6-.5 1.1-.9 1.1-1.7a1.8 1.8 0 0 0-3.6 0H8.4A3.6 3.6 0 0 1 12 5.8Z"/></svg>
        @if (unread() > 0) {
          <span class="badge" data-testid="unread-badge" aria-hidden="true">{{ unread() }}</span>
        }
      </button>
    }
    @if (inline() || open()) {
      <section #panel class="panel" [class.floating]="!inline()" [class.inline]="inline()" data-testid="panel" [attr.lang]="language()"
        [attr.role]="inline() ? 'region' : 'dialog'" [attr.aria-modal]="inline() ? null : 'true'" aria-labelledby="pss-title">
        <header class="bar">
          <h2 id="pss-title">{{ t('panel.title') }}</h2>
          @if (!inline()) {
            <button type="button" class="icon-btn" data-testid="close" [attr.aria-label]="t('panel.close')" (click)="close()">✕</button>
          }
        </header>
        @if (token()) {
          <div class="tabs" role="tablist">
            <button type="button" role="tab" id="pss-tab-new" data-testid="tab-new" aria-controls="pss-body" [attr.aria-selected]="tab() === 'new'" (click)="showTab('new')">{{ t('tab.new') }}</button>
            <button type="button" role="tab" id="pss-tab-tickets" data-testid="tab-tickets" aria-controls="pss-body" [attr.aria-selected]="tab() === 'tickets'" (click)="showTab('tickets')">{{ t('tab.tickets') }}</button>
          </div>
        }
        <div class="body" id="pss-body" [attr.role]="token() ? 'tabpanel' : null" [attr.aria-labelledby]="token() ? (tab() === 'new' ? 'pss-tab-new' : 'pss-tab-tickets') : null">
          @if (!token()) {
            @switch (connect()) {
              @case ('connecting') {
                <p class="center" role="status"><span class="spinner" aria-hidden="true"></span> {{ t('common.loading') }}</p>
              }
              @case ('waiting') {
                <p class="notice" role="status">{{ t('connect.waiting') }}</p>
              }
              @default {
                @if (connect() === 'blocked') {
                  <p class="notice error" role="alert" data-testid="popup-blocked">{{ t('connect.blocked') }}</p>
                } @else if (connect() === 'expired') {
                  <p class="notice" role="alert">{{ t('connect.expired') }}</p>
                } @else if (connect() === 'failed') {
                  <p class="notice error" role="alert">{{ t('connect.failed') }}</p>
                } @else {
                  <p>{{ t('connect.intro') }}</p>
                }
                <button type="button" class="btn primary" data-testid="connect" (click)="signIn()">{{ connect() === 'blocked' ? t('connect.retry') : t('connect.button') }}</button>
              }
            }
          } @else if (tab() === 'new') {
            @if (sentTicket(); as sent) {
              <div class="notice" role="status" data-testid="sent">
                <p data-testid="ticket-number">{{ t('sent.title', { number: sent.number }) }}</p>
                <div class="row">
                  <button type="button" class="btn primary" data-testid="open-sent" (click)="openTicket(sent.id)">{{ t('sent.open') }}</button>
                  <button type="button" class="btn" (click)="sentTicket.set(null)">{{ t('sent.another') }}</button>
                </div>
              </div>
            } @else {
              @switch (options().state) {
                @case ('ready') {
                  <pss-new-ticket [lang]="language()" [options]="formOptions()!" [client]="client" [drafts]="drafts()" [upload]="uploader"
                    (sent)="onSent($event)" (announce)="say($event)" />
                }
                @case ('error') {
                  <p class="notice error" role="alert">{{ t('common.error') }} <button type="button" class="link" (click)="loadOptions()">{{ t('common.retry') }}</button></p>
                }
                @default {
                  <p class="center" role="status"><span class="spinner" aria-hidden="true"></span> {{ t('common.loading') }}</p>
                }
              }
            }
          } @else {
            <pss-my-tickets [lang]="language()" [client]="client" [options]="formOptions()" [upload]="uploader" [ticketId]="ticketId()"
              (ticketIdChange)="ticketId.set($event)" (seen)="refreshUnread()" (announce)="say($event)" />
          }
        </div>
      </section>
    }
    <p class="sr" aria-live="polite" data-testid="live">{{ live() }}</p>
  `,
})
export class SupportWidgetComponent {
  /** Attributes of the element (strings or null), passed in by the element bridge. */
  readonly portal = input<string | null>(null);
  readonly lang = input<string | null>(null);
  readonly mode = input<string | null>(null);
  readonly view = input<string | null>(null);
  readonly ticket = input<string | null>(null);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly scriptOrigin = inject(SCRIPT_ORIGIN);
  private readonly launcherButton = viewChild<ElementRef<HTMLButtonElement>>('launcher');
  private readonly panel = viewChild<ElementRef<HTMLElement>>('panel');

  readonly portalOrigin = computed(() => originOf(this.portal()) ?? this.scriptOrigin);
  readonly inline = computed(() => this.mode() === 'inline');
  readonly session = signal<WidgetTokenResponse | null>(null);
  readonly token = computed(() => this.session()?.token ?? null);
  readonly connect = signal<ConnectState>('idle');
  readonly open = signal(false);
  readonly tab = signal<Tab>('new');
  readonly ticketId = signal<string | null>(null);
  readonly unread = signal(0);
  readonly options = signal<{ state: 'idle' | 'loading' | 'error' | 'ready'; value?: SupportFormOptions }>({ state: 'idle' });
  readonly formOptions = computed(() => this.options().value ?? null);
  readonly sentTicket = signal<TicketView | null>(null);
  readonly live = signal('');
  readonly drafts = computed(() => new DraftStore(this.portalOrigin()));
  readonly language = computed(() =>
    chooseLanguage({
      attribute: this.lang(),
      personLocale: this.session()?.requester.locale,
      pageLang: document.documentElement.lang,
      browser: navigator.languages,
    }),
  );

  readonly client = new SupportClient(() => this.portalOrigin(), () => this.token(), () => this.onUnauthorized());
  readonly uploader: Uploader = (file, name, onProgress) => uploadFile(this.client.url(SupportRoutes.attachments), this.token() ?? '', file, name, onProgress);

  constructor() {
    if (this.host.shadowRoot) adoptStyles(this.host.shadowRoot);
    effect(() => {
      // A new portal origin (the `portal` attribute): sign in there.
      this.portalOrigin();
      untracked(() => void this.tryCookieToken());
    });
    effect(() => {
      const view = this.view();
      const ticket = this.ticket();
      untracked(() => {
        if (ticket) {
          this.tab.set('tickets');
          this.ticketId.set(ticket);
        } else if (view === 'tickets' || view === 'new') {
          this.tab.set(view);
        }
      });
    });
    effect((onCleanup) => {
      const session = this.session();
      if (!session) return;
      untracked(() => void this.afterConnect());
      // The token ends on its own: ask again shortly before (silently on the portal's own pages),
      // at most once a minute so a token near its session's end can't cause a request storm.
      const left = new Date(session.expiresAt).getTime() - Date.now() - 30_000;
      if (!Number.isFinite(left)) return;
      const timer = setTimeout(() => this.onUnauthorized(), Math.min(Math.max(left, 60_000), 2_147_000_000));
      onCleanup(() => clearTimeout(timer));
    });
  }

  t(key: WidgetKey, params?: Record<string, string | number>): string {
    return translate(this.language(), key, params);
  }

  launcherLabel(): string {
    const unread = this.unread();
    return unread > 0 ? `${this.t('launcher.label')} — ${this.t('launcher.unread', { count: unread })}` : this.t('launcher.label');
  }

  toggle(): void {
    if (this.open()) this.close();
    else {
      this.open.set(true);
      setTimeout(() => this.focusFirst());
    }
  }

  close(): void {
    this.open.set(false);
    this.launcherButton()?.nativeElement.focus();
    void this.refreshUnread();
  }

  showTab(tab: Tab): void {
    this.tab.set(tab);
    if (tab === 'tickets') this.ticketId.set(null);
  }

  openTicket(id: string): void {
    this.sentTicket.set(null);
    this.tab.set('tickets');
    this.ticketId.set(id);
  }

  onSent(ticket: TicketView): void {
    this.sentTicket.set(ticket);
    this.say(this.t('sent.title', { number: ticket.number }));
  }

  say(words: string): void {
    // Clear first so the same words are announced again.
    this.live.set('');
    setTimeout(() => this.live.set(words), 50);
  }

  /** On the portal's own pages the session cookie gets a token without asking. */
  async tryCookieToken(): Promise<boolean> {
    if (this.portalOrigin() !== location.origin) return false;
    this.connect.set('connecting');
    try {
      const response = await fetch(new URL(SupportRoutes.widgetToken, this.portalOrigin()), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ origin: location.origin }),
      });
      if (!response.ok) {
        this.connect.set(response.status === 401 ? 'idle' : 'failed');
        return false;
      }
      this.session.set((await response.json()) as WidgetTokenResponse);
      this.connect.set('idle');
      return true;
    } catch {
      this.connect.set('failed');
      return false;
    }
  }

  /** From a click: the cookie on the portal itself, the connect popup anywhere else. */
  async signIn(): Promise<void> {
    if (this.portalOrigin() === location.origin && (await this.tryCookieToken())) return;
    this.connect.set('waiting');
    const outcome = await connectWithPopup(this.portalOrigin());
    if (outcome.kind === 'connected') {
      this.session.set(outcome.token);
      this.connect.set('idle');
    } else {
      this.connect.set(outcome.kind === 'blocked' ? 'blocked' : 'idle');
    }
  }

  async loadOptions(): Promise<void> {
    this.options.set({ state: 'loading' });
    try {
      this.options.set({ state: 'ready', value: await this.client.get<SupportFormOptions>(SupportRoutes.options) });
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) this.options.set({ state: 'error' });
    }
  }

  async refreshUnread(): Promise<void> {
    if (!this.token()) return;
    try {
      this.unread.set((await this.client.get<{ unread: number }>(SupportRoutes.unread)).unread);
    } catch {
      // The badge is a hint: keep the last count.
    }
  }

  onKeydown(event: KeyboardEvent): void {
    if (this.inline() || !this.open()) return;
    if (event.key === 'Escape') {
      if (event.defaultPrevented) return; // handled already (e.g. by the host's listener, then the document's)
      event.preventDefault();
      this.close();
    } else if (event.key === 'Tab') {
      this.trapFocus(event);
    }
  }

  private async afterConnect(): Promise<void> {
    await Promise.all([this.loadOptions(), this.refreshUnread()]);
  }

  private onUnauthorized(): void {
    this.session.set(null);
    this.options.set({ state: 'idle' });
    this.connect.set('expired');
    // The portal's own pages get a new one from the cookie at once.
    void this.tryCookieToken().then((ok) => ok || this.connect.set('expired'));
  }

  private focusables(): HTMLElement[] {
    const panel = this.panel()?.nativeElement;
    if (!panel) return [];
    const selector = 'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    return Array.from(panel.querySelectorAll<HTMLElement>(selector)).filter((el) => el.offsetParent !== null || el.classList.contains('sr'));
  }

  private focusFirst(): void {
    if (this.open()) this.focusables()[0]?.focus(); // closed meanwhile: focus stays on the launcher
  }

  private trapFocus(event: KeyboardEvent): void {
    const items = this.focusables();
    if (!items.length) return;
    const active = this.host.shadowRoot?.activeElement;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && (active === first || !active)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }
}

function originOf(value: string | null): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}
