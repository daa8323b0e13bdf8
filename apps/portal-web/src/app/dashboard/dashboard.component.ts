import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  CUSTOM_ELEMENTS_SCHEMA,
  DestroyRef,
  ElementRef,
  InjectionToken,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { CATALOG_LIMITS, type CurrentUser, type DashboardApp, type RequestableApp } from '@passerelle/contracts';
import { I18nService, TranslatePipe } from '../core/i18n';
import { longDate } from '../core/i18n/date-format';
import { AnnouncementsFeedComponent } from './announcements-feed.component';
import { AppSearchComponent } from './app-search.component';
import { AppTileComponent } from './app-tile.component';
import { DashboardStore } from './dashboard.store';
import { FavouritesComponent } from './favourites.component';
import { RequestAccessDialogComponent } from './request-access-dialog.component';
import { RequestableAppsComponent } from './requestable-apps.component';
import { SupportWidgetLoader } from '../support/my-tickets/support-widget-loader.service';

/** How often the dashboard asks again while the tab is visible (admin changes, health). */
export const DASHBOARD_REFRESH_MS = new InjectionToken<number>('DASHBOARD_REFRESH_MS', {
  providedIn: 'root',
  factory: () => 60_000,
});

const SKELETON_TILES = [1, 2, 3, 4, 5, 6];

/**
 * The signed-in person's dashboard: search, a guest's access notice, favourites, recently used, the
 * apps by section, and the apps they may ask for. Data comes again on each visit, when the tab
 * becomes visible again and every minute while it is visible, without moving anything until the new
 * answer is there.
 */
@Component({
  selector: 'psl-dashboard',
  imports: [TranslatePipe, AnnouncementsFeedComponent, AppSearchComponent, AppTileComponent, FavouritesComponent, RequestableAppsComponent, RequestAccessDialogComponent],
  providers: [DashboardStore],
  // <passerelle-support>, the support widget's launcher (a custom element defined by /widget/support.js).
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./tiles.css', './dashboard.component.css'],
  templateUrl: './dashboard.component.html',
})
export class DashboardComponent {
  readonly user = input.required<CurrentUser>();
  /** The server says the session has ended (signed out elsewhere). */
  readonly signedOut = output<void>();

  protected readonly store = inject(DashboardStore);
  private readonly announcer = inject(LiveAnnouncer);
  protected readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly skeletons = SKELETON_TILES;
  protected readonly pinsMax = CATALOG_LIMITS.pinsMax;
  protected readonly query = signal('');
  protected readonly searching = computed(() => this.query().trim().length > 0);
  /** The app whose request dialog is open. */
  protected readonly requesting = signal<RequestableApp | null>(null);
  /** `/?unavailable=<id>`: a launch the person may not make. */
  protected readonly unavailableId = signal<string | null>(null);
  protected readonly unavailableApp = computed(() => this.store.requestable().find((app) => app.id === this.unavailableId()) ?? null);
  /** For a guest: until when, and who sponsors the access ("Guest access — ends 31 March 2027 · Sponsor: …"). */
  protected readonly guestNotice = computed(() => {
    const guest = this.store.data()?.guest;
    if (!guest) {
      return null;
    }
    const date = longDate(guest.endsAt, this.i18n.locale()) ?? guest.endsAt;
    return { date, sponsorName: guest.sponsorName, sponsorEmail: guest.sponsorEmail };
  });

  constructor() {
    inject(SupportWidgetLoader).load();
    this.takeUnavailableNotice();
    void this.store.refresh();
    this.refreshWhileVisible();
    effect(() => {
      if (this.store.signedOut()) {
        untracked(() => this.signedOut.emit());
      }
    });
  }

  protected retry(): void {
    void this.store.refresh();
  }

  protected togglePin(app: DashboardApp, fromFavourites = false): void {
    const change = this.store.togglePin(app.id);
    if (change === 'full') {
      return;
    }
    const key = change === 'added' ? 'dashboard.favourites.added' : 'dashboard.favourites.removed';
    void this.announcer.announce(this.i18n.translate(key, { name: app.name }), 'polite');
    if (fromFavourites) {
      // Its tile left the favourites with the focus: continue from the same app in its section.
      afterNextRender(() => this.focusPinButton(app.id), { injector: this.injector });
    }
  }

  protected requestAccess(app: RequestableApp): void {
    this.requesting.set(app);
  }

  protected onRequestSent(app: RequestableApp): void {
    this.requesting.set(null);
    if (this.unavailableId() === app.id) {
      this.unavailableId.set(null);
    }
    void this.announcer.announce(this.i18n.translate('dashboard.request.sent', { name: app.name }), 'polite');
  }

  protected dismissUnavailable(): void {
    this.unavailableId.set(null);
  }

  private focusPinButton(appId: string): void {
    const selector = `[data-row="section"] [data-app-id="${CSS.escape(appId)}"] [data-testid="tile-pin"]`;
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }

  /** Reads `?unavailable=` once, then takes it out of the address so a reload doesn't show it again. */
  private takeUnavailableNotice(): void {
    const route = inject(ActivatedRoute);
    const router = inject(Router);
    // Empty when the address named no app at all (the server doesn't echo such ids): the notice still shows.
    const id = route.snapshot.queryParamMap.get('unavailable');
    if (id === null) {
      return;
    }
    this.unavailableId.set(id);
    void router.navigate([], { relativeTo: route, queryParams: { unavailable: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  private refreshWhileVisible(): void {
    const document = inject(DOCUMENT);
    const every = inject(DASHBOARD_REFRESH_MS);
    let timer: ReturnType<typeof setInterval> | undefined;
    const stop = () => clearInterval(timer);
    const start = () => {
      stop();
      timer = setInterval(() => void this.store.refresh(), every);
    };
    const onVisibilityChange = () => {
      if (document.visibilityState === 'visible') {
        void this.store.refresh();
        start();
      } else {
        stop();
      }
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    if (document.visibilityState !== 'hidden') {
      start();
    }
    inject(DestroyRef).onDestroy(() => {
      stop();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    });
  }
}
