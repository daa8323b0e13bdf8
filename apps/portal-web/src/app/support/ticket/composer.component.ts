import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, output, signal, viewChild } from '@angular/core';
import {
  ATTACHMENT_LIMITS,
  ATTACHMENT_TYPES,
  type AgentMessageRequest,
  type AgentTicketView,
  type CannedReply,
  SUPPORT_LIMITS,
  type TicketStatus,
  TicketStatuses,
} from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { pendingWork } from '../../account/loadable';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { STATUS_TEXT } from '../support-labels';
import { SupportApiService } from '../support-api.service';
import { readableSize } from './attachment-size';
import { useSupportMessages } from '../support-messages';

interface Upload {
  key: number;
  name: string;
  size: number;
  state: 'uploading' | 'done' | 'failed';
  id?: string;
  error?: string;
}

let nextUploadKey = 0;

/**
 * The agent's composer under the conversation: a reply to the requester or an internal note, a
 * canned reply inserted at the cursor, a status to set with it, and attachments (picker or drop),
 * each uploaded at once so sending only passes their ids.
 */
@Component({
  selector: 'psl-ticket-composer',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../account/ui.css', '../support.css'],
  styles: `
    :host {
      max-width: none;
    }
  `,
  template: `
    <form class="panel composer" (submit)="send($event)" data-testid="composer" novalidate>
      <h2 class="panel__title" id="composer-title">{{ 'support.composer.title' | t }}</h2>
      <fieldset class="choice-set">
        <legend class="visually-hidden">{{ 'support.composer.kind' | t }}</legend>
        <div class="segmented">
          <label><input type="radio" name="composer-kind" [checked]="!internal()" (change)="internal.set(false)" data-testid="composer-reply" />{{ 'support.composer.reply' | t }}</label>
          <label><input type="radio" name="composer-kind" [checked]="internal()" (change)="internal.set(true)" data-testid="composer-note" />{{ 'support.composer.note' | t }}</label>
        </div>
      </fieldset>
      <p class="small muted" id="composer-kind-hint">{{ (internal() ? 'support.composer.noteHint' : 'support.composer.replyHint') | t }}</p>

      @if (cannedReplies().length) {
        <div class="field">
          <label class="field__label" for="composer-canned">{{ 'support.composer.canned' | t }}</label>
          <select id="composer-canned" class="field__input field__select" data-testid="composer-canned" (change)="insertCanned($any($event.target))">
            <option value="">{{ 'support.composer.cannedPick' | t }}</option>
            @for (reply of cannedReplies(); track reply.id) {
              <option [value]="reply.id">{{ reply.title }}</option>
            }
          </select>
        </div>
      }

      <div class="field">
        <label class="field__label" for="composer-body">{{ (internal() ? 'support.composer.noteLabel' : 'support.composer.replyLabel') | t }}</label>
        <textarea
          #bodyBox
          id="composer-body"
          class="field__input"
          data-testid="composer-body"
          aria-describedby="composer-kind-hint"
          [attr.maxlength]="limits.messageMax"
          [attr.aria-invalid]="bodyError() ? 'true' : null"
          [value]="body()"
          (input)="body.set(bodyBox.value); bodyError.set(null)"
          (paste)="pasted($event)"
        ></textarea>
        @if (bodyError(); as message) {
          <p class="field__error" data-testid="composer-body-error">{{ message }}</p>
        }
      </div>

      <div
        class="drop-zone"
        [class.drop-zone--over]="dragging()"
        data-testid="composer-drop"
        (dragover)="$event.preventDefault(); dragging.set(true)"
        (dragleave)="dragging.set(false)"
        (drop)="drop($event)"
      >
        <input #fileInput id="composer-files" class="file-input" type="file" multiple [attr.accept]="accept" data-testid="composer-file" (change)="picked(fileInput)" />
        <label for="composer-files" class="button button--secondary button--small file-button">{{ 'support.composer.attach' | t }}</label>
        <p class="small muted">{{ 'support.composer.attachHint' | t: { count: limits.perMessage, size: maxSize } }}</p>
      </div>
      @if (uploads().length) {
        <ul class="uploads" data-testid="composer-uploads" aria-live="polite">
          @for (upload of uploads(); track upload.key) {
            <li data-testid="composer-upload">
              <span>{{ upload.name }} ({{ size(upload.size) }})</span>
              @switch (upload.state) {
                @case ('uploading') {
                  <span class="muted"><span class="spinner" aria-hidden="true"></span> {{ 'support.composer.uploading' | t }}</span>
                }
                @case ('failed') {
                  <span class="field__error" data-testid="composer-upload-error">{{ upload.error }}</span>
                }
              }
              <button type="button" class="button button--secondary button--small" [attr.aria-label]="'support.composer.removeNamed' | t: { name: upload.name }" (click)="remove(upload.key)">
                {{ 'support.composer.remove' | t }}
              </button>
            </li>
          }
        </ul>
      }

      <div class="composer__row">
        <div class="field">
          <label class="field__label" for="composer-status">{{ 'support.composer.status' | t }}</label>
          <select id="composer-status" class="field__input field__select" data-testid="composer-status" (change)="status.set($any($event.target).value)">
            <option value="" [selected]="!status()">{{
              ticket().status === 'new' && !internal() ? ('support.composer.firstReplyStatus' | t) : ('support.composer.keepStatus' | t: { status: (statusText[ticket().status] | t) })
            }}</option>
            @for (option of statusOptions(); track option) {
              <option [value]="option" [selected]="status() === option">{{ statusText[option] | t }}</option>
            }
          </select>
        </div>
        <button type="submit" class="button button--primary" data-testid="composer-send" [disabled]="sending() || uploading()" [attr.aria-busy]="sending() ? 'true' : null">
          @if (sending()) {
            <span class="spinner spinner--on-primary" aria-hidden="true"></span>
          }
          {{ (internal() ? 'support.composer.sendNote' : 'support.composer.sendReply') | t }}
        </button>
      </div>
      <div role="status">
        @if (error(); as message) {
          <p class="notice notice--error" data-testid="composer-error">{{ message | t }}</p>
        }
      </div>
    </form>
  `,
})
export class TicketComposerComponent {
  private readonly api = inject(SupportApiService);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();
  private readonly bodyBox = viewChild.required<ElementRef<HTMLTextAreaElement>>('bodyBox');

  constructor() {
    useSupportMessages();
  }

  readonly ticket = input.required<AgentTicketView>();
  readonly cannedReplies = input<CannedReply[]>([]);
  /** The ticket as the server returned it after the message. */
  readonly sent = output<AgentTicketView>();

  protected readonly limits = { messageMax: SUPPORT_LIMITS.messageMax, perMessage: ATTACHMENT_LIMITS.perMessage };
  protected readonly maxSize = readableSize(ATTACHMENT_LIMITS.maxBytes);
  protected readonly accept = ATTACHMENT_TYPES.join(',');
  protected readonly statusText = STATUS_TEXT;
  protected readonly size = readableSize;

  protected readonly body = signal('');
  protected readonly internal = signal(false);
  protected readonly status = signal<TicketStatus | ''>('');
  protected readonly uploads = signal<Upload[]>([]);
  protected readonly dragging = signal(false);
  protected readonly sending = signal(false);
  protected readonly error = signal<MessageKey | null>(null);
  protected readonly bodyError = signal<string | null>(null);
  protected readonly uploading = computed(() => this.uploads().some((upload) => upload.state === 'uploading'));
  protected readonly statusOptions = computed(() => TicketStatuses.filter((status) => status !== this.ticket().status && status !== 'new'));

  protected insertCanned(select: HTMLSelectElement): void {
    const reply = this.cannedReplies().find((candidate) => candidate.id === select.value);
    select.value = '';
    if (!reply) {
      return;
    }
    const box = this.bodyBox().nativeElement;
    const current = this.body();
    const start = box.selectionStart ?? current.length;
    const end = box.selectionEnd ?? current.length;
    const next = (current.slice(0, start) + reply.body + current.slice(end)).slice(0, SUPPORT_LIMITS.messageMax);
    this.body.set(next);
    box.value = next;
    box.focus();
    box.setSelectionRange(start + reply.body.length, start + reply.body.length);
  }

  protected picked(input: HTMLInputElement): void {
    this.add(Array.from(input.files ?? []));
    input.value = '';
  }

  /** A pasted screenshot becomes an attachment; pasted text stays text. */
  protected pasted(event: ClipboardEvent): void {
    const files = Array.from(event.clipboardData?.files ?? []);
    if (files.length) {
      event.preventDefault();
      this.add(files);
    }
  }

  protected drop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    this.add(Array.from(event.dataTransfer?.files ?? []));
  }

  protected remove(key: number): void {
    this.uploads.update((uploads) => uploads.filter((upload) => upload.key !== key));
  }

  /** Uploads each file at once; refuses what is over the count or the size before sending anything. */
  add(files: File[]): void {
    for (const file of files) {
      const upload: Upload = { key: nextUploadKey++, name: file.name, size: file.size, state: 'uploading' };
      if (this.uploads().filter((item) => item.state !== 'failed').length >= ATTACHMENT_LIMITS.perMessage) {
        this.uploads.update((uploads) => [...uploads, { ...upload, state: 'failed', error: this.i18n.translate('support.composer.tooMany', { count: ATTACHMENT_LIMITS.perMessage }) }]);
        continue;
      }
      if (file.size > ATTACHMENT_LIMITS.maxBytes) {
        this.uploads.update((uploads) => [...uploads, { ...upload, state: 'failed', error: this.i18n.translate('support.composer.tooLarge', { size: this.maxSize }) }]);
        continue;
      }
      this.uploads.update((uploads) => [...uploads, upload]);
      void this.track(async () => {
        try {
          const saved = await firstValueFrom(this.api.upload(file));
          this.patchUpload(upload.key, { state: 'done', id: saved.id });
        } catch (error) {
          const failure = toApiFailure(error);
          const detail = Object.values(failure.fields).flat()[0];
          this.patchUpload(upload.key, { state: 'failed', error: detail ?? this.i18n.translate(failureMessageKey(failure)) });
        }
      });
    }
  }

  private patchUpload(key: number, patch: Partial<Upload>): void {
    this.uploads.update((uploads) => uploads.map((upload) => (upload.key === key ? { ...upload, ...patch } : upload)));
  }

  protected send(event: Event): Promise<void> {
    event.preventDefault();
    const body = this.body().trim();
    if (!body) {
      this.bodyError.set(this.i18n.translate('validation.required'));
      this.bodyBox().nativeElement.focus();
      return Promise.resolve();
    }
    if (this.sending() || this.uploading()) {
      return Promise.resolve();
    }
    const request: AgentMessageRequest = { body };
    if (this.internal()) {
      request.internal = true;
    }
    const status = this.status();
    if (status) {
      request.status = status;
    }
    const ids = this.uploads().flatMap((upload) => (upload.state === 'done' && upload.id ? [upload.id] : []));
    if (ids.length) {
      request.attachmentIds = ids;
    }
    return this.track(async () => {
      this.sending.set(true);
      this.error.set(null);
      try {
        const ticket = await firstValueFrom(this.api.postMessage(this.ticket().id, request));
        this.body.set('');
        this.bodyBox().nativeElement.value = '';
        this.status.set('');
        this.uploads.set([]);
        this.sent.emit(ticket);
      } catch (error) {
        const failure = toApiFailure(error);
        const bodyMessages = failure.fields['body'];
        if (bodyMessages?.length) {
          this.bodyError.set(bodyMessages.join(' '));
        }
        this.error.set(failureMessageKey(failure));
      } finally {
        this.sending.set(false);
      }
    });
  }
}
