import { ChangeDetectionStrategy, Component, ElementRef, Injector, type OnInit, computed, inject, input, output, signal } from '@angular/core';
import type { AdminUser, AppGrant, CatalogApp } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { I18nService, TranslatePipe } from '../../core/i18n';
import { DateFormatter } from '../../account/dates';
import { Loadable, pendingWork } from '../../account/loadable';
import { CatalogAdminApiService } from '../catalog-admin-api.service';
import { focusAfterRemoval } from '../focus-after-removal';
import { PersonPickerComponent } from '../person-picker.component';
import { problemText } from '../problem-text';

/** People given access to one app one by one: the list, adding by email, removing. */
@Component({
  selector: 'psl-app-grants',
  imports: [TranslatePipe, PersonPickerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../account/ui.css', '../people-list.css'],
  template: `
    <p class="small muted">{{ (app().visibility === 'rules' ? 'admin.grants.introRules' : 'admin.grants.introAdds') | t }}</p>
    <psl-person-picker label="admin.grants.add" [add]="addPerson" [present]="present()" testId="grants-add" />
    <div role="status">
      @if (message(); as text) {
        <p class="notice notice--success" data-testid="grants-message">{{ text }}</p>
      }
    </div>
    @if (error(); as text) {
      <p class="notice notice--error" role="alert" data-testid="grants-error">{{ text }}</p>
    }
    @switch (grants.status()) {
      @case ('loading') {
        <p class="progress-line"><span class="spinner" aria-hidden="true"></span>{{ 'common.loading' | t }}</p>
      }
      @case ('error') {
        <div class="notice notice--error" role="alert">
          <p>{{ grants.error()! | t }}</p>
          <p><button type="button" class="button button--secondary button--small" (click)="load()">{{ 'common.retry' | t }}</button></p>
        </div>
      }
      @case ('ready') {
        @if (list().length === 0) {
          <p class="empty" data-testid="grants-empty">{{ 'admin.grants.empty' | t }}</p>
        } @else {
          <ul class="people" data-testid="grants-list">
            @for (grant of list(); track grant.userId) {
              <li class="person" data-testid="grant">
                <div class="person__who">
                  <strong>{{ grant.name }}</strong>
                  @if (grant.guest) {
                    <span class="badge badge--info" data-testid="grant-guest">{{ 'admin.users.guest' | t }}</span>
                  }
                  <span class="mono small">{{ grant.email }}</span>
                  <span class="small muted">
                    <time [attr.datetime]="grant.grantedAt" [attr.title]="dates.dateTime(grant.grantedAt)">{{
                      'admin.grants.since' | t: { when: dates.relative(grant.grantedAt) }
                    }}</time>
                  </span>
                </div>
                <button
                  type="button"
                  class="button button--secondary button--small"
                  data-testid="grant-remove"
                  [disabled]="busyId() === grant.userId"
                  (click)="remove(grant)"
                >
                  {{ 'admin.grants.remove' | t }}<span class="visually-hidden"> {{ grant.name }}</span>
                </button>
              </li>
            }
          </ul>
        }
      }
    }
  `,
})
export class AppGrantsComponent implements OnInit {
  private readonly api = inject(CatalogAdminApiService);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();
  protected readonly dates = inject(DateFormatter);
  private readonly injector = inject(Injector);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;

  readonly app = input.required<CatalogApp>();
  /** The number of people given access changed. */
  readonly changed = output<number>();

  protected readonly grants = new Loadable<AppGrant[]>();
  protected readonly list = computed(() => this.grants.value() ?? []);
  protected readonly present = computed(() => new Set(this.list().map((grant) => grant.userId)));
  protected readonly busyId = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  protected load(): Promise<void> {
    return this.grants.load(() => this.api.grants(this.app().id), { quiet: this.grants.value() !== null });
  }

  /** For the picker: grants access, then shows the fresh list. */
  protected readonly addPerson = async (person: AdminUser): Promise<void> => {
    this.message.set(null);
    this.error.set(null);
    await firstValueFrom(this.api.grant(this.app().id, person.id));
    await this.load();
    this.message.set(this.i18n.translate('admin.grants.added', { name: person.name }));
    this.changed.emit(this.list().length);
  };

  protected remove(grant: AppGrant): Promise<void> {
    return this.track(async () => {
      this.busyId.set(grant.userId);
      this.message.set(null);
      this.error.set(null);
      try {
        await firstValueFrom(this.api.revoke(this.app().id, grant.userId));
        const index = this.list().indexOf(grant);
        this.grants.value.update((list) => (list ?? []).filter((item) => item.userId !== grant.userId));
        this.message.set(this.i18n.translate('admin.grants.removed', { name: grant.name }));
        this.changed.emit(this.list().length);
        focusAfterRemoval(this.injector, this.host, '[data-testid="grant-remove"]', index, '[data-testid="person-picker-input"]');
      } catch (error) {
        this.error.set(problemText(error, this.i18n));
      } finally {
        this.busyId.set(null);
      }
    });
  }
}
