import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import type { CatalogApp, FeedProblemCode, FeedState, FeedStatus } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { DateFormatter } from '../../account/dates';
import { Loadable, pendingWork } from '../../account/loadable';
import { CatalogAdminApiService } from '../catalog-admin-api.service';
import { problemText } from '../problem-text';

const STATE_LABEL: Record<FeedState, MessageKey> = {
  never: 'admin.feed.state.never',
  ok: 'admin.feed.state.ok',
  not_modified: 'admin.feed.state.not_modified',
  error: 'admin.feed.state.error',
  blocked: 'admin.feed.state.blocked',
};

const PROBLEM: Record<FeedProblemCode, MessageKey> = {
  http_status: 'admin.feed.problem.http_status',
  not_a_feed: 'admin.feed.problem.not_a_feed',
  xml_entities: 'admin.feed.problem.xml_entities',
  timeout: 'admin.feed.problem.timeout',
  host_not_found: 'admin.feed.problem.host_not_found',
  connection_refused: 'admin.feed.problem.connection_refused',
  connection_closed: 'admin.feed.problem.connection_closed',
  tls: 'admin.feed.problem.tls',
  unreachable: 'admin.feed.problem.unreachable',
  too_large: 'admin.feed.problem.too_large',
  too_many_redirects: 'admin.feed.problem.too_many_redirects',
  redirect_not_http: 'admin.feed.problem.redirect_not_http',
  address_refused: 'admin.feed.problem.address_refused',
  not_conditional: 'admin.feed.problem.not_conditional',
  delivery_failed: 'admin.feed.problem.delivery_failed',
};

const RANGES = ['private', 'loopback', 'linkLocal', 'uniqueLocal', 'multicast', 'unspecified', 'broadcast', 'carrierGradeNat', 'reserved'];

/**
 * The app's feed as administrators need to see it: whether polling works (state in words, not
 * colour alone), when it last ran and succeeded, failures in a row, and what went wrong, in the
 * console's language; "Check now" polls at once and shows the outcome.
 */
@Component({
  selector: 'psl-app-feed-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../account/ui.css', './app-feed-status.component.css'],
  template: `
    <p class="small muted">{{ 'admin.feed.intro' | t }}</p>
    @switch (status.status()) {
      @case ('loading') {
        <div class="feed__placeholder" aria-busy="true">
          <span class="skeleton skeleton--text"></span>
          <span class="skeleton skeleton--text skeleton--short"></span>
          <span class="skeleton skeleton--text"></span>
          <span class="visually-hidden">{{ 'common.loading' | t }}</span>
        </div>
      }
      @case ('error') {
        <div class="notice notice--error" role="alert" data-testid="feed-load-error">
          <p>{{ 'admin.feed.loadError' | t }} {{ status.error()! | t }}</p>
          <p><button type="button" class="button button--secondary button--small" (click)="load()">{{ 'common.retry' | t }}</button></p>
        </div>
      }
      @case ('ready') {
        @if (status.value(); as feed) {
          <dl class="facts" data-testid="feed-facts">
            <div class="facts__row">
              <dt>{{ 'admin.feed.address' | t }}</dt>
              <dd class="mono small" data-testid="feed-url">{{ feed.url }}</dd>
            </div>
            <div class="facts__row">
              <dt>{{ 'admin.feed.status' | t }}</dt>
              <dd>
                <span class="badge" [class]="badgeClass(feed.state)" [attr.data-state]="feed.state" data-testid="feed-state">{{ stateLabel[feed.state] | t }}</span>
              </dd>
            </div>
            <div class="facts__row">
              <dt>{{ 'admin.feed.lastChecked' | t }}</dt>
              <dd data-testid="feed-last-checked">{{ when(feed.lastCheckedAt) }}</dd>
            </div>
            <div class="facts__row">
              <dt>{{ 'admin.feed.lastSuccess' | t }}</dt>
              <dd data-testid="feed-last-success">{{ when(feed.lastSuccessAt) }}</dd>
            </div>
            <div class="facts__row">
              <dt>{{ 'admin.feed.nextCheck' | t }}</dt>
              <dd data-testid="feed-next-check">{{ feed.nextCheckAt ? when(feed.nextCheckAt) : ('admin.feed.soon' | t) }}</dd>
            </div>
            <div class="facts__row">
              <dt>{{ 'admin.feed.failures' | t }}</dt>
              <dd data-testid="feed-failures">{{ feed.consecutiveFailures }}</dd>
            </div>
            <div class="facts__row">
              <dt>{{ 'admin.feed.itemsSeen' | t }}</dt>
              <dd data-testid="feed-items">{{ feed.itemsSeen }}</dd>
            </div>
          </dl>
          @if (problem(); as text) {
            <div class="notice" [class.notice--error]="feed.state === 'error'" [class.notice--warning]="feed.state === 'blocked'" data-testid="feed-problem">
              <p class="notice__title">{{ 'admin.feed.problem' | t }}</p>
              <p data-testid="feed-problem-text">{{ text }}</p>
              @if (feed.state === 'blocked') {
                <p class="small">{{ 'admin.feed.blockedHelp' | t }}</p>
              }
            </div>
          }
        }
      }
    }
    <div class="actions">
      <button
        type="button"
        class="button button--secondary"
        data-testid="feed-check"
        [disabled]="checking() || status.status() === 'loading'"
        [attr.aria-describedby]="checking() ? 'feed-checking' : null"
        (click)="check()"
      >
        @if (checking()) {
          <span class="spinner" aria-hidden="true"></span>
        }
        {{ 'admin.feed.checkNow' | t }}
      </button>
    </div>
    <div role="status" class="feed__live">
      @if (checking()) {
        <p class="small muted" id="feed-checking">{{ 'admin.feed.checking' | t }}</p>
      } @else if (checked(); as text) {
        <p class="notice notice--info" data-testid="feed-checked">{{ text }}</p>
      }
    </div>
    @if (checkError(); as text) {
      <p class="notice notice--error" role="alert" data-testid="feed-check-error">{{ text }}</p>
    }
  `,
})
export class AppFeedStatusComponent {
  private readonly api = inject(CatalogAdminApiService);
  private readonly i18n = inject(I18nService);
  private readonly dates = inject(DateFormatter);
  private readonly track = pendingWork();

  readonly app = input.required<CatalogApp>();

  protected readonly stateLabel = STATE_LABEL;
  protected readonly status = new Loadable<FeedStatus>();
  protected readonly checking = signal(false);
  protected readonly checked = signal<string | null>(null);
  protected readonly checkError = signal<string | null>(null);
  /** The problem in the console's language (the server's English sentence only for an unknown code). */
  protected readonly problem = computed(() => {
    this.i18n.locale();
    const feed = this.status.value();
    return feed ? this.describeProblem(feed) : null;
  });

  /** The status follows the app's feed URL: a changed URL is a new feed. */
  private readonly feedUrl = computed(() => `${this.app().id} ${this.app().feedUrl ?? ''}`);

  constructor() {
    effect(() => {
      this.feedUrl();
      untracked(() => {
        this.checked.set(null);
        this.checkError.set(null);
        void this.load(false);
      });
    });
  }

  protected load(quiet = this.status.value() !== null): Promise<void> {
    return this.status.load(() => this.api.feedStatus(this.app().id), { quiet });
  }

  protected check(): Promise<void> {
    return this.track(async () => {
      this.checking.set(true);
      this.checked.set(null);
      this.checkError.set(null);
      try {
        const feed = await firstValueFrom(this.api.checkFeed(this.app().id));
        this.status.value.set(feed);
        this.status.status.set('ready');
        this.checked.set(this.i18n.translate('admin.feed.checked', { state: this.i18n.translate(STATE_LABEL[feed.state]) }));
      } catch (error) {
        this.checkError.set(problemText(error, this.i18n));
      } finally {
        this.checking.set(false);
      }
    });
  }

  protected when(value: string | null): string {
    return value ? this.dates.dateTime(value) : this.i18n.translate('admin.feed.never');
  }

  protected badgeClass(state: FeedState): string {
    if (state === 'ok' || state === 'not_modified') return 'badge badge--success';
    if (state === 'error') return 'badge badge--danger';
    if (state === 'blocked') return 'badge badge--warning';
    return 'badge';
  }

  private describeProblem(feed: FeedStatus): string | null {
    if (feed.state !== 'error' && feed.state !== 'blocked') return null;
    const problem = feed.problem;
    const key = problem ? PROBLEM[problem.code] : undefined;
    if (!problem || !key) return feed.message;
    const params = { ...problem.params };
    if (problem.code === 'address_refused') {
      const range = RANGES.includes(params['range']) ? params['range'] : 'other';
      params['range'] = this.i18n.translate(`admin.feed.range.${range}` as MessageKey);
    }
    return this.i18n.translate(key, params);
  }
}
