import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  ANNOUNCEMENT_LIMITS,
  type AnnouncementAdminView,
  type AnnouncementOptions,
  type SaveAnnouncementRequest,
} from '@passerelle/contracts';
import { firstValueFrom, forkJoin, of } from 'rxjs';
import { I18nService, TranslatePipe } from '../core/i18n';
import { withFormFieldNames } from '../account/api-fields';
import { NOW } from '../account/browser';
import { DateFormatter } from '../account/dates';
import { Loadable, pendingWork } from '../account/loadable';
import { LoadStateComponent } from '../admin/load-state.component';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormErrorBannerComponent } from '../shared/forms/form-error-banner.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { notBlank } from '../shared/forms/validators';
import { AnnouncementFormFeedback, type AnnouncementField, announcementRules, instantOf, localDateTimeValue } from './announcement-form-rules';
import { IMAGE_MAX_MB, type ImageUpload, imageFileProblem, readImageFile } from './announcement-image-file';
import { AnnouncementsApiService } from './announcements-api.service';
import { type AnnouncementNotice, AnnouncementsNoticeService } from './announcements-notice.service';
import { previewMarkdown } from './markdown-preview';

const FIELDS: readonly AnnouncementField[] = ['title', 'body', 'image', 'imageAlt', 'audienceGroups', 'publishAt', 'expiresAt', 'pinned'];

/** The image as the editor holds it: none, the one already stored, or a new file saved with the announcement. */
type ImageState = { kind: 'none' } | { kind: 'stored'; url: string } | { kind: 'new'; upload: ImageUpload };

interface EditorData {
  options: AnnouncementOptions;
  announcement: AnnouncementAdminView | null;
}

/**
 * `…/announcements/new` and `…/announcements/:id`: title, text with a live preview, image and its
 * description, audience groups, publication (now or scheduled), expiry and pin. Saving writes the
 * announcement, then its image; the list then says whether it is published or scheduled.
 */
@Component({
  selector: 'psl-announcement-editor-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldComponent, FieldControlDirective, FormErrorBannerComponent, SubmitButtonComponent, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './announcement-editor-page.component.html',
  styleUrls: ['../account/ui.css', '../admin/admin-page.css', './announcements.css'],
})
export class AnnouncementEditorPageComponent {
  private readonly api = inject(AnnouncementsApiService);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly notices = inject(AnnouncementsNoticeService);
  private readonly dates = inject(DateFormatter);
  private readonly now = inject(NOW);
  private readonly track = pendingWork();
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  /** The announcement being edited; set after a first save too, so a retry updates instead of creating again. */
  protected readonly id = signal<string | null>(this.route.snapshot.paramMap.get('announcementId'));
  protected readonly isNew = this.id() === null;
  protected readonly limits = { title: ANNOUNCEMENT_LIMITS.titleMax, body: ANNOUNCEMENT_LIMITS.bodyMax, alt: ANNOUNCEMENT_LIMITS.imageAltMax, mb: IMAGE_MAX_MB };
  protected readonly data = new Loadable<EditorData>();
  protected readonly chosenGroups = signal<ReadonlySet<string>>(new Set());
  protected readonly image = signal<ImageState>({ kind: 'none' });
  protected readonly imageProblem = signal<string | null>(null);
  /** The dates as saved (field values and instants): left unchanged, they are sent back exactly. */
  private saved: { publishAt: string; expiresAt: string; publishIso: string; expiresIso: string | null } | null = null;
  private storedImage = false;

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      title: ['', [Validators.required, notBlank, Validators.maxLength(ANNOUNCEMENT_LIMITS.titleMax)]],
      body: ['', [Validators.maxLength(ANNOUNCEMENT_LIMITS.bodyMax)]],
      image: [''],
      imageAlt: ['', [Validators.maxLength(ANNOUNCEMENT_LIMITS.imageAltMax)]],
      audienceGroups: [''],
      publishAt: [''],
      expiresAt: [''],
      pinned: [false],
    },
    {
      validators: announcementRules({
        now: () => this.now(),
        saved: () => (this.saved ? { publishAt: this.saved.publishAt, expiresAt: this.saved.expiresAt } : null),
        hasImage: () => this.image().kind !== 'none',
      }),
    },
  );

  protected readonly formFeedback = new FormFeedback<AnnouncementField>({
    form: this.form,
    fields: FIELDS,
    idPrefix: 'announcement',
    formElement: this.formElement,
    banner: this.errorBanner,
  });
  protected readonly feedback = new AnnouncementFormFeedback(this.formFeedback, this.form, this.i18n);

  private readonly bodyText = toSignal(this.form.controls.body.valueChanges, { initialValue: '' });
  /** The editor's own rendering (HTML escaped first); readers get the server's. */
  protected readonly previewHtml = computed(() => previewMarkdown(this.bodyText()));
  protected readonly imageSrc = computed(() => {
    const image = this.image();
    return image.kind === 'new' ? image.upload.dataUrl : image.kind === 'stored' ? image.url : null;
  });

  constructor() {
    void this.load();
  }

  protected load(): Promise<void> {
    const id = this.id();
    return this.data.load(() => forkJoin({ options: this.api.options(), announcement: id ? this.api.get(id) : of(null) })).then(() => this.fill());
  }

  protected toggleGroup(name: string, checked: boolean): void {
    const next = new Set(this.chosenGroups());
    if (checked) {
      next.add(name);
    } else {
      next.delete(name);
    }
    this.chosenGroups.set(next);
    this.feedback.clearServerErrors('audienceGroups');
  }

  protected onFileChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    return file ? this.takeImage(file) : Promise.resolve();
  }

  /** Checks and reads a file, then shows it; it is uploaded when the announcement is saved. */
  takeImage(file: Blob): Promise<void> {
    return this.track(async () => {
      this.imageProblem.set(null);
      this.feedback.clearServerErrors('image');
      const problem = imageFileProblem(file);
      if (problem) {
        this.imageProblem.set(this.i18n.translate(problem === 'type' ? 'announcements.form.imageWrongType' : 'announcements.form.imageTooBig', { mb: IMAGE_MAX_MB }));
        return;
      }
      try {
        this.setImage({ kind: 'new', upload: await readImageFile(file) });
      } catch {
        this.imageProblem.set(this.i18n.translate('announcements.form.imageUnreadable'));
      }
    });
  }

  protected removeImage(): void {
    this.imageProblem.set(null);
    this.feedback.clearServerErrors('image');
    this.setImage({ kind: 'none' });
  }

  protected errorsForImage(): string[] | null {
    const local = this.imageProblem();
    return local ? [local] : this.feedback.errorsFor('image');
  }

  protected submit(): Promise<void> {
    return this.formFeedback.submit(async () => {
      try {
        const request = this.request();
        const id = this.id();
        let saved = id ? await firstValueFrom(this.api.update(id, request)) : await firstValueFrom(this.api.create(request));
        this.id.set(saved.id);
        this.adoptSaved(saved);
        const image = this.image();
        if (image.kind === 'new') {
          saved = await firstValueFrom(this.api.setImage(saved.id, { image: image.upload.base64, alt: this.form.controls.imageAlt.value.trim() }));
          this.storedImage = true;
        } else if (image.kind === 'none' && this.storedImage) {
          saved = await firstValueFrom(this.api.removeImage(saved.id));
          this.storedImage = false;
        }
        this.notices.leave(this.noticeFor(saved));
        await this.router.navigate(['..'], { relativeTo: this.route });
      } catch (error) {
        throw withFormFieldNames(error, { alt: 'imageAlt' });
      }
    });
  }

  private request(): SaveAnnouncementRequest {
    const values = this.form.getRawValue();
    const groups = this.data.value()?.options.groups ?? [];
    const request: SaveAnnouncementRequest = {
      title: values.title.trim(),
      body: values.body,
      audienceGroups: groups.filter((name) => this.chosenGroups().has(name)),
      publishAt: this.instant(values.publishAt, this.saved?.publishAt, this.saved?.publishIso),
      expiresAt: this.instant(values.expiresAt, this.saved?.expiresAt, this.saved?.expiresIso ?? null),
      pinned: values.pinned,
    };
    // A new image brings its own description; a kept one has it updated here.
    if (this.image().kind === 'stored') {
      request.imageAlt = values.imageAlt.trim();
    }
    return request;
  }

  /** The field's instant; the saved one exactly when the field still shows it (the field drops seconds). */
  private instant(value: string, savedValue: string | undefined, savedIso: string | null | undefined): string | null {
    if (!value.trim()) {
      return null;
    }
    return value === savedValue && savedIso ? savedIso : instantOf(value);
  }

  private fill(): void {
    const announcement = this.data.value()?.announcement;
    if (!announcement) {
      return;
    }
    this.form.patchValue({ title: announcement.title, body: announcement.body, imageAlt: announcement.imageAlt, pinned: announcement.pinned });
    this.chosenGroups.set(new Set(announcement.audienceGroups));
    this.adoptSaved(announcement);
    this.storedImage = announcement.imageUrl !== null;
    this.setImage(announcement.imageUrl ? { kind: 'stored', url: announcement.imageUrl } : { kind: 'none' });
  }

  private adoptSaved(announcement: AnnouncementAdminView): void {
    this.saved = {
      publishAt: localDateTimeValue(announcement.publishAt),
      expiresAt: localDateTimeValue(announcement.expiresAt),
      publishIso: announcement.publishAt,
      expiresIso: announcement.expiresAt,
    };
    this.form.patchValue({ publishAt: this.saved.publishAt, expiresAt: this.saved.expiresAt });
  }

  private setImage(state: ImageState): void {
    this.image.set(state);
    // The image's description is required only while there is an image: check the form again.
    this.form.updateValueAndValidity();
  }

  private noticeFor(saved: AnnouncementAdminView): AnnouncementNotice {
    const title = saved.title;
    if (saved.status === 'scheduled') {
      return { key: 'announcements.notice.scheduled', params: { title, date: this.dates.dateTime(saved.publishAt) } };
    }
    return { key: saved.status === 'expired' ? 'announcements.notice.expired' : 'announcements.notice.published', params: { title } };
  }
}
