import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import type { SessionInfo } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import { DateFormatter } from './dates';

/** Sessions as a list of cards: device, place, when, apps; "This device" on the current one. */
@Component({
  selector: 'psl-session-list',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './ui.css',
  styles: `
    .sessions {
      display: flex;
      flex-direction: column;
      gap: var(--space-3);
      padding: 0;
      list-style: none;
    }
    .session {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--space-3);
      padding: var(--space-3) var(--space-4);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-md);
    }
    .session--current {
      border-color: var(--color-info-border);
      background: var(--color-info-bg);
    }
    .session__main {
      flex: 1 1 16rem;
      min-width: 0;
    }
    .session__title {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-2);
      font-size: var(--font-size-md);
      font-weight: 650;
    }
    .session__facts {
      margin: var(--space-1) 0 0;
      font-size: var(--font-size-sm);
      color: var(--color-text-muted);
    }
    .session__facts div {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--space-2);
    }
    .session__facts dd {
      margin: 0;
      color: var(--color-text);
      overflow-wrap: anywhere;
    }
  `,
  template: `
    <ul class="sessions" data-testid="session-list">
      @for (session of sessions(); track session.id) {
        <li class="session" [class.session--current]="session.current" data-testid="session">
          <div class="session__main">
            <h3 class="session__title">
              <span>{{ 'account.sessions.device' | t: { browser: session.browser, os: session.os } }}</span>
              @if (session.current) {
                <span class="badge badge--info" data-testid="session-current">{{ 'account.sessions.thisDevice' | t }}</span>
              }
            </h3>
            <dl class="session__facts">
              <div>
                <dt>{{ 'account.sessions.where' | t }}{{ 'account.colon' | t }}</dt>
                <dd>{{ where(session) | t: { ip: session.ipAddress ?? '', place: session.place ?? '' } }}</dd>
              </div>
              <div>
                <dt>{{ 'account.sessions.signedIn' | t }}{{ 'account.colon' | t }}</dt>
                <dd><time [attr.datetime]="session.signedInAt">{{ dates.dateTime(session.signedInAt) }}</time></dd>
              </div>
              <div>
                <dt>{{ 'account.sessions.lastActive' | t }}{{ 'account.colon' | t }}</dt>
                <dd>
                  <time [attr.datetime]="session.lastSeenAt" [attr.title]="dates.dateTime(session.lastSeenAt)" data-testid="session-last-active">{{
                    dates.relative(session.lastSeenAt)
                  }}</time>
                </dd>
              </div>
              <div>
                <dt>{{ 'account.sessions.apps' | t }}{{ 'account.colon' | t }}</dt>
                <dd>{{ session.apps.length ? session.apps.join(', ') : ('account.sessions.noApps' | t) }}</dd>
              </div>
            </dl>
          </div>
          @if (canEnd() && !session.current) {
            <div>
              <button
                type="button"
                class="button button--secondary button--small"
                data-testid="session-end"
                [disabled]="busyId() !== null"
                (click)="endSession.emit(session)"
              >
                {{ 'account.sessions.end' | t }}
                <span class="visually-hidden">{{ 'account.sessions.device' | t: { browser: session.browser, os: session.os } }}</span>
              </button>
            </div>
          }
        </li>
      }
    </ul>
  `,
})
export class SessionListComponent {
  readonly sessions = input.required<readonly SessionInfo[]>();
  /** The session being ended, if any (all "Sign out" buttons wait meanwhile). */
  readonly busyId = input<string | null>(null);
  /** Offer "Sign out" for each session but the current one. */
  readonly canEnd = input(true);
  readonly endSession = output<SessionInfo>();

  protected readonly dates = inject(DateFormatter);

  protected where(session: SessionInfo): 'account.sessions.ipPlace' | 'account.sessions.ip' | 'account.sessions.place' | 'account.sessions.unknownPlace' {
    if (session.ipAddress && session.place) {
      return 'account.sessions.ipPlace';
    }
    if (session.ipAddress) {
      return 'account.sessions.ip';
    }
    return session.place ? 'account.sessions.place' : 'account.sessions.unknownPlace';
  }
}
