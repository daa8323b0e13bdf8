import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, input, output, signal, viewChild } from '@angular/core';
import { CATALOG_LIMITS, type CatalogApp } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { pendingWork } from '../../account/loadable';
import { CatalogAdminApiService } from '../catalog-admin-api.service';
import { problemText } from '../problem-text';
import { AppIconComponent } from './app-icon.component';
import { type IconUpload, iconProblem, readIconFile } from './icon-file';
import { isWebUrl } from './app-form.validation';

const PROBLEM_TEXT: Record<'type' | 'size', MessageKey> = {
  type: 'admin.icon.wrongType',
  size: 'admin.icon.tooBig',
};

/**
 * An app's icon: the current one (or its initials), a new one from a file (chosen or dropped,
 * previewed before it is saved) or fetched once from a URL by the server, and removing it.
 */
@Component({
  selector: 'psl-app-icon-editor',
  imports: [TranslatePipe, AppIconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../account/ui.css', './app-icon-editor.component.css'],
  template: `
    <div class="icon-now">
      <psl-app-icon [name]="app().name" [src]="preview()?.dataUrl ?? app().iconUrl" [large]="true" data-testid="icon-preview" />
      <p class="small muted">
        @if (preview()) {
          {{ 'admin.icon.previewing' | t }}
        } @else if (app().iconUrl) {
          {{ 'admin.icon.current' | t }}
        } @else {
          {{ 'admin.icon.none' | t }}
        }
      </p>
    </div>

    @if (preview(); as upload) {
      <div class="actions">
        <button type="button" class="button button--primary" data-testid="icon-save" [disabled]="busy()" (click)="saveUpload(upload)">
          @if (busy()) {
            <span class="spinner spinner--on-primary" aria-hidden="true"></span>
          }
          {{ 'admin.icon.save' | t }}
        </button>
        <button type="button" class="button button--secondary" data-testid="icon-cancel" [disabled]="busy()" (click)="cancelPreview()">{{ 'admin.cancel' | t }}</button>
      </div>
    } @else {
      <div
        class="drop"
        [class.drop--over]="dragOver()"
        data-testid="icon-drop"
        (dragover)="onDragOver($event)"
        (dragleave)="dragOver.set(false)"
        (drop)="onDrop($event)"
      >
        <label class="button button--secondary drop__button" for="icon-file">{{ 'admin.icon.choose' | t }}</label>
        <input
          #fileInput
          id="icon-file"
          class="drop__input"
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          data-testid="icon-file"
          aria-describedby="icon-file-hint"
          (change)="onFileChosen($event)"
        />
        <p class="small muted" id="icon-file-hint">{{ 'admin.icon.fileHint' | t: { kb: maxKb } }}</p>
      </div>

      <form class="url-form" (submit)="fetchFromUrl($event)" novalidate>
        <div class="field url-form__field">
          <label class="field__label" for="icon-url">{{ 'admin.icon.fromUrl' | t }}</label>
          <input
            id="icon-url"
            class="field__input"
            type="url"
            inputmode="url"
            spellcheck="false"
            autocomplete="off"
            data-testid="icon-url"
            aria-describedby="icon-url-hint"
            [value]="url()"
            (input)="url.set($any($event.target).value)"
          />
          <p class="field__hint" id="icon-url-hint">{{ 'admin.icon.urlHint' | t }}</p>
        </div>
        <button type="submit" class="button button--secondary" data-testid="icon-fetch" [disabled]="busy()">{{ 'admin.icon.fetch' | t }}</button>
      </form>

      @if (app().iconUrl) {
        <button type="button" class="button button--secondary button--small remove" data-testid="icon-remove" [disabled]="busy()" (click)="remove()">
          {{ 'admin.icon.remove' | t }}
        </button>
      }
    }

    <div role="status" class="icon-status">
      @if (message(); as text) {
        <p class="notice notice--success" data-testid="icon-message">{{ text | t }}</p>
      }
    </div>
    @if (error(); as text) {
      <p class="notice notice--error" role="alert" data-testid="icon-error">{{ text }}</p>
    }
  `,
})
export class AppIconEditorComponent {
  private readonly api = inject(CatalogAdminApiService);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();
  private readonly injector = inject(Injector);
  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');

  readonly app = input.required<CatalogApp>();
  /** The icon changed on the server: the page reloads the app. */
  readonly changed = output<CatalogApp | null>();

  protected readonly maxKb = CATALOG_LIMITS.iconBytesMax / 1024;
  protected readonly preview = signal<IconUpload | null>(null);
  protected readonly url = signal('');
  protected readonly busy = signal(false);
  protected readonly dragOver = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly message = signal<MessageKey | null>(null);

  protected onFileChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    return file ? this.take(file) : Promise.resolve();
  }

  protected onDragOver(event: DragEvent): void {
    if (event.dataTransfer?.types.includes('Files')) {
      event.preventDefault();
      this.dragOver.set(true);
    }
  }

  protected onDrop(event: DragEvent): Promise<void> {
    event.preventDefault();
    this.dragOver.set(false);
    const file = event.dataTransfer?.files?.[0];
    return file ? this.take(file) : Promise.resolve();
  }

  /** Checks and reads a file, then shows it as a preview waiting for "Use this icon". */
  take(file: Blob): Promise<void> {
    return this.track(async () => {
      this.error.set(null);
      this.message.set(null);
      const problem = iconProblem(file);
      if (problem) {
        this.error.set(this.i18n.translate(PROBLEM_TEXT[problem], { kb: this.maxKb }));
        return;
      }
      try {
        this.preview.set(await readIconFile(file));
      } catch {
        this.error.set(this.i18n.translate('admin.icon.unreadable'));
      }
    });
  }

  protected cancelPreview(): void {
    this.preview.set(null);
    this.focusFileInput();
  }

  protected saveUpload(upload: IconUpload): Promise<void> {
    return this.run('admin.icon.saved', async () => {
      const app = await firstValueFrom(this.api.setIcon(this.app().id, { image: upload.base64 }));
      this.preview.set(null);
      this.focusFileInput();
      return app;
    });
  }

  /** The preview's buttons are gone: focus goes back to "Choose an image". */
  private focusFileInput(): void {
    afterNextRender({ read: () => this.fileInput()?.nativeElement.focus() }, { injector: this.injector });
  }

  protected fetchFromUrl(event: Event): Promise<void> {
    event.preventDefault();
    const url = this.url().trim();
    if (!isWebUrl(url)) {
      this.error.set(this.i18n.translate('admin.appEditor.urlInvalid'));
      return Promise.resolve();
    }
    return this.run('admin.icon.saved', async () => {
      const app = await firstValueFrom(this.api.setIcon(this.app().id, { url }));
      this.url.set('');
      return app;
    });
  }

  protected remove(): Promise<void> {
    return this.run('admin.icon.removed', async () => {
      await firstValueFrom(this.api.removeIcon(this.app().id));
      return null;
    });
  }

  private run(done: MessageKey, action: () => Promise<CatalogApp | null>): Promise<void> {
    return this.track(async () => {
      this.busy.set(true);
      this.error.set(null);
      this.message.set(null);
      try {
        const app = await action();
        this.message.set(done);
        this.changed.emit(app && typeof app === 'object' && 'id' in app ? app : null);
      } catch (error) {
        this.error.set(problemText(error, this.i18n));
      } finally {
        this.busy.set(false);
      }
    });
  }
}
