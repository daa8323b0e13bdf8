import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { type CannedReply, SUPPORT_LIMITS } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { ConfirmDialogComponent } from '../account/confirm-dialog.component';
import { Loadable, pendingWork } from '../account/loadable';
import { LoadStateComponent } from '../admin/load-state.component';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { SupportApiService } from './support-api.service';
import { useSupportMessages } from './support-messages';

/**
 * Canned replies (agents and administrators): the list, one form to add or edit (title and text),
 * delete after a confirmation. Shown in the queue (`/support/queue/canned`) and in `/admin/support`.
 */
@Component({
  selector: 'psl-canned-replies',
  imports: [TranslatePipe, LoadStateComponent, ConfirmDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../account/ui.css', '../admin/admin-page.css', './support.css'],
  template: `
    <section class="settings-section" aria-labelledby="canned-title">
      <div class="admin-page__head">
        @if (headingLevel() === 1) {
          <h1 class="card__title" id="canned-title">{{ 'support.canned.title' | t }}</h1>
        } @else {
          <h2 class="section-title" id="canned-title">{{ 'support.canned.title' | t }}</h2>
        }
        @if (editing() === null) {
          <button type="button" class="button button--primary button--small" data-testid="canned-new" (click)="edit('new')">{{ 'support.canned.new' | t }}</button>
        }
      </div>
      <p class="muted">{{ 'support.canned.intro' | t }}</p>
      <div role="status">
        @if (notice(); as text) {
          <p class="notice notice--success" data-testid="canned-notice">{{ text }}</p>
        }
      </div>

      @if (editing() !== null) {
        <form class="panel form" (submit)="save($event)" data-testid="canned-form" novalidate>
          <h3 class="panel__title">{{ (editing() === 'new' ? 'support.canned.new' : 'support.canned.edit') | t }}</h3>
          <div class="field">
            <label class="field__label" for="canned-title-input">{{ 'support.canned.titleLabel' | t }}</label>
            <input #titleBox id="canned-title-input" class="field__input" type="text" autocomplete="off" data-testid="canned-title" data-autofocus
              [attr.maxlength]="limits.title" [value]="title()" (input)="title.set(titleBox.value)"
              [attr.aria-invalid]="errors()['title'] ? 'true' : null" [attr.aria-describedby]="errors()['title'] ? 'canned-title-error' : null" />
            @if (errors()['title']; as messages) {
              <p class="field__error" id="canned-title-error">{{ messages }}</p>
            }
          </div>
          <div class="field">
            <label class="field__label" for="canned-body-input">{{ 'support.canned.bodyLabel' | t }}</label>
            <textarea #bodyBox id="canned-body-input" class="field__input" rows="6" data-testid="canned-body"
              [attr.maxlength]="limits.body" [value]="body()" (input)="body.set(bodyBox.value)"
              [attr.aria-invalid]="errors()['body'] ? 'true' : null" [attr.aria-describedby]="errors()['body'] ? 'canned-body-error' : null"></textarea>
            @if (errors()['body']; as messages) {
              <p class="field__error" id="canned-body-error">{{ messages }}</p>
            }
          </div>
          @if (saveError(); as message) {
            <p class="notice notice--error" role="alert" data-testid="canned-error">{{ message | t }}</p>
          }
          <div class="actions">
            <button type="submit" class="button button--primary" data-testid="canned-save" [disabled]="busy()">{{ 'support.save' | t }}</button>
            <button type="button" class="button button--secondary" (click)="editing.set(null)">{{ 'admin.cancel' | t }}</button>
          </div>
        </form>
      }

      <psl-load-state [loadable]="list" shape="list" testId="canned-load-error" (retry)="load()" />
      @if (list.status() === 'ready') {
        @if (!list.value()?.length) {
          <div class="empty" data-testid="canned-empty"><p>{{ 'support.canned.empty' | t }}</p></div>
        } @else {
          <div class="table-wrap">
            <table class="data-table" data-testid="canned-table">
              <caption class="visually-hidden">{{ 'support.canned.title' | t }}</caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'support.canned.titleLabel' | t }}</th>
                  <th scope="col">{{ 'support.canned.bodyLabel' | t }}</th>
                  <th scope="col"><span class="visually-hidden">{{ 'support.actions' | t }}</span></th>
                </tr>
              </thead>
              <tbody>
                @for (reply of list.value(); track reply.id) {
                  <tr data-testid="canned-row">
                    <td [attr.data-label]="'support.canned.titleLabel' | t"><strong>{{ reply.title }}</strong></td>
                    <td [attr.data-label]="'support.canned.bodyLabel' | t" class="plain-text">{{ reply.body }}</td>
                    <td class="data-table__full">
                      <div class="actions row-actions">
                        <button type="button" class="button button--secondary button--small" data-testid="canned-edit" [attr.aria-label]="'support.editNamed' | t: { name: reply.title }" (click)="edit(reply)">{{ 'support.edit' | t }}</button>
                        <button type="button" class="button button--secondary button--small" data-testid="canned-delete" [attr.aria-label]="'support.deleteNamed' | t: { name: reply.title }" (click)="deleting.set(reply)">{{ 'support.delete' | t }}</button>
                      </div>
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      }
    </section>

    <psl-confirm-dialog
      [open]="deleting() !== null"
      [heading]="'support.canned.deleteTitle' | t: { name: deleting()?.title ?? '' }"
      confirmLabel="support.delete"
      [busy]="busy()"
      [error]="deleteError()"
      testId="canned-delete-dialog"
      (confirmed)="remove()"
      (cancelled)="deleting.set(null)"
    >
      <p>{{ 'support.canned.deleteBody' | t }}</p>
    </psl-confirm-dialog>
  `,
})
export class CannedRepliesComponent {
  private readonly api = inject(SupportApiService);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();

  /** 1 on its own page, 2 as a section of the settings. */
  readonly headingLevel = input<1 | 2>(2);

  protected readonly limits = { title: SUPPORT_LIMITS.cannedTitleMax, body: SUPPORT_LIMITS.cannedBodyMax };
  protected readonly list = new Loadable<CannedReply[]>();
  protected readonly editing = signal<CannedReply | 'new' | null>(null);
  protected readonly title = signal('');
  protected readonly body = signal('');
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly saveError = signal<MessageKey | null>(null);
  protected readonly deleting = signal<CannedReply | null>(null);
  protected readonly deleteError = signal<MessageKey | null>(null);
  protected readonly busy = signal(false);
  protected readonly notice = signal<string | null>(null);

  constructor() {
    useSupportMessages();
    void this.load();
  }

  protected load(): Promise<void> {
    return this.list.load(() => this.api.cannedReplies());
  }

  protected edit(reply: CannedReply | 'new'): void {
    this.editing.set(reply);
    this.title.set(reply === 'new' ? '' : reply.title);
    this.body.set(reply === 'new' ? '' : reply.body);
    this.errors.set({});
    this.saveError.set(null);
  }

  protected save(event: Event): Promise<void> {
    event.preventDefault();
    const request = { title: this.title().trim(), body: this.body().trim() };
    const required = this.i18n.translate('validation.required');
    const errors: Record<string, string> = {};
    if (!request.title) errors['title'] = required;
    if (!request.body) errors['body'] = required;
    this.errors.set(errors);
    const editing = this.editing();
    if (Object.keys(errors).length || editing === null || this.busy()) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.busy.set(true);
      this.saveError.set(null);
      try {
        if (editing === 'new') {
          const created = await firstValueFrom(this.api.createCannedReply(request));
          this.list.value.update((items) => [...(items ?? []), created]);
        } else {
          const saved = await firstValueFrom(this.api.updateCannedReply(editing.id, request));
          this.list.value.update((items) => (items ?? []).map((item) => (item.id === saved.id ? saved : item)));
        }
        this.notice.set(this.i18n.translate('support.canned.saved', { name: request.title }));
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

  protected remove(): Promise<void> {
    const target = this.deleting();
    if (!target) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.busy.set(true);
      this.deleteError.set(null);
      try {
        await firstValueFrom(this.api.removeCannedReply(target.id));
        this.list.value.update((items) => (items ?? []).filter((item) => item.id !== target.id));
        this.notice.set(this.i18n.translate('support.canned.deleted', { name: target.title }));
        this.deleting.set(null);
      } catch (error) {
        this.deleteError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.busy.set(false);
      }
    });
  }
}
