import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import type { AgentTicketView } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { DialogComponent } from '../../account/dialog.component';
import { pendingWork } from '../../account/loadable';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { type MessageKey, TranslatePipe } from '../../core/i18n';
import { STATUS_TEXT } from '../support-labels';
import { SupportApiService } from '../support-api.service';
import { useSupportMessages } from '../support-messages';

/**
 * "Merge into…": picks another open ticket of the same requester (from the ones the server listed,
 * or typed by number) and merges this one into it. Emits the target ticket once merged.
 */
@Component({
  selector: 'psl-merge-dialog',
  imports: [TranslatePipe, DialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../account/ui.css', '../support.css'],
  styles: `
    :host {
      max-width: none;
    }
    .merge-list {
      display: flex;
      flex-direction: column;
      margin: 0;
      padding: 0;
      list-style: none;
    }
  `,
  template: `
    <psl-dialog [open]="open()" [heading]="'support.merge.title' | t: { number: ticket().number }" testId="merge-dialog" (closed)="cancel()">
      <form class="form" (submit)="confirm($event)" novalidate>
        <p>{{ 'support.merge.intro' | t: { name: ticket().requester.name } }}</p>
        <fieldset class="choice-set">
          <legend>{{ 'support.merge.into' | t }}</legend>
          <ul class="merge-list">
            @for (other of ticket().otherOpen; track other.id) {
              <li>
                <label class="check">
                  <input type="radio" name="merge-target" [value]="other.id" [checked]="choice() === other.id" (change)="choose(other.id)" data-testid="merge-option" />
                  <span>#{{ other.number }} {{ other.subject }} <span class="small muted">({{ statusText[other.status] | t }})</span></span>
                </label>
              </li>
            }
            <li>
              <label class="check">
                <input type="radio" name="merge-target" value="number" [checked]="choice() === 'number'" (change)="choose('number')" data-testid="merge-option-number" />
                <span>{{ 'support.merge.byNumber' | t }}</span>
              </label>
            </li>
          </ul>
        </fieldset>
        @if (choice() === 'number') {
          <div class="field">
            <label class="field__label" for="merge-number">{{ 'support.merge.number' | t }}</label>
            <input #numberBox id="merge-number" class="field__input" type="text" inputmode="numeric" autocomplete="off" data-testid="merge-number" [value]="number()" (input)="number.set(numberBox.value)" />
          </div>
        }
        <p class="small muted">{{ 'support.merge.effect' | t }}</p>
        @if (error(); as message) {
          <p class="notice notice--error" role="alert" data-testid="merge-error">{{ message | t: { number: errorNumber() } }}</p>
        }
        <div class="actions">
          <button type="button" class="button button--secondary" (click)="cancel()">{{ 'account.confirm.cancel' | t }}</button>
          <button type="submit" class="button button--primary" data-testid="merge-confirm" [disabled]="busy() || !choice()" [attr.aria-busy]="busy() ? 'true' : null">
            @if (busy()) {
              <span class="spinner spinner--on-primary" aria-hidden="true"></span>
            }
            {{ 'support.merge.confirm' | t }}
          </button>
        </div>
      </form>
    </psl-dialog>
  `,
})
export class MergeDialogComponent {
  private readonly api = inject(SupportApiService);
  private readonly track = pendingWork();

  readonly open = input.required<boolean>();
  readonly ticket = input.required<AgentTicketView>();
  readonly merged = output<AgentTicketView>();
  readonly cancelled = output<void>();

  protected readonly statusText = STATUS_TEXT;
  protected readonly choice = signal<string | null>(null);
  protected readonly number = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<MessageKey | null>(null);
  /** The number the "not found" message names, without a typed "#". */
  protected readonly errorNumber = signal('');

  constructor() {
    useSupportMessages();
    // A fresh choice each time it opens: the first candidate, else "by number".
    effect(() => {
      if (this.open()) {
        const first = this.ticket().otherOpen[0];
        untracked(() => {
          this.choice.set(first ? first.id : 'number');
          this.number.set('');
          this.error.set(null);
        });
      }
    });
  }

  protected choose(value: string): void {
    this.choice.set(value);
    this.error.set(null);
  }

  protected cancel(): void {
    if (!this.busy()) {
      this.cancelled.emit();
    }
  }

  protected confirm(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.busy.set(true);
      this.error.set(null);
      try {
        const intoId = this.choice() === 'number' ? await this.findByNumber() : this.choice();
        if (!intoId) {
          return;
        }
        this.merged.emit(await firstValueFrom(this.api.merge(this.ticket().id, intoId)));
      } catch (error) {
        this.error.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.busy.set(false);
      }
    });
  }

  /** The open ticket with the typed number, of the same requester; sets the error and returns null otherwise. */
  private async findByNumber(): Promise<string | null> {
    const typed = Number(this.number().trim().replace(/^#/, ''));
    const ticket = this.ticket();
    if (!Number.isInteger(typed) || typed <= 0 || typed === ticket.number) {
      this.error.set('support.merge.badNumber');
      return null;
    }
    this.errorNumber.set(String(typed));
    const found = await firstValueFrom(this.api.queue({ status: 'open', q: String(typed), limit: 20 }));
    const match = found.items.find((item) => item.number === typed && item.requester.id === ticket.requester.id);
    if (!match) {
      this.error.set('support.merge.notFound');
      return null;
    }
    return match.id;
  }
}
