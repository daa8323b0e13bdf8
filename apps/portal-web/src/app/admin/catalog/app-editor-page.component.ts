import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { AppClient, CatalogApp, CatalogOverview, CreatedAppClient, GroupView } from '@passerelle/contracts';
import { firstValueFrom, forkJoin } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { ConfirmDialogComponent } from '../../account/confirm-dialog.component';
import { Loadable, pendingWork } from '../../account/loadable';
import { AdminApiService } from '../admin-api.service';
import { CatalogAdminApiService } from '../catalog-admin-api.service';
import { AppFeedStatusComponent } from './app-feed-status.component';
import { AppFormComponent } from './app-form.component';
import { AppGrantsComponent } from './app-grants.component';
import { AppIconEditorComponent } from './app-icon-editor.component';
import { AppIconComponent } from './app-icon.component';
import { CatalogHandoffService } from './catalog-handoff.service';
import { ClientSecretPanelComponent } from './client-secret-panel.component';

interface EditorData {
  overview: CatalogOverview;
  groups: GroupView[];
  clients: AppClient[];
}

/**
 * `/admin/apps/new` and `/admin/apps/:appId`: the app editor — its form, then (once the app exists)
 * its feed's status (when it has a feed), its icon, the people given access one by one, and deleting it.
 */
@Component({
  selector: 'psl-app-editor-page',
  imports: [
    RouterLink,
    TranslatePipe,
    ConfirmDialogComponent,
    AppFormComponent,
    AppIconComponent,
    AppIconEditorComponent,
    AppGrantsComponent,
    AppFeedStatusComponent,
    ClientSecretPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app-editor-page.component.html',
  styleUrls: ['../../account/ui.css', '../admin-page.css', './app-editor-page.component.css'],
})
export class AppEditorPageComponent {
  private readonly catalogApi = inject(CatalogAdminApiService);
  private readonly adminApi = inject(AdminApiService);
  private readonly handoff = inject(CatalogHandoffService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();

  /** Null on /admin/apps/new. */
  protected readonly appId = signal<string | null>(null);
  protected readonly data = new Loadable<EditorData>();
  protected readonly app = computed(() => {
    const id = this.appId();
    return id ? (this.data.value()?.overview.apps.find((app) => app.id === id) ?? null) : null;
  });
  protected readonly sections = computed(() => [...(this.data.value()?.overview.sections ?? [])].sort((a, b) => a.position - b.position));
  protected readonly groups = computed(() => this.data.value()?.groups ?? []);
  /** Clients this app may link: those not linked to another app. */
  protected readonly clients = computed(() => {
    const data = this.data.value();
    if (!data) {
      return [];
    }
    const taken = new Set(data.overview.apps.filter((app) => app.id !== this.appId() && app.clientId).map((app) => app.clientId));
    return data.clients.filter((client) => !taken.has(client.clientId));
  });

  protected readonly notice = signal<string | null>(this.handoff.takeNotice());
  protected readonly secret = signal<CreatedAppClient | null>(this.handoff.takeSecret());

  protected readonly deleting = signal(false);
  protected readonly deleteClientToo = signal(false);
  protected readonly deleteBusy = signal(false);
  protected readonly deleteError = signal<MessageKey | null>(null);

  constructor() {
    const subscription = inject(ActivatedRoute).paramMap.subscribe((params) => {
      this.appId.set(params.get('appId'));
      void this.load();
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected load(): Promise<void> {
    return this.data.load(() => forkJoin({ overview: this.catalogApi.catalog(), groups: this.catalogApi.groups(), clients: this.adminApi.apps() }), {
      quiet: this.data.value() !== null,
    });
  }

  protected clientCreated(client: CreatedAppClient): void {
    this.secret.set(client);
    this.data.value.update((data) => (data ? { ...data, clients: [...data.clients, client] } : data));
  }

  protected saved(app: CatalogApp): void {
    if (!this.appId()) {
      this.handoff.leave(this.i18n.translate('admin.appEditor.created', { name: app.name }), this.secret());
      void this.router.navigate(['/admin/apps', app.id]);
      return;
    }
    this.notice.set(null);
    this.replaceApp(app);
  }

  protected iconChanged(app: CatalogApp | null): void {
    if (app) {
      this.replaceApp(app);
    } else {
      void this.load();
    }
  }

  protected grantsChanged(count: number): void {
    const app = this.app();
    if (app) {
      this.replaceApp({ ...app, grantCount: count });
    }
  }

  private replaceApp(app: CatalogApp): void {
    this.data.value.update((data) => (data ? { ...data, overview: { ...data.overview, apps: data.overview.apps.map((item) => (item.id === app.id ? app : item)) } } : data));
  }

  /** Created together with the app (same id): deleting the app deletes it too. */
  protected clientGoesWithApp(app: CatalogApp): boolean {
    return !!app.clientId && app.clientId === app.id;
  }

  protected askDelete(): void {
    this.deleteError.set(null);
    this.deleteClientToo.set(false);
    this.deleting.set(true);
  }

  protected closeDelete(): void {
    if (!this.deleteBusy()) {
      this.deleting.set(false);
    }
  }

  protected remove(): Promise<void> {
    const app = this.app();
    if (!app) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.deleteBusy.set(true);
      this.deleteError.set(null);
      try {
        await firstValueFrom(this.catalogApi.deleteApp(app.id));
        let notice: MessageKey = 'admin.appEditor.deleted';
        if (app.clientId && !this.clientGoesWithApp(app) && this.deleteClientToo()) {
          // The tile is gone already: a client that could not be deleted is said, not thrown.
          notice = await firstValueFrom(this.adminApi.deleteApp(app.clientId)).then(
            () => 'admin.appEditor.deletedWithClient' as const,
            () => 'admin.appEditor.deletedClientKept' as const,
          );
        }
        this.deleteBusy.set(false);
        this.deleting.set(false);
        this.handoff.leave(this.i18n.translate(notice, { name: app.name, client: app.clientName ?? app.clientId ?? '' }));
        await this.router.navigate(['/admin/apps']);
      } catch (error) {
        this.deleteError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.deleteBusy.set(false);
      }
    });
  }
}
