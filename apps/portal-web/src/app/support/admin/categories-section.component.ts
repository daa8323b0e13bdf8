import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { CategoryFieldTypes, SUPPORT_LIMITS, type SupportCategory, TicketUrgencies } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { ConfirmDialogComponent } from '../../account/confirm-dialog.component';
import { Loadable, pendingWork } from '../../account/loadable';
import { LoadStateComponent } from '../../admin/load-state.component';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { URGENCY_TEXT, dotPath } from '../support-labels';
import { SupportApiService } from '../support-api.service';
import { type CategoryDraft, type FieldDraft, categoryDraft, categoryProblems, categoryRequest, fieldDraft, keyFromLabel, requestOf } from './category-form';
import { useSupportMessages } from '../support-messages';

const PROBLEM_TEXT: Record<string, MessageKey> = {
  required: 'validation.required',
  key: 'support.categories.field.keyInvalid',
  keyTaken: 'support.categories.field.keyTaken',
  options: 'support.categories.field.optionsRequired',
};

const TYPE_TEXT: Record<(typeof CategoryFieldTypes)[number], MessageKey> = {
  text: 'support.categories.field.type.text',
  textarea: 'support.categories.field.type.textarea',
  select: 'support.categories.field.type.select',
  checkbox: 'support.categories.field.type.checkbox',
};

/**
 * `/admin/support` (Categories): the categories people choose from in the widget, in their order;
 * add or edit one with its own fields (key, label, type, required, options, help), archive it, or
 * delete it while no ticket uses it.
 */
@Component({
  selector: 'psl-support-categories',
  imports: [TranslatePipe, LoadStateComponent, ConfirmDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './categories-section.component.html',
  styleUrls: ['../../account/ui.css', '../../admin/admin-page.css', '../support.css'],
})
export class CategoriesSectionComponent {
  private readonly api = inject(SupportApiService);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();

  protected readonly urgencies = TicketUrgencies;
  protected readonly urgencyText = URGENCY_TEXT;
  protected readonly fieldTypes = CategoryFieldTypes;
  protected readonly typeText = TYPE_TEXT;
  protected readonly limits = SUPPORT_LIMITS;

  protected readonly list = new Loadable<SupportCategory[]>();
  protected readonly sorted = computed(() => [...(this.list.value() ?? [])].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name)));
  protected readonly editing = signal<SupportCategory | 'new' | null>(null);
  protected readonly draft = signal<CategoryDraft>(categoryDraft());
  protected readonly showProblems = signal(false);
  private readonly serverErrors = signal<Record<string, string>>({});
  protected readonly problems = computed(() => {
    const local = this.showProblems() ? categoryProblems(this.draft()) : {};
    const messages: Record<string, string> = {};
    for (const [path, problem] of Object.entries(local)) {
      messages[path] = this.i18n.translate(PROBLEM_TEXT[problem]);
    }
    return { ...messages, ...this.serverErrors() };
  });
  protected readonly saveError = signal<MessageKey | null>(null);
  protected readonly otherErrors = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly notice = signal<string | null>(null);
  protected readonly deleting = signal<SupportCategory | null>(null);
  protected readonly deleteError = signal<MessageKey | null>(null);

  constructor() {
    useSupportMessages();
    void this.load();
  }

  protected fieldLabels(category: SupportCategory): string {
    return category.fields.map((field) => field.label).join(', ');
  }

  protected load(): Promise<void> {
    return this.list.load(() => this.api.categories());
  }

  protected edit(category: SupportCategory | 'new'): void {
    this.editing.set(category);
    this.draft.set(categoryDraft(category === 'new' ? undefined : category));
    this.showProblems.set(false);
    this.serverErrors.set({});
    this.saveError.set(null);
  }

  protected patch(change: Partial<CategoryDraft>): void {
    this.draft.update((draft) => ({ ...draft, ...change }));
  }

  protected patchField(uid: number, change: Partial<FieldDraft>): void {
    this.draft.update((draft) => ({ ...draft, fields: draft.fields.map((field) => (field.uid === uid ? { ...field, ...change } : field)) }));
  }

  /** The key follows the label until someone types a key of their own. */
  protected labelChanged(field: FieldDraft, label: string): void {
    const followed = !field.key || field.key === keyFromLabel(field.label);
    this.patchField(field.uid, followed ? { label, key: keyFromLabel(label) } : { label });
  }

  protected addField(): void {
    this.draft.update((draft) => ({ ...draft, fields: [...draft.fields, fieldDraft()] }));
  }

  protected removeField(uid: number): void {
    this.draft.update((draft) => ({ ...draft, fields: draft.fields.filter((field) => field.uid !== uid) }));
  }

  protected moveField(index: number, by: -1 | 1): void {
    this.draft.update((draft) => {
      const fields = [...draft.fields];
      const target = index + by;
      if (target < 0 || target >= fields.length) {
        return draft;
      }
      [fields[index], fields[target]] = [fields[target], fields[index]];
      return { ...draft, fields };
    });
  }

  protected save(event: Event): Promise<void> {
    event.preventDefault();
    this.showProblems.set(true);
    this.serverErrors.set({});
    this.otherErrors.set([]);
    const editing = this.editing();
    if (Object.keys(categoryProblems(this.draft())).length || editing === null || this.busy()) {
      return Promise.resolve();
    }
    const position = editing === 'new' ? this.sorted().reduce((max, category) => Math.max(max, category.position + 1), 0) : undefined;
    const request = categoryRequest(this.draft(), position);
    return this.track(async () => {
      this.busy.set(true);
      this.saveError.set(null);
      try {
        const saved = editing === 'new' ? await firstValueFrom(this.api.createCategory(request)) : await firstValueFrom(this.api.updateCategory(editing.id, request));
        this.list.value.update((items) => (editing === 'new' ? [...(items ?? []), saved] : (items ?? []).map((item) => (item.id === saved.id ? saved : item))));
        this.notice.set(this.i18n.translate('support.categories.saved', { name: saved.name }));
        this.editing.set(null);
      } catch (error) {
        const failure = toApiFailure(error);
        const messages = Object.entries(failure.fields).map(([path, list]) => [dotPath(path), list.join(' ')] as const);
        this.serverErrors.set(Object.fromEntries(messages));
        // Problems the form has no place for (e.g. on the whole list) are listed under the banner.
        this.otherErrors.set(messages.filter(([path]) => !/^(name|description|fields\.\d+\.(label|key|options))$/.test(path)).map(([, text]) => text));
        this.saveError.set(failureMessageKey(failure));
      } finally {
        this.busy.set(false);
      }
    });
  }

  /** Swaps the category with its neighbour: both keep their own data, only positions change. */
  protected move(index: number, by: -1 | 1): Promise<void> {
    const sorted = this.sorted();
    const a = sorted[index];
    const b = sorted[index + by];
    if (!a || !b || this.busy()) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.busy.set(true);
      this.saveError.set(null);
      try {
        const [aPosition, bPosition] = a.position === b.position ? [index + by, index] : [b.position, a.position];
        const savedA = await firstValueFrom(this.api.updateCategory(a.id, requestOf(a, aPosition)));
        const savedB = await firstValueFrom(this.api.updateCategory(b.id, requestOf(b, bPosition)));
        this.list.value.update((items) => (items ?? []).map((item) => (item.id === savedA.id ? savedA : item.id === savedB.id ? savedB : item)));
        this.notice.set(this.i18n.translate('support.categories.moved', { name: a.name }));
      } catch (error) {
        this.notice.set(this.i18n.translate(failureMessageKey(toApiFailure(error))));
        await this.load();
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
        await firstValueFrom(this.api.removeCategory(target.id));
        this.list.value.update((items) => (items ?? []).filter((item) => item.id !== target.id));
        this.notice.set(this.i18n.translate('support.categories.deleted', { name: target.name }));
        this.deleting.set(null);
      } catch (error) {
        const failure = toApiFailure(error);
        this.deleteError.set(failure.status === 409 ? 'support.categories.inUse' : failureMessageKey(failure));
      } finally {
        this.busy.set(false);
      }
    });
  }

  /** From the delete dialog: archive instead (the category disappears from the form, tickets keep it). */
  protected archiveInstead(): Promise<void> {
    const target = this.deleting();
    if (!target) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.busy.set(true);
      try {
        const saved = await firstValueFrom(this.api.updateCategory(target.id, { ...requestOf(target, target.position), archived: true }));
        this.list.value.update((items) => (items ?? []).map((item) => (item.id === saved.id ? saved : item)));
        this.notice.set(this.i18n.translate('support.categories.archived', { name: saved.name }));
        this.deleting.set(null);
      } catch (error) {
        this.deleteError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.busy.set(false);
      }
    });
  }
}
