import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, viewChild } from '@angular/core';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { TranslatePipe } from './core/i18n';
import { InstanceService } from './core/instance/instance.service';
import { SiteFooterComponent } from './shell/site-footer.component';
import { SiteHeaderComponent } from './shell/site-header.component';

/** The app shell: skip link, header, the routed page inside <main>, footer. */
@Component({
  // index.html carries <psl-root ngCspNonce="…">, which the server fills with the CSP nonce.
  selector: 'psl-root',
  imports: [RouterOutlet, TranslatePipe, SiteHeaderComponent, SiteFooterComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)">{{ 'shell.skipLink' | t }}</a>
    <div class="page">
      <psl-site-header />
      <main id="main" class="site-main" tabindex="-1" #main>
        <router-outlet />
      </main>
      <psl-site-footer />
    </div>
  `,
})
export class AppComponent {
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  constructor() {
    // The header shows the organisation name at once; failures are shown by the page that needs it.
    inject(InstanceService)
      .load()
      .catch(() => undefined);

    // After a navigation the user asked for, move focus to the new page so screen readers start
    // there. The first load and redirects (replaceUrl) leave focus alone.
    const router = inject(Router);
    const subscription = router.events
      .pipe(filter((event) => event instanceof NavigationEnd))
      .subscribe(() => {
        const navigation = router.lastSuccessfulNavigation();
        if (navigation?.previousNavigation && !navigation.extras.replaceUrl) {
          this.main().nativeElement.focus();
        }
      });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
