import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../core/i18n';
import { CannedRepliesComponent } from './canned-replies.component';
import { useSupportMessages } from './support-messages';

/** `/support/queue/canned`: the canned replies, for agents (administrators also have them in /admin/support). */
@Component({
  selector: 'psl-canned-page',
  imports: [RouterLink, TranslatePipe, CannedRepliesComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../admin/admin-page.css', './support.css'],
  template: `
    <div class="admin-page">
      <a routerLink=".." class="back" data-testid="canned-back">← {{ 'support.ticket.back' | t }}</a>
      <psl-canned-replies [headingLevel]="1" />
    </div>
  `,
})
export class CannedPageComponent {
  constructor() {
    useSupportMessages();
  }
}
