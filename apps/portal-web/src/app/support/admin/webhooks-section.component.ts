import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { SUPPORT_LIMITS, type SaveWebhookRequest, type WebhookEvent, WebhookEvents, type WebhookView, type WebhookWithSecret } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { ConfirmDialogComponent } from '../../account/confirm-dialog.component';
import { CopyButtonComponent } from '../../account/copy-button.component';
import { DateFormatter } from '../../account/dates';
import { Loadable, pendingWork } from '../../account/loadable';
import { LoadStateComponent } from '../../admin/load-state.component';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { EVENT_TEXT } from '../support-labels';
import { SupportApiService } from '../support-api.service';
import { WebhookDeliveriesComponent } from './webhook-deliveries.component';
import { useSupportMessages } from '../support-messages';

interface WebhookDraft {
  url: string;
  events: WebhookEvent[];
  description: string;
  active: boolean;
}

/** An http(s) URL; the server insists on https unless it allows private receivers (WEBHOOK_ALLOW_PRIVATE). */
export function webhookUrlProblem(value: string): MessageKey | null {
  const text = value.trim();
  if (!text) {
    return 'validation.required';
  }
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'support.webhooks.urlInvalid';
  } catch {
    return 'support.webhooks.urlInvalid';
  }
}

/**
 * `/admin/support/webhooks`: outbound webhooks on ticket events for a helpdesk that syncs (Zammad,
 * GLPI, Jira Service Management…). Add or edit one, see its signing secret once (after creation
 * or rotation), send a test, delete it, and read its delivery log.
 */
@Component({
  selector: 'psl-support-webhooks',
  imports: [TranslatePipe, LoadStateComponent, ConfirmDialogComponent, CopyButtonComponent, WebhookDeliveriesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhooks-section.component.html',
  styleUrls: ['../../account/ui.css', '../../admin/admin-page.css', '../support.css'],
})
export class WebhooksSectionComponent {
  private readonly api = inject(SupportApiService);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();
  protected readonly dates = inject(DateFormatter);

  protected readonly events = WebhookEvents;
  protected readonly eventText = EVENT_TEXT;
  protected readonly limits = SUPPORT_LIMITS;

  protected readonly list = new Loadable<WebhookView[]>();
  protected readonly editing = signal<WebhookView | 'new' | null>(null);
  protected readonly draft = signal<WebhookDraft>({ url: '', events: [...WebhookEvents], description: '', active: true });
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly saveError = signal<MessageKey | null>(null);
  protected readonly busy = signal(false);
  protected readonly notice = signal<string | null>(null);
  /** The secret just created or rotated: shown once, gone when dismissed or the page is left. */
  protected readonly secret = signal<WebhookWithSecret | null>(null);
  protected readonly deleting = signal<WebhookView | null>(null);
  protected readonly deleteError = signal<MessageKey | null>(null);
  protected readonly rotating = signal<WebhookView | null>(null);
  protected readonly rotateError = signal<MessageKey | null>(null);
  protected readonly logFor = signal<WebhookView | null>(null);
  protected readonly rowError = signal<{ id: string; message: MessageKey } | null>(null);

  constructor() {
    useSupportMessages();
    void this.load();
  }

  protected load(): Promise<void> {
    return this.list.load(() => this.api.webhooks());
  }

  protected edit(webhook: WebhookView | 'new'): void {
    this.editing.set(webhook);
    this.draft.set(
      webhook === 'new'
        ? { url: '', events: [...WebhookEvents], description: '', active: true }
        : { url: webhook.url, events: [...webhook.events], description: webhook.description, active: webhook.active },
    );
    this.errors.set({});
    this.saveError.set(null);
  }

  protected patch(change: Partial<WebhookDraft>): void {
    this.draft.update((draft) => ({ ...draft, ...change }));
  }

  protected toggleEvent(event: WebhookEvent, on: boolean): void {
    this.draft.update((draft) => ({ ...draft, events: WebhookEvents.filter((item) => (item === event ? on : draft.events.includes(item))) }));
  }

  protected save(event: Event): Promise<void> {
    event.preventDefault();
    const draft = this.draft();
    const errors: Record<string, string> = {};
    const urlProblem = webhookUrlProblem(draft.url);
    if (urlProblem) errors['url'] = this.i18n.translate(urlProblem);
    if (!draft.events.length) errors['events'] = this.i18n.translate('support.webhooks.eventsRequired');
    this.errors.set(errors);
    const editing = this.editing();
    if (Object.keys(errors).length || editing === null || this.busy()) {
      return Promise.resolve();
    }
    const request: SaveWebhookRequest = { url: draft.url.trim(), events: draft.events, description: draft.description.trim(), active: draft.active };
    return this.track(async () => {
      this.busy.set(true);
      this.saveError.set(null);
      this.notice.set(null);
      try {
        if (editing === 'new') {
          const created = await firstValueFrom(this.api.createWebhook(request));
          const { secret: _secret, ...view } = created;
          this.list.value.update((items) => [...(items ?? []), view]);
          this.secret.set(created);
        } else {
          const saved = await firstValueFrom(this.api.updateWebhook(editing.id, request));
          this.list.value.update((items) => (items ?? []).map((item) => (item.id === saved.id ? saved : item)));
          this.notice.set(this.i18n.translate('support.webhooks.saved', { url: saved.url }));
        }
        this.editing.set(null);
      } catch (error) {
        const failure = toApiFailure(error);
        this.errors.set(Object.fromEntries(Object.entries(failure.fields).map(([field, messages]) => [field, messages.join(' ')])));
        this.saveError.set(failureMessageKey(failure));
      } finally {
        this.busy.set(false);
      }
    });
  }

  protected test(webhook: WebhookView): Promise<void> {
    return this.track(async () => {
      this.rowError.set(null);
      this.notice.set(null);
      try {
        await firstValueFrom(this.api.testWebhook(webhook.id));
        this.notice.set(this.i18n.translate('support.webhooks.testSent', { url: webhook.url }));
        if (this.logFor()?.id === webhook.id) {
          // Reopen the log so the ping shows.
          this.logFor.set({ ...webhook });
        }
      } catch (error) {
        this.rowError.set({ id: webhook.id, message: failureMessageKey(toApiFailure(error)) });
      }
    });
  }

  protected rotate(): Promise<void> {
    const target = this.rotating();
    if (!target) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.busy.set(true);
      this.rotateError.set(null);
      try {
        this.secret.set(await firstValueFrom(this.api.rotateWebhookSecret(target.id)));
        this.rotating.set(null);
      } catch (error) {
        this.rotateError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.busy.set(false);
      }
    });
  }

  protected remove(): Promise<void> {
    const target = this.deleting();
    if (!target) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.busy.set(true);
      this.deleteError.set(null);
      try {
        await firstValueFrom(this.api.removeWebhook(target.id));
        this.list.value.update((items) => (items ?? []).filter((item) => item.id !== target.id));
        if (this.logFor()?.id === target.id) {
          this.logFor.set(null);
        }
        this.notice.set(this.i18n.translate('support.webhooks.deleted', { url: target.url }));
        this.deleting.set(null);
      } catch (error) {
        this.deleteError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.busy.set(false);
      }
    });
  }

  protected eventsOf(webhook: WebhookView): string {
    return webhook.events.map((event) => this.i18n.translate(EVENT_TEXT[event])).join(', ');
  }
}
