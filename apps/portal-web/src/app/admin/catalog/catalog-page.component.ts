import { CdkDrag, type CdkDragDrop, CdkDragHandle, CdkDropList } from '@angular/cdk/drag-drop';
import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CATALOG_LIMITS, type CatalogApp, type CatalogOverview, type CatalogSection, type GroupView } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { ConfirmDialogComponent } from '../../account/confirm-dialog.component';
import { DialogComponent } from '../../account/dialog.component';
import { Loadable, pendingWork } from '../../account/loadable';
import { CatalogAdminApiService } from '../catalog-admin-api.service';
import { problemText } from '../problem-text';
import { AltArrowsDirective } from './alt-arrows.directive';
import { AppsTabsComponent } from './apps-tabs.component';
import { CatalogAppRowComponent } from './catalog-app-row.component';
import { CatalogHandoffService } from './catalog-handoff.service';
import {
  type AppPlace,
  type ContainerId,
  type OrderModel,
  appsIn,
  containers,
  moveApp,
  moveSection,
  orderFrom,
  placeOf,
  stepApp,
  stepSection,
  toCatalogOrder,
} from './catalog-order';
import { visibilitySummary } from './visibility';

/** The drop list id of a container ("No section" is `apps-none`). */
export function listId(container: ContainerId): string {
  return container === null ? 'apps-none' : `apps-${container}`;
}

/**
 * `/admin/apps`: the catalog as people's dashboards show it — sections in order, each with its apps
 * in order. Sections and apps move by drag and drop or by the move buttons (and Alt+↑/↓); every move
 * is announced and saved at once. Sections are added, renamed and deleted here.
 */
@Component({
  selector: 'psl-catalog-page',
  imports: [
    RouterLink,
    TranslatePipe,
    CdkDropList,
    CdkDrag,
    CdkDragHandle,
    ConfirmDialogComponent,
    DialogComponent,
    AppsTabsComponent,
    CatalogAppRowComponent,
    AltArrowsDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './catalog-page.component.html',
  styleUrls: ['../../account/ui.css', '../admin-page.css', './move-button.css', './catalog-page.component.css'],
})
export class CatalogPageComponent {
  private readonly api = inject(CatalogAdminApiService);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly document = inject(DOCUMENT);
  private readonly track = pendingWork();

  protected readonly limits = CATALOG_LIMITS;
  protected readonly listId = listId;
  protected readonly catalog = new Loadable<CatalogOverview>();
  protected readonly groups = new Loadable<GroupView[]>();
  protected readonly model = signal<OrderModel>({ sections: [], unsectioned: [] });
  protected readonly notice = signal<string | null>(inject(CatalogHandoffService).takeNotice());

  protected readonly appsById = computed(() => new Map((this.catalog.value()?.apps ?? []).map((app) => [app.id, app])));
  protected readonly sectionsById = computed(() => new Map((this.catalog.value()?.sections ?? []).map((section) => [section.id, section])));
  private readonly groupNames = computed(() => new Map((this.groups.value() ?? []).map((group) => [group.id, group.name])));
  protected readonly listIds = computed(() => containers(this.model()).map(listId));
  protected readonly empty = computed(() => this.model().sections.length === 0 && this.model().unsectioned.length === 0);
  private readonly firstApp = computed(() => {
    const model = this.model();
    return containers(model).map((container) => appsIn(model, container)).find((ids) => ids.length)?.[0] ?? null;
  });
  private readonly lastApp = computed(() => {
    const model = this.model();
    return containers(model).map((container) => appsIn(model, container)).filter((ids) => ids.length).at(-1)?.at(-1) ?? null;
  });

  /** What the last move did, for screen readers (a polite live region). */
  protected readonly announcement = signal('');
  protected readonly saveState = signal<'idle' | 'saving' | 'saved' | 'error'>('idle');
  protected readonly saveError = signal<MessageKey | null>(null);
  private saving = false;
  private saveAgain = false;

  protected readonly newSectionName = signal('');
  protected readonly sectionError = signal<string | null>(null);
  protected readonly addingSection = signal(false);

  protected readonly renaming = signal<CatalogSection | null>(null);
  protected readonly renameValue = signal('');
  protected readonly deletingSection = signal<CatalogSection | null>(null);
  protected readonly dialogBusy = signal(false);
  protected readonly dialogError = signal<MessageKey | null>(null);
  protected readonly renameError = signal<string | null>(null);

  constructor() {
    void this.reload();
    void this.groups.load(() => this.api.groups());
  }

  protected reload(): Promise<void> {
    return this.track(async () => {
      await this.catalog.load(() => this.api.catalog(), { quiet: this.catalog.value() !== null });
      const overview = this.catalog.value();
      if (overview) {
        this.model.set(orderFrom(overview));
      }
    });
  }

  protected visibility(app: CatalogApp): string {
    return visibilitySummary(app, this.groupNames(), this.i18n);
  }

  protected sectionName(container: ContainerId): string {
    return container === null ? this.i18n.translate('admin.catalog.noSection') : (this.sectionsById().get(container)?.name ?? '');
  }

  protected canUp(appId: string): boolean {
    return this.firstApp() !== appId;
  }

  protected canDown(appId: string): boolean {
    return this.lastApp() !== appId;
  }

  /* --------------------------------------------------------------- moving apps and sections -- */

  /** Drop lists carry their section id, or '' for "No section". */
  protected dropApp(event: CdkDragDrop<string, string, string>): void {
    if (event.previousContainer === event.container && event.previousIndex === event.currentIndex) {
      return;
    }
    const next = moveApp(this.model(), event.item.data, event.container.data || null, event.currentIndex);
    const place = placeOf(next, event.item.data);
    if (place) {
      this.commit(next, this.appMoved(next, event.item.data, place));
    }
  }

  protected dropSection(event: CdkDragDrop<unknown, unknown, string>): void {
    if (event.previousIndex === event.currentIndex) {
      return;
    }
    const next = moveSection(this.model(), event.item.data, event.currentIndex);
    this.commit(next, this.sectionMoved(event.item.data, event.currentIndex));
  }

  /** A move button or Alt+↑/↓ on an app's row; focus stays on what the person used. */
  protected stepApp(appId: string, delta: -1 | 1, focusKey?: string): void {
    const active = this.document.activeElement;
    const key = focusKey ?? (active instanceof HTMLElement ? active.dataset['focus'] : undefined);
    const result = stepApp(this.model(), appId, delta);
    if (!result) {
      return;
    }
    this.commit(result.model, this.appMoved(result.model, appId, result.place));
    this.refocus(key, `${appId}:${delta < 0 ? 'down' : 'up'}`);
  }

  protected stepSection(sectionId: string, delta: -1 | 1): void {
    const active = this.document.activeElement;
    const key = active instanceof HTMLElement ? active.dataset['focus'] : undefined;
    const result = stepSection(this.model(), sectionId, delta);
    if (!result) {
      return;
    }
    this.commit(result.model, this.sectionMoved(sectionId, result.index));
    this.refocus(key, `section-${sectionId}:${delta < 0 ? 'down' : 'up'}`);
  }

  private appMoved(model: OrderModel, appId: string, place: AppPlace): string {
    return this.i18n.translate('admin.catalog.appMoved', {
      name: this.appsById().get(appId)?.name ?? appId,
      section: this.sectionName(place.container),
      position: place.index + 1,
      count: appsIn(model, place.container).length,
    });
  }

  private sectionMoved(sectionId: string, index: number): string {
    return this.i18n.translate('admin.catalog.sectionMoved', {
      name: this.sectionName(sectionId),
      position: index + 1,
      count: this.model().sections.length,
    });
  }

  /** Puts focus back on the same control after the list re-rendered, or on its twin when it became disabled. */
  private refocus(key: string | undefined, fallback: string): void {
    if (!key) {
      return;
    }
    afterNextRender(
      {
        read: () => {
          const root: HTMLElement = this.host.nativeElement;
          const pick = (k: string) => root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(k)}"]:not(:disabled)`);
          (pick(key) ?? pick(fallback))?.focus();
        },
      },
      { injector: this.injector },
    );
  }

  /** Shows the new order at once, says what moved, and saves it (one request at a time, the latest order wins). */
  private commit(next: OrderModel, announcement: string): void {
    this.model.set(next);
    this.announcement.set(announcement);
    void this.save();
  }

  private save(): Promise<void> {
    if (this.saving) {
      this.saveAgain = true;
      return Promise.resolve();
    }
    return this.track(async () => {
      this.saving = true;
      this.saveState.set('saving');
      this.saveError.set(null);
      try {
        do {
          this.saveAgain = false;
          await firstValueFrom(this.api.saveOrder(toCatalogOrder(this.model())));
        } while (this.saveAgain);
        this.saveState.set('saved');
      } catch (error) {
        this.saveState.set('error');
        this.saveError.set(failureMessageKey(toApiFailure(error)));
        // Show what the server really has.
        this.saving = false;
        await this.reload();
      } finally {
        this.saving = false;
      }
    });
  }

  /* ---------------------------------------------------------------------------- sections -- */

  protected addSection(event: Event): Promise<void> {
    event.preventDefault();
    return this.track(async () => {
      const name = this.newSectionName().trim();
      this.sectionError.set(null);
      if (!name) {
        this.sectionError.set(this.i18n.translate('validation.required'));
        return;
      }
      this.addingSection.set(true);
      try {
        const section = await firstValueFrom(this.api.createSection(name));
        this.newSectionName.set('');
        this.notice.set(this.i18n.translate('admin.catalog.sectionAdded', { name: section.name }));
        await this.reload();
      } catch (error) {
        this.sectionError.set(problemText(error, this.i18n));
      } finally {
        this.addingSection.set(false);
      }
    });
  }

  protected askRename(section: CatalogSection): void {
    this.renameError.set(null);
    this.renameValue.set(section.name);
    this.renaming.set(section);
  }

  protected askDelete(section: CatalogSection): void {
    this.dialogError.set(null);
    this.deletingSection.set(section);
  }

  protected closeDialogs(): void {
    if (!this.dialogBusy()) {
      this.renaming.set(null);
      this.deletingSection.set(null);
    }
  }

  protected rename(event: Event): Promise<void> {
    event.preventDefault();
    const section = this.renaming();
    const name = this.renameValue().trim();
    if (!section) {
      return Promise.resolve();
    }
    if (!name) {
      this.renameError.set(this.i18n.translate('validation.required'));
      return Promise.resolve();
    }
    return this.track(async () => {
      this.dialogBusy.set(true);
      this.renameError.set(null);
      try {
        const renamed = await firstValueFrom(this.api.renameSection(section.id, name));
        this.catalog.value.update((overview) =>
          overview
            ? { ...overview, sections: overview.sections.map((item) => (item.id === section.id ? { ...item, name: renamed?.name ?? name } : item)) }
            : overview,
        );
        this.dialogBusy.set(false);
        this.renaming.set(null);
        this.notice.set(this.i18n.translate('admin.catalog.sectionRenamed', { name }));
      } catch (error) {
        this.renameError.set(problemText(error, this.i18n));
      } finally {
        this.dialogBusy.set(false);
      }
    });
  }

  protected deleteSection(): Promise<void> {
    const section = this.deletingSection();
    if (!section) {
      return Promise.resolve();
    }
    return this.inDialog(async () => {
      await firstValueFrom(this.api.deleteSection(section.id));
      this.deletingSection.set(null);
      this.notice.set(this.i18n.translate('admin.catalog.sectionDeleted', { name: section.name }));
      await this.reload();
    });
  }

  protected appCount(sectionId: string): number {
    return appsIn(this.model(), sectionId).length;
  }

  private inDialog(action: () => Promise<void>): Promise<void> {
    return this.track(async () => {
      this.dialogBusy.set(true);
      this.dialogError.set(null);
      this.notice.set(null);
      try {
        await action();
      } catch (error) {
        this.dialogError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.dialogBusy.set(false);
      }
    });
  }
}
