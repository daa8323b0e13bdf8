import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, inject, input, signal, viewChild } from '@angular/core';
import type { InviteGuestResponse } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import { BrowserService } from '../core/session';
import { pendingWork } from '../account/loadable';
import { GuestTime } from './guest-time';

/**
 * An invitation just created or sent again: the one-time link in a read-only field (also mailed to
 * the guest), "Copy link" with a spoken confirmation, and when it expires. The parent projects its
 * next steps (e.g. "Invite another"). Focus lands on the heading when it appears.
 */
@Component({
  selector: 'psl-invitation-link-panel',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../account/ui.css',
  styles: `
    :host {
      display: block;
    }
    .panel {
      border-color: var(--color-success-border);
    }
    .link-row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
    }
    .link-row .field__input {
      flex: 1 1 16rem;
      min-width: 0;
      font-family: var(--font-mono);
      font-size: var(--font-size-sm);
    }
    .copy-status {
      min-height: 1.5em;
      font-size: var(--font-size-sm);
    }
    .copy-status--failed {
      color: var(--color-danger);
    }
  `,
  template: `
    <section class="card panel" aria-labelledby="invitation-link-title" data-testid="invitation-panel">
      <h2 id="invitation-link-title" class="section-title" tabindex="-1" #title>{{ heading() }}</h2>
      <p>{{ 'guests.link.mailed' | t: { email: invitation().guest.email } }}</p>
      <div class="field">
        <label class="field__label" for="invitation-link">{{ 'guests.link.label' | t }}</label>
        <div class="link-row">
          <input
            id="invitation-link"
            class="field__input"
            type="text"
            readonly
            spellcheck="false"
            aria-describedby="invitation-link-expiry"
            data-testid="invitation-link"
            [value]="invitation().invitationLink"
            (focus)="$any($event.target).select()"
          />
          <button type="button" class="button button--secondary" data-testid="invitation-copy" (click)="copy()">{{ 'guests.link.copy' | t }}</button>
        </div>
        <p class="field__hint" id="invitation-link-expiry" data-testid="invitation-expiry">
          {{ 'guests.link.expires' | t: { date: time.dateTime(invitation().invitationExpiresAt) } }}
        </p>
      </div>
      <p class="copy-status" [class.copy-status--failed]="copyState() === 'failed'" role="status" data-testid="invitation-copy-status">
        @if (copyState() === 'copied') {
          {{ 'guests.link.copied' | t }}
        } @else if (copyState() === 'failed') {
          {{ 'guests.link.copyFailed' | t }}
        }
      </p>
      <ng-content />
    </section>
  `,
})
export class InvitationLinkPanelComponent {
  readonly invitation = input.required<InviteGuestResponse>();
  readonly heading = input.required<string>();

  protected readonly time = inject(GuestTime);
  private readonly browser = inject(BrowserService);
  private readonly track = pendingWork();
  private readonly headingElement = viewChild<ElementRef<HTMLElement>>('title');
  protected readonly copyState = signal<'idle' | 'copied' | 'failed'>('idle');

  constructor() {
    afterNextRender({ read: () => this.headingElement()?.nativeElement.focus() });
  }

  protected copy(): Promise<void> {
    return this.track(async () => {
      this.copyState.set('idle');
      try {
        await this.browser.copyText(this.invitation().invitationLink);
        this.copyState.set('copied');
      } catch {
        this.copyState.set('failed');
      }
    });
  }
}
