import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  type OnInit,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { CodeStepComponent } from './code-step.component';
import { ConsentStepComponent } from './consent-step.component';
import { EnrolStepComponent } from './enrol-step.component';
import { InteractionFlow } from './interaction-flow';
import { NoAccessStepComponent } from './no-access-step.component';
import { PasswordStepComponent } from './password-step.component';
import { RecoveryCodesStepComponent } from './recovery-codes-step.component';

/**
 * `/interaction/:uid`: where oidc-provider sends the browser to sign in. Loads the interaction's
 * state and shows its step (password, code, authenticator setup, recovery codes, consent, or that the
 * person may not use this app), always with the organisation and the app being signed in to. Focus moves to the heading on each step.
 */
@Component({
  selector: 'psl-interaction-page',
  imports: [
    TranslatePipe,
    PasswordStepComponent,
    CodeStepComponent,
    EnrolStepComponent,
    RecoveryCodesStepComponent,
    ConsentStepComponent,
    NoAccessStepComponent,
  ],
  providers: [InteractionFlow],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './interaction-page.component.html',
  styleUrl: './interaction-page.component.css',
})
export class InteractionPageComponent implements OnInit {
  /** From the route (`withComponentInputBinding`). */
  readonly uid = input.required<string>();

  protected readonly flow = inject(InteractionFlow);
  private readonly injector = inject(Injector);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  protected readonly headingKey = computed((): MessageKey | null => {
    switch (this.flow.state()?.step) {
      case 'password':
        return 'interaction.password.title';
      case 'totp':
        return this.flow.codeMode() === 'totp' ? 'interaction.totp.title' : 'interaction.recovery.title';
      case 'enrol-totp':
        return 'interaction.enrol.title';
      case 'recovery-codes':
        return 'interaction.codes.title';
      case 'consent':
        return 'interaction.consent.title';
      case 'no-access':
        return 'interaction.noAccess.title';
      case 'done':
        return 'interaction.done.title';
      default:
        return null;
    }
  });

  /** The app named in the heading: on the no-access step, the catalog's name for it. */
  protected readonly headingApp = computed(() => {
    const state = this.flow.state();
    return state?.noAccess?.appName ?? state?.client.name ?? '';
  });

  constructor() {
    // Each new step (or the expiry page) replaces the form: move focus to its heading so screen
    // readers announce it. The first step shown after loading keeps the page's own focus.
    let shown: string | null = null;
    effect(() => {
      const view = this.flow.view();
      if (view === 'loading') {
        return;
      }
      const current = view === 'step' ? `step:${this.headingKey()}` : view;
      if (shown !== null && current !== shown) {
        afterNextRender({ read: () => this.heading()?.nativeElement.focus() }, { injector: this.injector });
      }
      shown = current;
    });
  }

  ngOnInit(): void {
    void this.flow.load(this.uid());
  }

  protected retry(): void {
    void this.flow.load(this.uid());
  }
}
