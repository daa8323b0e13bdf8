// Drop zone + file picker + paste: each accepted file is uploaded at once (with progress) and
// listed with a remove button; refused ones are explained next to the zone.
import { ChangeDetectionStrategy, Component, ViewEncapsulation, input, model, signal } from '@angular/core';
import type { UploadAttachmentResponse } from '@passerelle/contracts';
import { type AttachmentLimits, UploadError, formatBytes, refuseFile, screenshotName } from './attachments';
import type { DraftAttachment } from './draft';
import { type WidgetKey, type WidgetLang, translate } from './i18n';

export type Uploader = (file: Blob, name: string, onProgress: (percent: number) => void) => Promise<UploadAttachmentResponse>;

interface Pending {
  key: number;
  name: string;
  percent: number;
}

let nextKey = 1;

@Component({
  selector: 'pss-attachment-picker',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="field">
      <span class="label" [id]="idPrefix() + '-att-label'">{{ t('form.attachments') }}</span>
      <div
        class="drop"
        data-testid="drop-zone"
        [class.over]="over()"
        role="group"
        [attr.aria-labelledby]="idPrefix() + '-att-label'"
        [attr.aria-describedby]="idPrefix() + '-att-limits'"
        (dragover)="onDragOver($event)"
        (dragleave)="over.set(false)"
        (drop)="onDrop($event)"
      >
        {{ t('form.dropHint') }}
        <label class="link" [for]="idPrefix() + '-file'">{{ t('form.pick') }}</label>
        <input class="sr" type="file" multiple data-testid="file-input" [id]="idPrefix() + '-file'" [attr.accept]="accept()" (change)="onPick($event)" />
      </div>
      <p class="help" [id]="idPrefix() + '-att-limits'">{{ limitsText() }}</p>
      @for (refusal of refusals(); track $index) {
        <p class="err" data-testid="attachment-refusal">{{ refusal }}</p>
      }
      @if (attachments().length || pending().length) {
        <ul class="files">
          @for (file of attachments(); track file.id) {
            <li data-testid="attachment">
              <span>{{ file.name }} <span class="meta">({{ size(file.size) }})</span></span>
              <button type="button" class="icon-btn" [attr.aria-label]="t('form.remove', { name: file.name })" (click)="remove(file.id)">✕</button>
            </li>
          }
          @for (file of pending(); track file.key) {
            <li>
              <span>{{ t('form.uploading', { name: file.name, percent: file.percent }) }}</span>
              <progress max="100" [value]="file.percent" [attr.aria-label]="file.name"></progress>
            </li>
          }
        </ul>
      }
    </div>
  `,
})
export class AttachmentPickerComponent {
  readonly lang = input.required<WidgetLang>();
  readonly limits = input.required<AttachmentLimits>();
  readonly upload = input.required<Uploader>();
  readonly idPrefix = input('pss');
  readonly attachments = model<DraftAttachment[]>([]);
  readonly pending = signal<Pending[]>([]);
  readonly refusals = signal<string[]>([]);
  readonly over = signal(false);

  t(key: WidgetKey, params?: Record<string, string | number>): string {
    return translate(this.lang(), key, params);
  }

  size(bytes: number): string {
    return formatBytes(bytes);
  }

  accept(): string {
    return this.limits().types.join(',');
  }

  limitsText(): string {
    const limits = this.limits();
    const types = limits.types.map((type) => (type === 'application/pdf' ? 'PDF' : type === 'text/plain' ? 'TXT' : type.replace('image/', '').toUpperCase())).join(', ');
    return this.t('form.limits', { types, size: formatBytes(limits.maxBytes), count: limits.perMessage });
  }

  /** Also called by the form on paste. Files with no name (a pasted screenshot) get one. */
  addFiles(files: File[]): void {
    const refusals: string[] = [];
    let count = this.attachments().length + this.pending().length;
    for (const file of files) {
      const name = file.name && file.name !== 'image.png' ? file.name : screenshotName(new Date());
      const named = file.name === name ? file : new File([file], name, { type: file.type });
      const refusal = refuseFile(named, this.limits(), count);
      if (refusal) {
        refusals.push(this.t(refusal.key, refusal.params));
        continue;
      }
      count += 1;
      void this.send(named, name);
    }
    this.refusals.set(refusals);
  }

  remove(id: string): void {
    this.attachments.update((list) => list.filter((file) => file.id !== id));
  }

  onPick(event: Event): void {
    const inputEl = event.target as HTMLInputElement;
    this.addFiles(Array.from(inputEl.files ?? []));
    inputEl.value = '';
  }

  onDragOver(event: DragEvent): void {
    event.preventDefault();
    this.over.set(true);
  }

  onDrop(event: DragEvent): void {
    event.preventDefault();
    this.over.set(false);
    this.addFiles(Array.from(event.dataTransfer?.files ?? []));
  }

  private async send(file: File, name: string): Promise<void> {
    const key = nextKey++;
    this.pending.update((list) => [...list, { key, name, percent: 0 }]);
    try {
      const uploaded = await this.upload()(file, name, (percent) => this.pending.update((list) => list.map((p) => (p.key === key ? { ...p, percent } : p))));
      this.attachments.update((list) => [...list, { id: uploaded.id, name: uploaded.name, size: uploaded.size }]);
    } catch (err) {
      const reason = err instanceof UploadError && err.message ? err.message : this.t(err instanceof UploadError && err.status === 0 ? 'common.network' : 'common.error');
      this.refusals.update((list) => [...list, this.t('refuse.server', { name, reason })]);
    } finally {
      this.pending.update((list) => list.filter((p) => p.key !== key));
    }
  }
}
