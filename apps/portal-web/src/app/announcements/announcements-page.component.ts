import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AnnouncementAdminView, AnnouncementStatus } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { ConfirmDialogComponent } from '../account/confirm-dialog.component';
import { DateFormatter } from '../account/dates';
import { Loadable, pendingWork } from '../account/loadable';
import { LoadStateComponent } from '../admin/load-state.component';
import { focusAfterRemoval } from '../admin/focus-after-removal';
import { AnnouncementsApiService } from './announcements-api.service';
import { AnnouncementsNoticeService } from './announcements-notice.service';

const STATUS_TEXT: Record<AnnouncementStatus, MessageKey> = {
  scheduled: 'announcements.status.scheduled',
  published: 'announcements.status.published',
  expired: 'announcements.status.expired',
};

/**
 * `/admin/announcements` and `/announcements`: every announcement with its status (scheduled,
 * published, expired), pin, audience and dates; edit, and delete after a confirmation.
 */
@Component({
  selector: 'psl-announcements-page',
  imports: [RouterLink, TranslatePipe, LoadStateComponent, ConfirmDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './announcements-page.component.html',
  styleUrls: ['../account/ui.css', '../admin/admin-page.css', './announcements.css'],
})
export class AnnouncementsPageComponent {
  private readonly api = inject(AnnouncementsApiService);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly track = pendingWork();
  protected readonly dates = inject(DateFormatter);

  protected readonly list = new Loadable<AnnouncementAdminView[]>();
  protected readonly statusText = STATUS_TEXT;
  protected readonly notice = signal<string | null>(null);
  protected readonly deleting = signal<AnnouncementAdminView | null>(null);
  protected readonly deleteBusy = signal(false);
  protected readonly deleteError = signal<MessageKey | null>(null);

  constructor() {
    const left = inject(AnnouncementsNoticeService).take();
    if (left) {
      this.notice.set(this.i18n.translate(left.key, left.params));
    }
    void this.load();
  }

  protected load(): Promise<void> {
    return this.list.load(() => this.api.list());
  }

  protected askDelete(announcement: AnnouncementAdminView): void {
    this.deleteError.set(null);
    this.deleting.set(announcement);
  }

  protected closeDelete(): void {
    if (!this.deleteBusy()) {
      this.deleting.set(null);
    }
  }

  protected confirmDelete(): Promise<void> {
    const target = this.deleting();
    if (!target) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.deleteBusy.set(true);
      this.deleteError.set(null);
      const index = (this.list.value() ?? []).findIndex((a) => a.id === target.id);
      try {
        await firstValueFrom(this.api.remove(target.id));
        this.list.value.update((items) => (items ?? []).filter((a) => a.id !== target.id));
        this.notice.set(this.i18n.translate('announcements.notice.deleted', { title: target.title }));
        this.deleting.set(null);
        // The row and its button are gone: continue from the next row's delete button (or "New announcement").
        focusAfterRemoval(this.injector, this.host.nativeElement, '[data-testid="announcement-delete"]', index, '[data-testid="announcements-new"]');
      } catch (error) {
        this.deleteError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.deleteBusy.set(false);
      }
    });
  }
}
