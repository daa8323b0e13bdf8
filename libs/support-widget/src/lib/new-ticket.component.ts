// The new-request form: category and its fields, the app it is about (asked outside an app),
// subject, description, urgency, attachments, and the context we'll attach, shown before sending.
// The draft is saved as it is typed.
import { ChangeDetectionStrategy, Component, type OnInit, ViewEncapsulation, computed, input, output, signal, viewChild } from '@angular/core';
import {
  SUPPORT_LIMITS,
  SupportRoutes,
  type CategoryField,
  type ClientContext,
  type CreateTicketRequest,
  type CreateTicketResponse,
  type SupportFormOptions,
  type TicketUrgency,
  type TicketView,
} from '@passerelle/contracts';
import { ApiError, type SupportClient } from './api';
import { AttachmentPickerComponent, type Uploader } from './attachment-picker.component';
import { gatherContext } from './context';
import { type DraftAttachment, type DraftStore, type TicketDraft } from './draft';
import { type WidgetKey, type WidgetLang, translate } from './i18n';

type FieldErrors = Record<string, string>;

@Component({
  selector: 'pss-new-ticket',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AttachmentPickerComponent],
  template: `
    @if (!categories().length) {
      <p class="notice">{{ t('form.noCategories') }}</p>
    } @else {
      <form novalidate (submit)="submit($event)" (paste)="onPaste($event)" [attr.aria-busy]="sending()">
        @if (formError()) {
          <p class="notice error" role="alert">{{ formError() }}</p>
        }
        <div class="field">
          <label for="pss-category">{{ t('form.category') }} <span class="req" aria-hidden="true">*</span></label>
          <select id="pss-category" data-testid="category" required [value]="draft().categoryId" (change)="chooseCategory(value($event))"
            [attr.aria-invalid]="!!errors()['categoryId']" [attr.aria-describedby]="errors()['categoryId'] ? 'pss-category-err' : (category()?.description ? 'pss-category-help' : null)">
            <option value="">{{ t('form.categoryPick') }}</option>
            @for (c of categories(); track c.id) {
              <option [value]="c.id" [selected]="c.id === draft().categoryId">{{ c.name }}</option>
            }
          </select>
          @if (category()?.description) {
            <span class="help" id="pss-category-help">{{ category()?.description }}</span>
          }
          @if (errors()['categoryId']) {
            <p class="err" id="pss-category-err">{{ errors()['categoryId'] }}</p>
          }
        </div>
        @for (f of category()?.fields ?? []; track f.key) {
          <div class="field">
            @if (f.type === 'checkbox') {
              <span class="check">
                <input type="checkbox" [id]="'pss-f-' + f.key" [checked]="draft().fields[f.key] === true" (change)="setField(f.key, checked($event))"
                  [attr.aria-invalid]="!!errors()['fields.' + f.key]" [attr.aria-describedby]="describe(f)" />
                <label [for]="'pss-f-' + f.key">{{ f.label }} @if (f.required) {<span class="req" aria-hidden="true">*</span>}</label>
              </span>
            } @else {
              <label [for]="'pss-f-' + f.key">{{ f.label }} @if (f.required) {<span class="req" aria-hidden="true">*</span>}</label>
              @switch (f.type) {
                @case ('select') {
                  <select [id]="'pss-f-' + f.key" [required]="f.required" (change)="setField(f.key, value($event))"
                    [attr.aria-invalid]="!!errors()['fields.' + f.key]" [attr.aria-describedby]="describe(f)">
                    <option value=""></option>
                    @for (o of f.options ?? []; track o) {
                      <option [value]="o" [selected]="draft().fields[f.key] === o">{{ o }}</option>
                    }
                  </select>
                }
                @case ('textarea') {
                  <textarea [id]="'pss-f-' + f.key" [required]="f.required" [attr.maxlength]="limits.fieldValueMax" [value]="fieldText(f.key)"
                    (input)="setField(f.key, value($event))" [attr.aria-invalid]="!!errors()['fields.' + f.key]" [attr.aria-describedby]="describe(f)"></textarea>
                }
                @default {
                  <input type="text" [id]="'pss-f-' + f.key" [required]="f.required" [attr.maxlength]="limits.fieldValueMax" [value]="fieldText(f.key)"
                    (input)="setField(f.key, value($event))" [attr.aria-invalid]="!!errors()['fields.' + f.key]" [attr.aria-describedby]="describe(f)" />
                }
              }
            }
            @if (f.help) {
              <span class="help" [id]="'pss-f-' + f.key + '-help'">{{ f.help }}</span>
            }
            @if (errors()['fields.' + f.key]) {
              <p class="err" [id]="'pss-f-' + f.key + '-err'">{{ errors()['fields.' + f.key] }}</p>
            }
          </div>
        }
        @if (!options().app && options().apps.length) {
          <div class="field">
            <label for="pss-app">{{ t('form.app') }}</label>
            <select id="pss-app" data-testid="app" (change)="patch({ appId: value($event) })"
              [attr.aria-invalid]="!!errors()['appId']" [attr.aria-describedby]="errors()['appId'] ? 'pss-app-err' : null">
              <option value="">{{ t('form.appNone') }}</option>
              @for (a of options().apps; track a.id) {
                <option [value]="a.id" [selected]="a.id === draft().appId">{{ a.name }}</option>
              }
            </select>
            @if (errors()['appId']) {
              <p class="err" id="pss-app-err">{{ errors()['appId'] }}</p>
            }
          </div>
        }
        <div class="field">
          <label for="pss-subject">{{ t('form.subject') }} <span class="req" aria-hidden="true">*</span></label>
          <input type="text" id="pss-subject" data-testid="subject" required [attr.maxlength]="limits.subjectMax" [value]="draft().subject"
            (input)="patch({ subject: value($event) })" [attr.aria-invalid]="!!errors()['subject']" [attr.aria-describedby]="errors()['subject'] ? 'pss-subject-err' : null" />
          @if (errors()['subject']) {
            <p class="err" id="pss-subject-err">{{ errors()['subject'] }}</p>
          }
        </div>
        <div class="field">
          <label for="pss-description">{{ t('form.description') }} <span class="req" aria-hidden="true">*</span></label>
          <textarea id="pss-description" data-testid="description" required [attr.maxlength]="limits.descriptionMax" [value]="draft().description"
            (input)="patch({ description: value($event) })" [attr.aria-invalid]="!!errors()['description']"
            [attr.aria-describedby]="errors()['description'] ? 'pss-description-err' : null"></textarea>
          @if (errors()['description']) {
            <p class="err" id="pss-description-err">{{ errors()['description'] }}</p>
          }
        </div>
        <div class="field">
          <label for="pss-urgency">{{ t('form.urgency') }}</label>
          <select id="pss-urgency" data-testid="urgency" [value]="urgency()" (change)="patch({ urgency: $any(value($event)) })">
            @for (u of options().urgencies; track u) {
              <option [value]="u" [selected]="u === urgency()">{{ t(urgencyKey(u)) }}</option>
            }
          </select>
        </div>
        <pss-attachment-picker #picker idPrefix="pss-new" [lang]="lang()" [limits]="options().attachments" [upload]="upload()"
          [attachments]="draft().attachments" (attachmentsChange)="setAttachments($event)" />
        @if (errors()['attachmentIds']) {
          <p class="err">{{ errors()['attachmentIds'] }}</p>
        }
        <details class="ctx" open data-testid="context">
          <summary>{{ t('form.context') }}</summary>
          <dl class="ctx-list" data-testid="context-list">
            <dt>{{ t('ctx.app') }}</dt><dd>{{ appName() }}</dd>
            <dt>{{ t('ctx.page') }}</dt><dd>{{ context().pageUrl }}</dd>
            <dt>{{ t('ctx.browser') }}</dt><dd>{{ context().browser }}</dd>
            <dt>{{ t('ctx.os') }}</dt><dd>{{ context().os }}</dd>
            <dt>{{ t('ctx.screen') }}</dt><dd>{{ context().screen }}</dd>
            <dt>{{ t('ctx.window') }}</dt><dd>{{ context().viewport }}</dd>
            <dt>{{ t('ctx.language') }}</dt><dd>{{ context().language }}</dd>
            <dt>{{ t('ctx.time') }}</dt><dd>{{ localTime() }}</dd>
            <dt>{{ t('ctx.signIn') }}</dt>
            <dd>
              @for (p of options().signInProblems; track $index) {
                <div>{{ formatDate(p.at) }} — {{ p.summary }}</div>
              } @empty {
                {{ t('ctx.none') }}
              }
            </dd>
          </dl>
        </details>
        <div class="row">
          <button type="submit" class="btn primary" data-testid="send" [disabled]="sending() || picker.pending().length > 0">
            {{ sending() ? t('form.sending') : t('form.send') }}
          </button>
          @if (sending()) {
            <span class="spinner" aria-hidden="true"></span>
          }
        </div>
      </form>
    }
  `,
})
export class NewTicketComponent implements OnInit {
  readonly lang = input.required<WidgetLang>();
  readonly options = input.required<SupportFormOptions>();
  readonly client = input.required<SupportClient>();
  readonly drafts = input.required<DraftStore>();
  readonly upload = input.required<Uploader>();
  /** Told with the filed ticket (the draft is already cleared). */
  readonly sent = output<TicketView>();
  /** Words for the live region: sending, sent, errors. */
  readonly announce = output<string>();

  readonly limits = SUPPORT_LIMITS;
  readonly picker = viewChild<AttachmentPickerComponent>('picker');
  readonly draft = signal<TicketDraft>({ requestId: '', categoryId: '', appId: '', subject: '', description: '', urgency: '', fields: {}, attachments: [] });
  readonly sending = signal(false);
  readonly errors = signal<FieldErrors>({});
  readonly formError = signal('');
  readonly context = signal<ClientContext>({});
  readonly categories = computed(() => this.options().categories.filter((c) => !c.archived).sort((a, b) => a.position - b.position));
  readonly category = computed(() => this.categories().find((c) => c.id === this.draft().categoryId) ?? null);
  /** The app the ticket will be about: the one the widget is in, else the one chosen, else the portal. */
  readonly appName = computed(() => this.options().app?.name ?? this.options().apps.find((a) => a.id === this.draft().appId)?.name ?? this.t('ctx.portal'));
  readonly urgency = computed<TicketUrgency>(() => this.draft().urgency || this.category()?.defaultUrgency || 'normal');
  private started = false;

  ngOnInit(): void {
    if (this.started) return;
    this.started = true;
    const draft = this.drafts().load();
    // A category that was removed since the draft was saved is dropped, not sent.
    if (draft.categoryId && !this.categories().some((c) => c.id === draft.categoryId)) draft.categoryId = '';
    if (draft.appId && !this.options().apps.some((a) => a.id === draft.appId)) draft.appId = '';
    this.draft.set(draft);
    this.context.set(gatherContext(window, new Date()));
  }

  t(key: WidgetKey, params?: Record<string, string | number>): string {
    return translate(this.lang(), key, params);
  }

  urgencyKey(urgency: TicketUrgency): WidgetKey {
    return `urgency.${urgency}` as WidgetKey;
  }

  value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked;
  }

  fieldText(key: string): string {
    const v = this.draft().fields[key];
    return typeof v === 'string' ? v : '';
  }

  describe(field: CategoryField): string | null {
    const ids = [field.help ? `pss-f-${field.key}-help` : '', this.errors()[`fields.${field.key}`] ? `pss-f-${field.key}-err` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }

  formatDate(iso: string): string {
    return new Intl.DateTimeFormat(this.lang(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }

  localTime(): string {
    const tz = this.context().timeZone;
    return `${new Intl.DateTimeFormat(this.lang(), { dateStyle: 'medium', timeStyle: 'long' }).format(new Date())}${tz ? ` (${tz})` : ''}`;
  }

  patch(change: Partial<TicketDraft>): void {
    this.draft.update((d) => ({ ...d, ...change }));
    this.drafts().save(this.draft());
  }

  chooseCategory(id: string): void {
    const category = this.categories().find((c) => c.id === id);
    // Urgency follows the category's default until the person picks one.
    this.patch({ categoryId: id, fields: {}, urgency: category?.defaultUrgency ?? '' });
  }

  setField(key: string, value: string | boolean): void {
    this.patch({ fields: { ...this.draft().fields, [key]: value } });
  }

  setAttachments(list: DraftAttachment[]): void {
    this.patch({ attachments: list });
  }

  onPaste(event: ClipboardEvent): void {
    const files = Array.from(event.clipboardData?.files ?? []).filter((f) => f.type.startsWith('image/'));
    if (!files.length) return;
    event.preventDefault();
    this.picker()?.addFiles(files);
  }

  /** Field messages from our own checks; the server checks again. */
  validate(): FieldErrors {
    const d = this.draft();
    const errors: FieldErrors = {};
    const required = this.t('common.required');
    if (!this.category()) errors['categoryId'] = `${this.t('form.category')}: ${required}`;
    if (!d.subject.trim()) errors['subject'] = `${this.t('form.subject')}: ${required}`;
    if (!d.description.trim()) errors['description'] = `${this.t('form.description')}: ${required}`;
    for (const field of this.category()?.fields ?? []) {
      const v = d.fields[field.key];
      if (field.required && (field.type === 'checkbox' ? v !== true : !(typeof v === 'string' && v.trim()))) errors[`fields.${field.key}`] = `${field.label}: ${required}`;
    }
    return errors;
  }

  async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.sending()) return; // a double click sends once
    const errors = this.validate();
    this.errors.set(errors);
    this.formError.set('');
    if (Object.keys(errors).length) {
      this.formError.set(this.t('form.fix'));
      this.announce.emit(this.t('form.fix'));
      return;
    }
    const d = this.draft();
    const category = this.category();
    const fields: Record<string, string | boolean> = {};
    for (const field of category?.fields ?? []) if (field.key in d.fields) fields[field.key] = d.fields[field.key];
    const request: CreateTicketRequest = {
      requestId: d.requestId,
      categoryId: d.categoryId,
      subject: d.subject.trim(),
      description: d.description.trim(),
      urgency: this.urgency(),
      fields,
      attachmentIds: d.attachments.map((a) => a.id),
      context: gatherContext(window, new Date()),
      ...(d.appId && !this.options().app ? { appId: d.appId } : {}),
    };
    this.sending.set(true);
    this.announce.emit(this.t('form.sending'));
    try {
      const response = await this.client().post<CreateTicketResponse>(SupportRoutes.tickets, request);
      this.draft.set(this.drafts().clear());
      this.sent.emit(response.ticket);
    } catch (err) {
      this.showError(err);
    } finally {
      this.sending.set(false);
    }
  }

  private showError(err: unknown): void {
    // The draft (and its requestId) stays: trying again cannot file a second ticket.
    if (!(err instanceof ApiError) || err.status === 0) {
      this.formError.set(this.t('common.network'));
    } else if (err.status === 400 && err.body?.fields) {
      const errors: FieldErrors = {};
      for (const [key, messages] of Object.entries(err.body.fields)) errors[key] = messages[0] ?? '';
      this.errors.set(errors);
      this.formError.set(err.body.message || this.t('form.fix'));
    } else if (err.status !== 401) {
      this.formError.set(err.body?.message || this.t('common.error'));
    }
    if (this.formError()) this.announce.emit(this.formError());
  }
}
