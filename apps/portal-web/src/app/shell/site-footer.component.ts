import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';

@Component({
  selector: 'psl-site-footer',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <footer class="site-footer">
      <p>{{ 'shell.footer' | t }}</p>
      <!-- Always rendered, so the footer keeps its height when the version arrives. -->
      <p class="site-footer__version">
        @if (version()) {
          {{ 'shell.version' | t: { version: version() } }}
        }
      </p>
    </footer>
  `,
})
export class SiteFooterComponent {
  private readonly instance = inject(InstanceService);
  protected readonly version = computed(() => this.instance.info()?.version ?? '');
}
