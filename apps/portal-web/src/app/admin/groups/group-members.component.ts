import { ChangeDetectionStrategy, Component, ElementRef, Injector, type OnInit, computed, inject, input, output, signal } from '@angular/core';
import type { AdminUser, GroupMember, GroupView } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { I18nService, TranslatePipe } from '../../core/i18n';
import { Loadable, pendingWork } from '../../account/loadable';
import { CatalogAdminApiService } from '../catalog-admin-api.service';
import { focusAfterRemoval } from '../focus-after-removal';
import { PersonPickerComponent } from '../person-picker.component';
import { problemText } from '../problem-text';

/** A group's members: the list, adding people by email (with suggestions), removing them. */
@Component({
  selector: 'psl-group-members',
  imports: [TranslatePipe, PersonPickerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../account/ui.css', '../people-list.css'],
  template: `
    <psl-person-picker label="admin.groups.addMember" [add]="addPerson" [present]="present()" testId="members-add" />
    <div role="status">
      @if (message(); as text) {
        <p class="notice notice--success" data-testid="members-message">{{ text }}</p>
      }
    </div>
    @if (error(); as text) {
      <p class="notice notice--error" role="alert" data-testid="members-error">{{ text }}</p>
    }
    @switch (members.status()) {
      @case ('loading') {
        <p class="progress-line"><span class="spinner" aria-hidden="true"></span>{{ 'common.loading' | t }}</p>
      }
      @case ('error') {
        <div class="notice notice--error" role="alert">
          <p>{{ members.error()! | t }}</p>
          <p><button type="button" class="button button--secondary button--small" (click)="load()">{{ 'common.retry' | t }}</button></p>
        </div>
      }
      @case ('ready') {
        @if (list().length === 0) {
          <p class="empty" data-testid="members-empty">{{ 'admin.groups.noMembers' | t }}</p>
        } @else {
          <ul class="people" data-testid="members-list" [attr.aria-label]="'admin.groups.membersOf' | t: { name: group().name }">
            @for (member of list(); track member.id) {
              <li class="person" data-testid="member">
                <div class="person__who">
                  <strong>{{ member.name }}</strong>
                  <span class="mono small">{{ member.email }}</span>
                  @if (member.status === 'disabled') {
                    <span class="badge badge--danger">{{ 'admin.users.disabledBadge' | t }}</span>
                  }
                </div>
                <button
                  type="button"
                  class="button button--secondary button--small"
                  data-testid="member-remove"
                  [disabled]="busyId() === member.id"
                  (click)="remove(member)"
                >
                  {{ 'admin.groups.removeMember' | t }}<span class="visually-hidden"> {{ member.name }}</span>
                </button>
              </li>
            }
          </ul>
        }
      }
    }
  `,
})
export class GroupMembersComponent implements OnInit {
  private readonly api = inject(CatalogAdminApiService);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();
  private readonly injector = inject(Injector);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;

  readonly group = input.required<GroupView>();
  /** The number of members changed. */
  readonly changed = output<number>();

  protected readonly members = new Loadable<GroupMember[]>();
  protected readonly list = computed(() => this.members.value() ?? []);
  protected readonly present = computed(() => new Set(this.list().map((member) => member.id)));
  protected readonly busyId = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  protected load(): Promise<void> {
    return this.members.load(() => this.api.members(this.group().id), { quiet: this.members.value() !== null });
  }

  protected readonly addPerson = async (person: AdminUser): Promise<void> => {
    this.message.set(null);
    this.error.set(null);
    const members = await firstValueFrom(this.api.addMember(this.group().id, person.id));
    const added: GroupMember = { id: person.id, email: person.email, name: person.name, status: person.status };
    this.members.value.update((list) => (Array.isArray(members) ? members : [...(list ?? []), added]));
    this.message.set(this.i18n.translate('admin.groups.memberAdded', { name: person.name, group: this.group().name }));
    this.changed.emit(this.list().length);
  };

  protected remove(member: GroupMember): Promise<void> {
    return this.track(async () => {
      this.busyId.set(member.id);
      this.message.set(null);
      this.error.set(null);
      try {
        await firstValueFrom(this.api.removeMember(this.group().id, member.id));
        const index = this.list().indexOf(member);
        this.members.value.update((list) => (list ?? []).filter((item) => item.id !== member.id));
        this.message.set(this.i18n.translate('admin.groups.memberRemoved', { name: member.name, group: this.group().name }));
        this.changed.emit(this.list().length);
        focusAfterRemoval(this.injector, this.host, '[data-testid="member-remove"]', index, '[data-testid="person-picker-input"]');
      } catch (error) {
        this.error.set(problemText(error, this.i18n));
      } finally {
        this.busyId.set(null);
      }
    });
  }
}
