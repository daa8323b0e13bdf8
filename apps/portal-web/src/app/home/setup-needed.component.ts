import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../core/i18n';
import { CliCommandComponent } from '../shared/setup-link/cli-command.component';
import { ADMIN_CLI_COMMAND } from '../shared/setup-link/setup-link';

/** Shown on `/` while no administrator exists and the visitor has no setup link. No form here. */
@Component({
  selector: 'psl-setup-needed',
  imports: [TranslatePipe, CliCommandComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card card--auth card--wide" aria-labelledby="setup-needed-title">
      <h1 id="setup-needed-title" class="card__title">{{ 'setupNeeded.title' | t }}</h1>
      <p>{{ 'setupNeeded.intro' | t }}</p>
      <ol class="steps">
        <li>{{ 'setupNeeded.step1' | t }}</li>
        <li>{{ 'setupNeeded.step2' | t }}</li>
      </ol>
      <p class="notice notice--info">{{ 'setupNeeded.expiry' | t }}</p>
      <h2 class="card__subtitle">{{ 'setupNeeded.cliTitle' | t }}</h2>
      <p>{{ 'setupNeeded.cliBody' | t }}</p>
      <psl-cli-command [command]="cliCommand" />
    </section>
  `,
})
export class SetupNeededComponent {
  protected readonly cliCommand = ADMIN_CLI_COMMAND;
}
