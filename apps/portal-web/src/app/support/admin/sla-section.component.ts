import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { type SlaTarget, type SupportSettings, type TicketUrgency, TicketUrgencies } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { Loadable, pendingWork } from '../../account/loadable';
import { LoadStateComponent } from '../../admin/load-state.component';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { URGENCY_TEXT, dotPath } from '../support-labels';
import { SupportApiService } from '../support-api.service';
import { type DurationUnit, splitMinutes, toMinutes } from './sla-units';
import { useSupportMessages } from '../support-messages';

type Target = 'firstResponse' | 'resolution';
interface DurationDraft {
  amount: string;
  unit: DurationUnit;
}
type SlaDraft = Record<TicketUrgency, Record<Target, DurationDraft>>;

/** The API's bound (SETTINGS_LIMITS.reopenDaysMax in the support rules). */
const REOPEN_DAYS_MAX = 90;
const UNITS: readonly DurationUnit[] = ['minutes', 'hours', 'days'];
const UNIT_TEXT: Record<DurationUnit, MessageKey> = { minutes: 'support.sla.unit.minutes', hours: 'support.sla.unit.hours', days: 'support.sla.unit.days' };

function draftOf(settings: SupportSettings): SlaDraft {
  const draft = {} as SlaDraft;
  for (const urgency of TicketUrgencies) {
    const target = settings.sla.find((item) => item.urgency === urgency);
    const first = splitMinutes(target?.firstResponseMinutes ?? 0);
    const resolution = splitMinutes(target?.resolutionMinutes ?? 0);
    draft[urgency] = {
      firstResponse: { amount: target ? String(first.amount) : '', unit: first.unit },
      resolution: { amount: target ? String(resolution.amount) : '', unit: resolution.unit },
    };
  }
  return draft;
}

/**
 * `/admin/support/sla`: per urgency, how soon support answers first and resolves (in minutes,
 * hours or days; wall-clock time), and how many days a requester may reopen a resolved ticket.
 */
@Component({
  selector: 'psl-support-sla',
  imports: [TranslatePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../account/ui.css', '../../admin/admin-page.css', '../support.css'],
  template: `
    <section class="settings-section" aria-labelledby="sla-title">
      <h2 class="section-title" id="sla-title">{{ 'support.sla.title' | t }}</h2>
      <p class="muted">{{ 'support.sla.intro' | t }}</p>
      <psl-load-state [loadable]="settings" testId="sla-load-error" (retry)="load()" />
      @if (settings.status() === 'ready') {
        <form class="form panel" (submit)="save($event)" data-testid="sla-form" novalidate>
          <div class="table-wrap">
            <table class="data-table">
              <caption class="visually-hidden">{{ 'support.sla.caption' | t }}</caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'support.queue.col.urgency' | t }}</th>
                  <th scope="col">{{ 'support.sla.firstResponse' | t }}</th>
                  <th scope="col">{{ 'support.sla.resolution' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (urgency of urgencies; track urgency) {
                  <tr [attr.data-testid]="'sla-row-' + urgency">
                    <th scope="row">{{ urgencyText[urgency] | t }}</th>
                    @for (target of targets; track target) {
                      @let value = draft()[urgency][target];
                      @let id = 'sla-' + urgency + '-' + target;
                      <td [attr.data-label]="(target === 'firstResponse' ? 'support.sla.firstResponse' : 'support.sla.resolution') | t">
                        <div class="duration">
                          <label class="visually-hidden" [for]="id">{{ (target === 'firstResponse' ? 'support.sla.firstResponseFor' : 'support.sla.resolutionFor') | t: { urgency: (urgencyText[urgency] | t) } }}</label>
                          <input #amountBox class="field__input" type="text" inputmode="numeric" autocomplete="off" [id]="id" [attr.data-testid]="id"
                            [value]="value.amount" (input)="set(urgency, target, { amount: amountBox.value })" [attr.aria-invalid]="invalid()[id] ? 'true' : null"
                            [attr.aria-describedby]="invalid()[id] ? id + '-error' : null" />
                          <label class="visually-hidden" [for]="id + '-unit'">{{ 'support.sla.unit' | t }}</label>
                          <select class="field__input field__select" [id]="id + '-unit'" [attr.data-testid]="id + '-unit'" (change)="set(urgency, target, { unit: $any($event.target).value })">
                            @for (unit of units; track unit) {
                              <option [value]="unit" [selected]="value.unit === unit">{{ unitText[unit] | t }}</option>
                            }
                          </select>
                        </div>
                        @if (invalid()[id]; as message) {
                          <p class="field__error" [id]="id + '-error'">{{ message }}</p>
                        }
                      </td>
                    }
                  </tr>
                }
              </tbody>
            </table>
          </div>
          <div class="field">
            <label class="field__label" for="sla-reopen">{{ 'support.sla.reopenDays' | t }}</label>
            <input #reopenBox id="sla-reopen" class="field__input narrow-input" type="number" min="0" [attr.max]="reopenMax" step="1" data-testid="sla-reopen"
              aria-describedby="sla-reopen-hint" [value]="reopen()" (input)="reopen.set(reopenBox.value)" [attr.aria-invalid]="invalid()['reopen'] ? 'true' : null" />
            <p class="field__hint" id="sla-reopen-hint">{{ 'support.sla.reopenHint' | t }}</p>
            @if (invalid()['reopen']; as message) {
              <p class="field__error">{{ message }}</p>
            }
          </div>
          <div role="status">
            @if (notice(); as text) {
              <p class="notice notice--success" data-testid="sla-notice">{{ text }}</p>
            }
          </div>
          @if (saveError(); as message) {
            <div class="notice notice--error" role="alert" data-testid="sla-error">
              <p>{{ message | t }}</p>
              @for (text of otherErrors(); track $index) {
                <p>{{ text }}</p>
              }
            </div>
          }
          <div class="actions">
            <button type="submit" class="button button--primary" data-testid="sla-save" [disabled]="busy()">{{ 'support.save' | t }}</button>
          </div>
        </form>
      }
    </section>
  `,
})
export class SlaSectionComponent {
  private readonly api = inject(SupportApiService);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();

  protected readonly urgencies = TicketUrgencies;
  protected readonly urgencyText = URGENCY_TEXT;
  protected readonly targets: readonly Target[] = ['firstResponse', 'resolution'];
  protected readonly units = UNITS;
  protected readonly unitText = UNIT_TEXT;
  protected readonly reopenMax = REOPEN_DAYS_MAX;

  protected readonly settings = new Loadable<SupportSettings>();
  protected readonly draft = signal<SlaDraft>(draftOf({ sla: [], reopenDays: 7 }));
  protected readonly reopen = signal('7');
  protected readonly checked = signal(false);
  private readonly serverErrors = signal<Record<string, string>>({});
  protected readonly busy = signal(false);
  protected readonly notice = signal<string | null>(null);
  protected readonly saveError = signal<MessageKey | null>(null);
  protected readonly otherErrors = signal<string[]>([]);

  /** Messages by input id: local checks once "Save" was pressed, then what the server said. */
  protected readonly invalid = computed(() => {
    const messages: Record<string, string> = {};
    if (this.checked()) {
      const draft = this.draft();
      for (const urgency of TicketUrgencies) {
        for (const target of this.targets) {
          const value = draft[urgency][target];
          if (toMinutes(value.amount, value.unit) === null) {
            messages[`sla-${urgency}-${target}`] = this.i18n.translate('support.sla.invalid');
          }
        }
      }
      const days = Number(this.reopen());
      if (this.reopen().trim() === '' || !Number.isInteger(days) || days < 0 || days > REOPEN_DAYS_MAX) {
        messages['reopen'] = this.i18n.translate('support.sla.reopenInvalid', { max: REOPEN_DAYS_MAX });
      }
    }
    return { ...messages, ...this.serverErrors() };
  });

  constructor() {
    useSupportMessages();
    void this.load();
  }

  protected async load(): Promise<void> {
    await this.settings.load(() => this.api.settings());
    const settings = this.settings.value();
    if (settings) {
      this.draft.set(draftOf(settings));
      this.reopen.set(String(settings.reopenDays));
    }
  }

  protected set(urgency: TicketUrgency, target: Target, change: Partial<DurationDraft>): void {
    this.draft.update((draft) => ({ ...draft, [urgency]: { ...draft[urgency], [target]: { ...draft[urgency][target], ...change } } }));
    this.notice.set(null);
  }

  protected save(event: Event): Promise<void> {
    event.preventDefault();
    this.checked.set(true);
    this.serverErrors.set({});
    this.otherErrors.set([]);
    if (Object.keys(this.invalid()).length || this.busy()) {
      return Promise.resolve();
    }
    const draft = this.draft();
    const sla: SlaTarget[] = TicketUrgencies.map((urgency) => ({
      urgency,
      // Checked above: every value is a whole number of minutes.
      firstResponseMinutes: toMinutes(draft[urgency].firstResponse.amount, draft[urgency].firstResponse.unit) ?? 0,
      resolutionMinutes: toMinutes(draft[urgency].resolution.amount, draft[urgency].resolution.unit) ?? 0,
    }));
    return this.track(async () => {
      this.busy.set(true);
      this.saveError.set(null);
      this.notice.set(null);
      try {
        const saved = await firstValueFrom(this.api.saveSettings({ sla, reopenDays: Number(this.reopen()) }));
        this.settings.value.set(saved);
        this.draft.set(draftOf(saved));
        this.reopen.set(String(saved.reopenDays));
        this.notice.set(this.i18n.translate('support.sla.saved'));
      } catch (error) {
        const failure = toApiFailure(error);
        const messages: Record<string, string> = {};
        const others: string[] = [];
        for (const [path, list] of Object.entries(failure.fields)) {
          // `sla[2].resolutionMinutes` → the matching input; `reopenDays` → the days field; the rest under the banner.
          const match = /^sla\.(\d+)\.(firstResponse|resolution)Minutes$/.exec(dotPath(path));
          if (match) {
            messages[`sla-${TicketUrgencies[Number(match[1])]}-${match[2]}`] = list.join(' ');
          } else if (path === 'reopenDays') {
            messages['reopen'] = list.join(' ');
          } else {
            others.push(list.join(' '));
          }
        }
        this.serverErrors.set(messages);
        this.otherErrors.set(others);
        this.saveError.set(failureMessageKey(failure));
      } finally {
        this.busy.set(false);
      }
    });
  }
}
