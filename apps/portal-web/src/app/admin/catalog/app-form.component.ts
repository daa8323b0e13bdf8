import { ChangeDetectionStrategy, Component, ElementRef, type OnInit, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  type AppClient,
  type AppVisibility,
  CATALOG_LIMITS,
  type CatalogApp,
  type CatalogAppInput,
  type CatalogSection,
  type CreateAppRequest,
  type CreatedAppClient,
  type GroupView,
} from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { TranslatePipe } from '../../core/i18n';
import { withFormFieldNames } from '../../account/api-fields';
import { FieldComponent, FieldControlDirective } from '../../shared/forms/field.component';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { FormFeedback } from '../../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../../shared/forms/submit-button.component';
import { notBlank } from '../../shared/forms/validators';
import { AdminApiService } from '../admin-api.service';
import { CatalogAdminApiService } from '../catalog-admin-api.service';
import { parseLines } from '../new-app-form.component';
import { APP_GROUP_ERRORS, FEED_URL_MAX, appFormRules } from './app-form.validation';

export type SsoMode = 'none' | 'existing' | 'new';

type AppField =
  | 'name'
  | 'description'
  | 'launchUrl'
  | 'sectionId'
  | 'clientId'
  | 'redirectUris'
  | 'postLogoutRedirectUris'
  | 'backchannelLogoutUri'
  | 'initiateLoginUri'
  | 'visibility'
  | 'groupIds'
  | 'healthUrl'
  | 'feedUrl'
  | 'requestable';

const FIELDS: readonly AppField[] = [
  'name',
  'description',
  'launchUrl',
  'sectionId',
  'clientId',
  'redirectUris',
  'postLogoutRedirectUris',
  'backchannelLogoutUri',
  'initiateLoginUri',
  'visibility',
  'groupIds',
  'healthUrl',
  'feedUrl',
  'requestable',
];

/**
 * The app editor's form: the tile (name, description, launch URL, section), how it signs people in
 * (a plain link, an existing sign-in client, or a new one created on the way — its secret is handed
 * up once), who sees it, its health URL, its feed and whether it can be requested. Saves with POST or PATCH.
 */
@Component({
  selector: 'psl-app-form',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldComponent, FieldControlDirective, FormErrorBannerComponent, SubmitButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app-form.component.html',
  styleUrls: ['../../account/ui.css', './app-form.component.css'],
})
export class AppFormComponent implements OnInit {
  private readonly catalogApi = inject(CatalogAdminApiService);
  private readonly adminApi = inject(AdminApiService);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  /** The app being edited, or null to add one. */
  readonly app = input<CatalogApp | null>(null);
  readonly sections = input.required<readonly CatalogSection[]>();
  readonly groups = input.required<readonly GroupView[]>();
  /** Sign-in clients that may be linked (not built in, not linked to another app). */
  readonly clients = input.required<readonly AppClient[]>();
  readonly saved = output<CatalogApp>();
  /** A new sign-in client was created on the way: its secret must be shown now, once. */
  readonly clientCreated = output<CreatedAppClient>();

  protected readonly limits = CATALOG_LIMITS;
  protected readonly feedUrlMax = FEED_URL_MAX;
  /** Clients created by this form (kept if saving the app then failed, so a retry links it). */
  private readonly createdClients = signal<AppClient[]>([]);
  protected readonly clientChoices = computed(() => [...this.clients(), ...this.createdClients().filter((c) => !this.clients().some((k) => k.clientId === c.clientId))]);

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      name: ['', [Validators.required, notBlank, Validators.maxLength(CATALOG_LIMITS.nameMax)]],
      description: ['', [Validators.maxLength(CATALOG_LIMITS.descriptionMax)]],
      launchUrl: ['', [Validators.required, notBlank]],
      sectionId: [''],
      sso: ['none' as SsoMode],
      clientId: [''],
      redirectUris: [''],
      postLogoutRedirectUris: [''],
      backchannelLogoutUri: [''],
      public: [false],
      initiateLoginUri: [''],
      visibility: ['everyone' as AppVisibility],
      groupIds: new FormControl<string[]>([], { nonNullable: true }),
      healthUrl: [''],
      feedUrl: ['', [Validators.maxLength(FEED_URL_MAX)]],
      requestable: [false],
    },
    { validators: appFormRules },
  );

  protected readonly feedback = new FormFeedback<AppField>({
    form: this.form,
    fields: FIELDS,
    idPrefix: 'app',
    formElement: this.formElement,
    banner: this.errorBanner,
    groupErrors: APP_GROUP_ERRORS,
  });

  /** Signals mirroring the radios, so the dependent parts show and hide under OnPush. */
  protected readonly sso = signal<SsoMode>('none');
  protected readonly visibility = signal<AppVisibility>('everyone');
  protected readonly chosenGroups = signal<ReadonlySet<string>>(new Set());
  /** "Changes saved", next to the button that saved them; gone at the next edit. */
  protected readonly justSaved = signal(false);

  ngOnInit(): void {
    const app = this.app();
    if (app) {
      this.form.patchValue({
        name: app.name,
        description: app.description,
        launchUrl: app.launchUrl,
        sectionId: app.sectionId ?? '',
        sso: app.clientId ? 'existing' : 'none',
        clientId: app.clientId ?? '',
        initiateLoginUri: app.initiateLoginUri ?? '',
        visibility: app.visibility,
        groupIds: [...app.groupIds],
        healthUrl: app.healthUrl ?? '',
        feedUrl: app.feedUrl ?? '',
        requestable: app.requestable,
      });
    }
    this.sso.set(this.form.controls.sso.value);
    this.visibility.set(this.form.controls.visibility.value);
    this.chosenGroups.set(new Set(this.form.controls.groupIds.value));
    this.form.controls.sso.valueChanges.subscribe((mode) => this.sso.set(mode));
    this.form.controls.visibility.valueChanges.subscribe((value) => this.visibility.set(value));
    this.form.valueChanges.subscribe(() => this.justSaved.set(false));
  }

  protected toggleGroup(groupId: string, checked: boolean): void {
    const next = new Set(this.chosenGroups());
    if (checked) {
      next.add(groupId);
    } else {
      next.delete(groupId);
    }
    this.chosenGroups.set(next);
    this.form.controls.groupIds.setValue(this.groups().filter((group) => next.has(group.id)).map((group) => group.id));
    this.feedback.clearServerErrors('groupIds');
  }

  protected submit(): Promise<void> {
    this.justSaved.set(false);
    return this.feedback.submit(async () => {
      const clientId = await this.linkedClientId();
      const input = this.appInput(clientId);
      const app = this.app();
      try {
        const saved = await firstValueFrom(app ? this.catalogApi.updateApp(app.id, input) : this.catalogApi.createApp(input));
        this.justSaved.set(!!app);
        this.saved.emit(saved);
      } catch (error) {
        throw withFormFieldNames(error);
      }
    });
  }

  /** The client to link: none, the chosen one, or a new one created now (then chosen, for a retry). */
  private async linkedClientId(): Promise<string | null> {
    const values = this.form.getRawValue();
    if (values.sso === 'none') {
      return null;
    }
    if (values.sso === 'existing') {
      return values.clientId;
    }
    const request: CreateAppRequest = {
      name: values.name.trim(),
      redirectUris: parseLines(values.redirectUris),
      postLogoutRedirectUris: parseLines(values.postLogoutRedirectUris),
      public: values.public,
    };
    if (values.backchannelLogoutUri.trim()) {
      request.backchannelLogoutUri = values.backchannelLogoutUri.trim();
    }
    let client: CreatedAppClient;
    try {
      client = await firstValueFrom(this.adminApi.createApp(request));
    } catch (error) {
      throw withFormFieldNames(error);
    }
    this.createdClients.update((list) => [...list, client]);
    this.form.patchValue({ sso: 'existing', clientId: client.clientId, redirectUris: '', postLogoutRedirectUris: '', backchannelLogoutUri: '', public: false });
    this.clientCreated.emit(client);
    return client.clientId;
  }

  private appInput(clientId: string | null): CatalogAppInput {
    const values = this.form.getRawValue();
    const optional = (value: string) => value.trim() || null;
    return {
      name: values.name.trim(),
      description: values.description.trim(),
      launchUrl: values.launchUrl.trim(),
      initiateLoginUri: clientId ? optional(values.initiateLoginUri) : null,
      clientId,
      sectionId: values.sectionId || null,
      visibility: values.visibility,
      groupIds: values.visibility === 'groups' ? values.groupIds : [],
      healthUrl: optional(values.healthUrl),
      feedUrl: optional(values.feedUrl),
      requestable: values.requestable,
    };
  }
}
