import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { GroupView } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { ConfirmDialogComponent } from '../../account/confirm-dialog.component';
import { DialogComponent } from '../../account/dialog.component';
import { Loadable, pendingWork } from '../../account/loadable';
import { CatalogAdminApiService } from '../catalog-admin-api.service';
import { GroupFormComponent } from './group-form.component';
import { GroupMembersComponent } from './group-members.component';

/** `/admin/groups`: the groups (name, description, members), creating, editing and deleting one, and its members. */
@Component({
  selector: 'psl-groups-page',
  imports: [TranslatePipe, ConfirmDialogComponent, DialogComponent, GroupFormComponent, GroupMembersComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './groups-page.component.html',
  styleUrls: ['../../account/ui.css', '../admin-page.css'],
  styles: `
    .group-name {
      overflow-wrap: anywhere;
    }
    .num {
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class GroupsPageComponent {
  private readonly api = inject(CatalogAdminApiService);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();

  protected readonly groups = new Loadable<GroupView[]>();
  protected readonly list = computed(() => [...(this.groups.value() ?? [])].sort((a, b) => a.name.localeCompare(b.name, this.i18n.locale())));
  protected readonly creating = signal(false);
  protected readonly message = signal<string | null>(null);

  protected readonly editing = signal<GroupView | null>(null);
  protected readonly membersOf = signal<GroupView | null>(null);
  protected readonly deleting = signal<GroupView | null>(null);
  protected readonly deleteBusy = signal(false);
  protected readonly deleteError = signal<MessageKey | null>(null);

  constructor() {
    void this.reload();
  }

  protected reload(): Promise<void> {
    return this.groups.load(() => this.api.groups(), { quiet: this.groups.value() !== null });
  }

  protected created(group: GroupView): void {
    this.creating.set(false);
    this.upsert(group);
    this.message.set(this.i18n.translate('admin.groups.created', { name: group.name }));
  }

  protected edited(group: GroupView): void {
    this.editing.set(null);
    this.upsert(group);
    this.message.set(this.i18n.translate('admin.groups.saved', { name: group.name }));
  }

  protected membersChanged(group: GroupView, count: number): void {
    this.upsert({ ...group, memberCount: count });
  }

  private upsert(group: GroupView): void {
    this.groups.value.update((list) => {
      const items = list ?? [];
      return items.some((item) => item.id === group.id) ? items.map((item) => (item.id === group.id ? { ...item, ...group } : item)) : [...items, group];
    });
  }

  protected askDelete(group: GroupView): void {
    this.deleteError.set(null);
    this.deleting.set(group);
  }

  protected closeDelete(): void {
    if (!this.deleteBusy()) {
      this.deleting.set(null);
    }
  }

  protected remove(): Promise<void> {
    const group = this.deleting();
    if (!group) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.deleteBusy.set(true);
      this.deleteError.set(null);
      this.message.set(null);
      try {
        await firstValueFrom(this.api.deleteGroup(group.id));
        this.groups.value.update((list) => (list ?? []).filter((item) => item.id !== group.id));
        this.deleteBusy.set(false);
        this.deleting.set(null);
        this.message.set(this.i18n.translate('admin.groups.deleted', { name: group.name }));
      } catch (error) {
        this.deleteError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.deleteBusy.set(false);
      }
    });
  }
}
