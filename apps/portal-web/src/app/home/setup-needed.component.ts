import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '../core/i18n';

/** Shown on `/` while no administrator exists and the visitor has no setup link. No form here. */
@Component({
  selector: 'psl-setup-needed',
  imports: [TranslatePipe],
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
      <pre class="code-block"><code>{{ cliCommand }}</code></pre>
    </section>
  `,
})
export class SetupNeededComponent {
  protected readonly cliCommand = 'npm run portal -- user create --admin';
}
