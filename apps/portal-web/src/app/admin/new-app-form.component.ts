import { ChangeDetectionStrategy, Component, ElementRef, inject, output, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ApiScopes, type CreateAppRequest, type CreatedAppClient, NAME_MAX_LENGTH, type SigningAlgorithm } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { TranslatePipe } from '../core/i18n';
import { withFormFieldNames } from '../account/api-fields';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormErrorBannerComponent } from '../shared/forms/form-error-banner.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { notBlank } from '../shared/forms/validators';
import { AdminApiService } from './admin-api.service';

type AppField = 'name' | 'redirectUris' | 'postLogoutRedirectUris' | 'initiateLoginUri' | 'backchannelLogoutUri' | 'scopes' | 'idTokenSigningAlg';

const FIELDS: readonly AppField[] = ['name', 'redirectUris', 'postLogoutRedirectUris', 'initiateLoginUri', 'backchannelLogoutUri', 'scopes', 'idTokenSigningAlg'];

export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

/** One URI per line → the list (blank lines dropped). */
export function parseLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** "Register an app": the OpenID Connect client's settings → the created client (secret shown by the page). */
@Component({
  selector: 'psl-new-app-form',
  imports: [ReactiveFormsModule, TranslatePipe, FieldComponent, FieldControlDirective, FormErrorBannerComponent, SubmitButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../account/ui.css',
  styles: `
    textarea {
      min-height: 5.5rem;
      resize: vertical;
      font-family: var(--font-mono);
      font-size: var(--font-size-sm);
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend {
      padding: 0;
      font-weight: 600;
    }
  `,
  template: `
    <div class="form-banner-slot">
      @if (feedback.banner(); as error) {
        <psl-form-error-banner #errorBanner [banner]="error" data-testid="new-app-error" />
      }
    </div>
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" #formElement>
      <psl-field [feedback]="feedback" name="name" [label]="'admin.newApp.name' | t" [hint]="'admin.newApp.nameHint' | t">
        <input pslFieldControl type="text" autocomplete="off" formControlName="name" [attr.maxlength]="nameMax" />
      </psl-field>
      <psl-field [feedback]="feedback" name="redirectUris" [label]="'admin.newApp.redirectUris' | t" [hint]="'admin.newApp.redirectUrisHint' | t">
        <textarea pslFieldControl formControlName="redirectUris" spellcheck="false" rows="3"></textarea>
      </psl-field>
      <psl-field
        [feedback]="feedback"
        name="postLogoutRedirectUris"
        [label]="'admin.newApp.postLogoutRedirectUris' | t"
        [hint]="'admin.newApp.postLogoutRedirectUrisHint' | t"
      >
        <textarea pslFieldControl formControlName="postLogoutRedirectUris" spellcheck="false" rows="2"></textarea>
      </psl-field>
      <psl-field [feedback]="feedback" name="initiateLoginUri" [label]="'admin.newApp.initiateLoginUri' | t" [hint]="'admin.newApp.initiateLoginUriHint' | t">
        <input pslFieldControl type="url" spellcheck="false" autocomplete="off" formControlName="initiateLoginUri" />
      </psl-field>
      <psl-field
        [feedback]="feedback"
        name="backchannelLogoutUri"
        [label]="'admin.newApp.backchannelLogoutUri' | t"
        [hint]="'admin.newApp.backchannelLogoutUriHint' | t"
      >
        <input pslFieldControl type="url" spellcheck="false" autocomplete="off" formControlName="backchannelLogoutUri" />
      </psl-field>

      <label class="check">
        <input type="checkbox" formControlName="public" data-testid="new-app-public" aria-describedby="new-app-public-hint" />
        <span>
          <span class="check__label">{{ 'admin.newApp.public' | t }}</span><br />
          <span class="small muted" id="new-app-public-hint">{{ 'admin.newApp.publicHint' | t }}</span>
        </span>
      </label>

      <fieldset [attr.aria-describedby]="feedback.errorsFor('scopes') ? 'new-app-scopes-error' : 'new-app-scopes-hint'">
        <legend>{{ 'admin.newApp.scopes' | t }}</legend>
        <p class="small muted" id="new-app-scopes-hint">{{ 'admin.newApp.scopesHint' | t }}</p>
        @for (scope of apiScopes; track scope) {
          <label class="check">
            <input type="checkbox" [attr.data-testid]="'new-app-scope-' + scope" [checked]="scopes().has(scope)" (change)="toggleScope(scope, $any($event.target).checked)" />
            <span><span class="check__label mono">{{ scope }}</span> — <span class="small">{{ scopeHint(scope) | t }}</span></span>
          </label>
        }
        @if (feedback.errorsFor('scopes'); as messages) {
          <p class="field__error" id="new-app-scopes-error">{{ messages.join(' ') }}</p>
        }
      </fieldset>

      <psl-field [feedback]="feedback" name="idTokenSigningAlg" [label]="'admin.newApp.alg' | t" [hint]="'admin.newApp.algHint' | t">
        <select pslFieldControl class="field__select" formControlName="idTokenSigningAlg">
          @for (alg of algorithms; track alg) {
            <option [value]="alg">{{ alg }}</option>
          }
        </select>
      </psl-field>

      <div class="actions">
        <psl-submit-button [busy]="feedback.submitting()" label="admin.newApp.submit" busyLabel="admin.newApp.submitting" testId="new-app-submit" />
        <button type="button" class="button button--secondary button--block" (click)="closed.emit()">{{ 'admin.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class NewAppFormComponent {
  private readonly api = inject(AdminApiService);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  readonly appCreated = output<CreatedAppClient>();
  readonly closed = output<void>();

  protected readonly nameMax = NAME_MAX_LENGTH;
  protected readonly apiScopes = ApiScopes;
  protected readonly algorithms = SIGNING_ALGORITHMS;
  protected readonly scopes = signal<ReadonlySet<string>>(new Set());

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(NAME_MAX_LENGTH)]],
    redirectUris: ['', [Validators.required, notBlank]],
    postLogoutRedirectUris: [''],
    initiateLoginUri: [''],
    backchannelLogoutUri: [''],
    public: [false],
    scopes: [''],
    idTokenSigningAlg: ['RS256' as SigningAlgorithm],
  });

  protected readonly feedback = new FormFeedback<AppField>({
    form: this.form,
    fields: FIELDS,
    idPrefix: 'new-app',
    formElement: this.formElement,
    banner: this.errorBanner,
  });

  protected scopeHint(scope: string): 'admin.newApp.scope.alerts' | 'admin.newApp.scope.users' {
    return scope === 'alerts:write' ? 'admin.newApp.scope.alerts' : 'admin.newApp.scope.users';
  }

  protected toggleScope(scope: string, checked: boolean): void {
    this.scopes.update((current) => {
      const next = new Set(current);
      if (checked) {
        next.add(scope);
      } else {
        next.delete(scope);
      }
      return next;
    });
    this.feedback.clearServerErrors('scopes');
  }

  protected submit(): Promise<void> {
    return this.feedback.submit(async () => {
      const values = this.form.getRawValue();
      const request: CreateAppRequest = {
        name: values.name.trim(),
        redirectUris: parseLines(values.redirectUris),
        postLogoutRedirectUris: parseLines(values.postLogoutRedirectUris),
        public: values.public,
        scopes: ApiScopes.filter((scope) => this.scopes().has(scope)),
        idTokenSigningAlg: values.idTokenSigningAlg,
      };
      if (values.initiateLoginUri.trim()) {
        request.initiateLoginUri = values.initiateLoginUri.trim();
      }
      if (values.backchannelLogoutUri.trim()) {
        request.backchannelLogoutUri = values.backchannelLogoutUri.trim();
      }
      try {
        this.appCreated.emit(await firstValueFrom(this.api.createApp(request)));
      } catch (error) {
        throw withFormFieldNames(error);
      }
    });
  }
}
