import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import type { AppClient, CreatedAppClient } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { ConfirmDialogComponent } from '../account/confirm-dialog.component';
import { CopyButtonComponent } from '../account/copy-button.component';
import { Loadable, pendingWork } from '../account/loadable';
import { AdminApiService } from './admin-api.service';
import { AppsTabsComponent } from './catalog/apps-tabs.component';
import { AppScopesFormComponent, type AppScopesChange, apiScopesOf, scopeHintKey } from './app-scopes-form.component';
import { NewAppFormComponent } from './new-app-form.component';

/**
 * `/admin/apps/clients`: the OpenID Connect clients ("Sign-in clients" under Apps), registering one,
 * changing its API access (e.g. alerts:write), rotating a secret, deleting one.
 */
@Component({
  selector: 'psl-apps-page',
  imports: [TranslatePipe, ConfirmDialogComponent, CopyButtonComponent, NewAppFormComponent, AppScopesFormComponent, AppsTabsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './apps-page.component.html',
  styleUrls: ['../account/ui.css', './admin-page.css', './apps-page.component.css'],
})
export class AppsPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly track = pendingWork();
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly revealHeading = viewChild<ElementRef<HTMLElement>>('revealHeading');

  protected readonly apps = new Loadable<AppClient[]>();
  protected readonly list = computed(() => this.apps.value() ?? []);
  protected readonly registering = signal(false);
  /** The client just created or whose secret was just rotated: its secret is shown this once. */
  protected readonly revealed = signal<{ client: CreatedAppClient; kind: 'created' | 'rotated' } | null>(null);
  protected readonly message = signal<string | null>(null);

  protected readonly rotating = signal<AppClient | null>(null);
  protected readonly deleting = signal<AppClient | null>(null);
  protected readonly confirmBusy = signal(false);
  protected readonly confirmError = signal<MessageKey | null>(null);

  /** The app whose API scopes are being changed (its client id). */
  protected readonly editingScopes = signal<string | null>(null);
  /** What the last save of an app's API scopes changed, shown in that app's card. */
  protected readonly scopesNotice = signal<{ clientId: string; text: string } | null>(null);
  protected readonly apiScopesOf = apiScopesOf;
  protected readonly scopeHint = scopeHintKey;

  constructor() {
    void this.reload();
  }

  protected reload(): Promise<void> {
    return this.apps.load(() => this.api.apps(), { quiet: this.apps.value() !== null });
  }

  protected created(client: CreatedAppClient): void {
    this.registering.set(false);
    this.reveal(client, 'created');
    void this.reload();
  }

  protected dismissSecret(): void {
    this.revealed.set(null);
  }

  protected editScopes(app: AppClient): void {
    this.scopesNotice.set(null);
    this.editingScopes.set(app.clientId);
    afterNextRender({ read: () => this.document.getElementById(`app-scopes-${app.clientId}-0`)?.focus() }, { injector: this.injector });
  }

  protected scopesSaved({ app, added, removed }: AppScopesChange): void {
    this.apps.value.update((list) => (list ?? []).map((item) => (item.clientId === app.clientId ? app : item)));
    const changes = [
      ...(added.length ? [this.i18n.translate('admin.apps.scopesAdded', { scopes: added.join(', ') })] : []),
      ...(removed.length ? [this.i18n.translate('admin.apps.scopesRemoved', { scopes: removed.join(', ') })] : []),
    ];
    const text = changes.length
      ? this.i18n.translate('admin.apps.scopesSaved', { name: app.name, changes: changes.join(this.i18n.translate('admin.apps.scopesSeparator')) })
      : this.i18n.translate('admin.apps.scopesUnchanged', { name: app.name });
    this.scopesNotice.set({ clientId: app.clientId, text });
    this.closeScopes(app.clientId);
  }

  /** Closes the editor and puts focus back on the button that opened it (the form it held is gone). */
  protected closeScopes(clientId: string): void {
    this.editingScopes.set(null);
    afterNextRender({ read: () => this.document.getElementById(`app-edit-scopes-${clientId}`)?.focus() }, { injector: this.injector });
  }

  protected askRotate(app: AppClient): void {
    this.confirmError.set(null);
    this.rotating.set(app);
  }

  protected askDelete(app: AppClient): void {
    this.confirmError.set(null);
    this.deleting.set(app);
  }

  protected closeConfirm(): void {
    if (!this.confirmBusy()) {
      this.rotating.set(null);
      this.deleting.set(null);
    }
  }

  protected async rotate(): Promise<void> {
    const app = this.rotating();
    if (!app) {
      return;
    }
    await this.confirmed(async () => {
      const client = await firstValueFrom(this.api.rotateSecret(app.clientId));
      this.rotating.set(null);
      this.reveal(client, 'rotated');
    });
  }

  protected async remove(): Promise<void> {
    const app = this.deleting();
    if (!app) {
      return;
    }
    await this.confirmed(async () => {
      await firstValueFrom(this.api.deleteApp(app.clientId));
      this.deleting.set(null);
      this.apps.value.update((list) => (list ?? []).filter((item) => item.clientId !== app.clientId));
      if (this.revealed()?.client.clientId === app.clientId) {
        this.revealed.set(null);
      }
      this.message.set(this.i18n.translate('admin.apps.deleted', { name: app.name }));
    });
  }

  private confirmed(action: () => Promise<void>): Promise<void> {
    return this.track(() => this.confirmedNow(action));
  }

  private async confirmedNow(action: () => Promise<void>): Promise<void> {
    this.confirmBusy.set(true);
    this.confirmError.set(null);
    this.message.set(null);
    try {
      await action();
    } catch (error) {
      this.confirmError.set(failureMessageKey(toApiFailure(error)));
    } finally {
      this.confirmBusy.set(false);
    }
  }

  private reveal(client: CreatedAppClient, kind: 'created' | 'rotated'): void {
    this.revealed.set({ client, kind });
    afterNextRender({ read: () => this.revealHeading()?.nativeElement.focus() }, { injector: this.injector });
  }
}
