import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { SessionService } from '../core/session';
import { PasswordSectionComponent } from './password-section.component';
import { ProfileSectionComponent } from './profile-section.component';
import { SessionsSectionComponent } from './sessions-section.component';
import { TwoStepSectionComponent } from './two-step-section.component';

interface Section {
  id: string;
  title: MessageKey;
}

/** `/account`: the signed-in person's profile, password, two-step verification and sessions, on one page. */
@Component({
  selector: 'psl-account-page',
  imports: [TranslatePipe, ProfileSectionComponent, PasswordSectionComponent, TwoStepSectionComponent, SessionsSectionComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './account-page.component.html',
  styleUrl: './account-page.component.css',
})
export class AccountPageComponent {
  private readonly document = inject(DOCUMENT);
  protected readonly user = inject(SessionService).currentUser;

  protected readonly sections: readonly Section[] = [
    { id: 'profile', title: 'account.profile.title' },
    { id: 'password', title: 'account.password.title' },
    { id: 'two-step', title: 'account.twoStep.title' },
    { id: 'sessions', title: 'account.sessions.title' },
  ];

  /** In-page link: scroll to the section and move focus to its heading (no router navigation). */
  protected jump(event: Event, id: string): void {
    event.preventDefault();
    const heading = this.document.getElementById(`${id}-title`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }
}
