import { ChangeDetectionStrategy, Component, ElementRef, type OnInit, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { type ApiScope, ApiScopes, type AppClient } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { TranslatePipe } from '../core/i18n';
import { withFormFieldNames } from '../account/api-fields';
import { FormErrorBannerComponent } from '../shared/forms/form-error-banner.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { AdminApiService } from './admin-api.service';

/** What saving changed: the app as it is now, and the scopes added and removed. */
export interface AppScopesChange {
  app: AppClient;
  added: ApiScope[];
  removed: ApiScope[];
}

/** The extra API scopes an app holds (its scopes without the sign-in ones), in ApiScopes order. */
export function apiScopesOf(app: AppClient): ApiScope[] {
  return ApiScopes.filter((scope) => app.scopes.includes(scope));
}

export function scopeHintKey(scope: string): 'admin.newApp.scope.alerts' | 'admin.newApp.scope.users' {
  return scope === 'alerts:write' ? 'admin.newApp.scope.alerts' : 'admin.newApp.scope.users';
}

/**
 * "Change API access" on a registered app: its extra API scopes as checkboxes (like the new-app
 * form's), saved as a whole. Unticking one warns that the app's tokens holding it stop at once.
 */
@Component({
  selector: 'psl-app-scopes-form',
  imports: [ReactiveFormsModule, TranslatePipe, FormErrorBannerComponent, SubmitButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../account/ui.css',
  template: `
    <div class="form-banner-slot">
      @if (feedback.banner(); as error) {
        <psl-form-error-banner #errorBanner [banner]="error" data-testid="app-scopes-error" />
      }
    </div>
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" #formElement novalidate>
      <fieldset class="choice-set" [attr.aria-describedby]="describedBy()" data-testid="app-scopes">
        <legend>{{ 'admin.appScopes.legend' | t: { name: app().name } }}</legend>
        <p class="small muted" [id]="ids().hint">{{ 'admin.newApp.scopesHint' | t }}</p>
        @for (scope of apiScopes; track scope) {
          <label class="check">
            <input
              type="checkbox"
              [id]="ids().scope + '-' + $index"
              [attr.aria-invalid]="feedback.errorsFor('scopes') ? 'true' : null"
              [attr.data-testid]="'app-scope-' + scope"
              [checked]="chosen().has(scope)"
              (change)="toggle(scope, $any($event.target).checked)"
            />
            <span><span class="check__label mono">{{ scope }}</span> — <span class="small">{{ scopeHint(scope) | t }}</span></span>
          </label>
        }
        <div aria-live="polite">
          @if (removing().length) {
            <p class="notice notice--warning small" [id]="ids().warning" data-testid="app-scopes-removal">
              {{ 'admin.appScopes.removalWarning' | t: { scopes: removing().join(', ') } }}
            </p>
          }
        </div>
        @if (feedback.errorsFor('scopes'); as messages) {
          <p class="field__error" [id]="ids().error" data-testid="app-scopes-field-error">{{ messages.join(' ') }}</p>
        }
      </fieldset>
      <div class="actions">
        <psl-submit-button [busy]="feedback.submitting()" label="admin.appScopes.submit" busyLabel="admin.appScopes.submitting" testId="app-scopes-submit" />
        <button type="button" class="button button--secondary button--block" data-testid="app-scopes-cancel" (click)="closed.emit()">{{ 'admin.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class AppScopesFormComponent implements OnInit {
  private readonly api = inject(AdminApiService);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  readonly app = input.required<AppClient>();
  readonly saved = output<AppScopesChange>();
  readonly closed = output<void>();

  protected readonly apiScopes = ApiScopes;
  protected readonly chosen = signal<ReadonlySet<ApiScope>>(new Set());
  private readonly current = computed(() => apiScopesOf(this.app()));
  /** Scopes the app holds now and would lose on save. */
  protected readonly removing = computed(() => this.current().filter((scope) => !this.chosen().has(scope)));

  /** Element ids unique per app: each app's card may hold this form in turn. */
  protected readonly ids = computed(() => {
    const prefix = `app-scopes-${this.app().clientId}`;
    return { scope: prefix, hint: `${prefix}-hint`, warning: `${prefix}-warning`, error: `${prefix}-error` };
  });

  protected readonly form = inject(NonNullableFormBuilder).group({ scopes: [''] });

  protected readonly feedback = new FormFeedback<'scopes'>({
    form: this.form,
    fields: ['scopes'],
    idPrefix: 'app-scopes',
    formElement: this.formElement,
    banner: this.errorBanner,
  });

  ngOnInit(): void {
    this.chosen.set(new Set(this.current()));
  }

  protected describedBy(): string {
    const { hint, warning, error } = this.ids();
    return [hint, ...(this.removing().length ? [warning] : []), ...(this.feedback.errorsFor('scopes') ? [error] : [])].join(' ');
  }

  protected scopeHint(scope: string) {
    return scopeHintKey(scope);
  }

  protected toggle(scope: ApiScope, checked: boolean): void {
    const next = new Set(this.chosen());
    if (checked) {
      next.add(scope);
    } else {
      next.delete(scope);
    }
    this.chosen.set(next);
    this.feedback.clearServerErrors('scopes');
  }

  protected submit(): Promise<void> {
    return this.feedback.submit(async () => {
      const before = this.current();
      const scopes = ApiScopes.filter((scope) => this.chosen().has(scope));
      const added = scopes.filter((scope) => !before.includes(scope));
      const removed = before.filter((scope) => !scopes.includes(scope));
      if (!added.length && !removed.length) {
        this.saved.emit({ app: this.app(), added, removed });
        return;
      }
      try {
        const app = await firstValueFrom(this.api.updateAppScopes(this.app().clientId, { scopes }));
        this.saved.emit({ app, added, removed });
      } catch (error) {
        throw withFormFieldNames(error);
      }
    });
  }
}
