import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import type { AdminUser, Page, SessionInfo } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { ConfirmDialogComponent } from '../account/confirm-dialog.component';
import { DateFormatter } from '../account/dates';
import { DialogComponent } from '../account/dialog.component';
import { Loadable, pendingWork } from '../account/loadable';
import { SessionListComponent } from '../account/session-list.component';
import { SessionService } from '../core/session';
import { AdminApiService, type UserAction } from './admin-api.service';
import { EditUserFormComponent } from './edit-user-form.component';
import { NewUserFormComponent } from './new-user-form.component';
import { SEARCH_DEBOUNCE_MS } from './search-debounce';

export { SEARCH_DEBOUNCE_MS };

export const USERS_PAGE_SIZE = 20;

type ConfirmedAction = Exclude<UserAction, 'unlock'>;

const ACTION_TEXT: Record<ConfirmedAction, { title: MessageKey; body: MessageKey; confirm: MessageKey; done: MessageKey; danger: boolean }> = {
  disable: {
    title: 'admin.users.disableTitle',
    body: 'admin.users.disableBody',
    confirm: 'admin.users.disable',
    done: 'admin.users.disabled',
    danger: true,
  },
  enable: {
    title: 'admin.users.enableTitle',
    body: 'admin.users.enableBody',
    confirm: 'admin.users.enable',
    done: 'admin.users.enabled',
    danger: false,
  },
  resetSecondFactor: {
    title: 'admin.users.resetTitle',
    body: 'admin.users.resetBody',
    confirm: 'admin.users.reset',
    done: 'admin.users.resetDone',
    danger: true,
  },
};

/** `/admin/users`: search, the people (table, cards on phones), pages, new user and per-person actions. */
@Component({
  selector: 'psl-users-page',
  imports: [TranslatePipe, ConfirmDialogComponent, DialogComponent, SessionListComponent, NewUserFormComponent, EditUserFormComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.component.html',
  styleUrls: ['../account/ui.css', './admin-page.css'],
})
export class UsersPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly track = pendingWork();
  private readonly i18n = inject(I18nService);
  protected readonly dates = inject(DateFormatter);
  private readonly debounceMs = inject(SEARCH_DEBOUNCE_MS);
  private readonly session = inject(SessionService);
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  protected readonly search = signal('');
  protected readonly page = signal(1);
  protected readonly users = new Loadable<Page<AdminUser>>();
  protected readonly items = computed(() => this.users.value()?.items ?? []);
  protected readonly pageCount = computed(() => {
    const value = this.users.value();
    return value ? Math.max(1, Math.ceil(value.total / (value.pageSize || USERS_PAGE_SIZE))) : 1;
  });
  protected readonly creating = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly actionError = signal<MessageKey | null>(null);
  protected readonly busyUserId = signal<string | null>(null);

  protected readonly pending = signal<{ action: ConfirmedAction; user: AdminUser } | null>(null);
  protected readonly pendingText = computed(() => {
    const pending = this.pending();
    return pending ? ACTION_TEXT[pending.action] : null;
  });
  protected readonly confirmBusy = signal(false);
  protected readonly confirmError = signal<MessageKey | null>(null);

  protected readonly editing = signal<AdminUser | null>(null);

  protected readonly sessionsFor = signal<AdminUser | null>(null);
  protected readonly sessions = new Loadable<SessionInfo[]>();
  protected readonly endingSessions = signal(false);
  protected readonly sessionsMessage = signal<MessageKey | null>(null);

  constructor() {
    void this.load();
    inject(DestroyRef).onDestroy(() => clearTimeout(this.searchTimer));
  }

  protected load(): Promise<void> {
    const query = { search: this.search(), page: this.page(), pageSize: USERS_PAGE_SIZE };
    return this.users.load(() => this.api.users(query), { quiet: this.users.value() !== null });
  }

  protected searchChanged(value: string): void {
    this.search.set(value);
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.page.set(1);
      void this.load();
    }, this.debounceMs);
  }

  protected goTo(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
    void this.load();
  }

  /** The administrator's own row: no "Disable" (nor removing their own administrator rights). */
  protected isSelf(user: AdminUser): boolean {
    return user.id === this.session.currentUser()?.id;
  }

  protected edited(updated: AdminUser): void {
    this.editing.set(null);
    this.users.value.update((page) => (page ? { ...page, items: page.items.map((item) => (item.id === updated.id ? updated : item)) } : page));
    this.message.set(this.i18n.translate('admin.editUser.saved', { name: updated.name }));
    if (this.isSelf(updated)) {
      // The header shows the administrator's own name.
      void this.session.load({ refresh: true }).catch(() => undefined);
    }
  }

  protected isLocked(user: AdminUser): boolean {
    return this.dates.isFuture(user.lockedUntil);
  }

  protected userCreated(): void {
    this.page.set(1);
    void this.load();
  }

  protected ask(action: ConfirmedAction, user: AdminUser): void {
    this.confirmError.set(null);
    this.pending.set({ action, user });
  }

  protected closeConfirm(): void {
    if (!this.confirmBusy()) {
      this.pending.set(null);
    }
  }

  protected confirmAction(): Promise<void> {
    return this.track(() => this.confirmActionNow());
  }

  private async confirmActionNow(): Promise<void> {
    const pending = this.pending();
    if (!pending) {
      return;
    }
    this.confirmBusy.set(true);
    this.confirmError.set(null);
    try {
      await this.run(pending.action, pending.user, ACTION_TEXT[pending.action].done);
      this.confirmBusy.set(false);
      this.pending.set(null);
    } catch (error) {
      this.confirmError.set(failureMessageKey(toApiFailure(error)));
      this.confirmBusy.set(false);
    }
  }

  protected unlock(user: AdminUser): Promise<void> {
    return this.track(() => this.unlockNow(user));
  }

  private async unlockNow(user: AdminUser): Promise<void> {
    this.busyUserId.set(user.id);
    this.actionError.set(null);
    try {
      await this.run('unlock', user, 'admin.users.unlocked');
    } catch (error) {
      this.actionError.set(failureMessageKey(toApiFailure(error)));
    } finally {
      this.busyUserId.set(null);
    }
  }

  private async run(action: UserAction, user: AdminUser, done: MessageKey): Promise<void> {
    this.message.set(null);
    const updated = await firstValueFrom(this.api.userAction(user.id, action));
    this.users.value.update((page) =>
      page ? { ...page, items: page.items.map((item) => (item.id === updated.id ? updated : item)) } : page,
    );
    this.message.set(this.i18n.translate(done, { name: updated.name }));
  }

  protected openSessions(user: AdminUser): void {
    this.sessionsFor.set(user);
    this.sessionsMessage.set(null);
    void this.sessions.load(() => this.api.userSessions(user.id));
  }

  protected closeSessions(): void {
    if (!this.endingSessions()) {
      this.sessionsFor.set(null);
    }
  }

  protected endAllSessions(): Promise<void> {
    return this.track(() => this.endAllSessionsNow());
  }

  private async endAllSessionsNow(): Promise<void> {
    const user = this.sessionsFor();
    if (!user || this.endingSessions()) {
      return;
    }
    this.endingSessions.set(true);
    this.sessionsMessage.set(null);
    try {
      await firstValueFrom(this.api.endUserSessions(user.id));
      this.sessions.value.set([]);
      this.sessionsMessage.set('admin.users.sessionsEnded');
    } catch (error) {
      this.sessionsMessage.set(failureMessageKey(toApiFailure(error)));
    } finally {
      this.endingSessions.set(false);
    }
  }
}
