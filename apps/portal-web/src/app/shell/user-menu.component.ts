import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
  viewChildren,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { CurrentUser } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import { mayCommunicate, maySponsor, maySupport } from '../core/session';
import { SessionPaths } from '../core/session/return-to';
import { SessionService } from '../core/session/session.service';

/** Two letters for the avatar: given and family name, else the first two words of the name. */
export function initialsOf(user: Pick<CurrentUser, 'name' | 'givenName' | 'familyName' | 'email'>): string {
  const words = [user.givenName, user.familyName].every((part) => part?.trim())
    ? [user.givenName, user.familyName]
    : (user.name || user.email).trim().split(/\s+/);
  return words
    .slice(0, 2)
    .map((word) => Array.from(word.trim())[0] ?? '')
    .join('')
    .toLocaleUpperCase();
}

/**
 * The signed-in person's menu in the header (menu button pattern): Enter, Space or ↓ opens it on
 * the first item, ↑ on the last; ↑ ↓ Home End move, Escape closes and returns to the button, Tab
 * closes and moves on. "Administration" is shown to administrators only.
 */
@Component({
  selector: 'psl-user-menu',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'user-menu',
    '(document:click)': 'closeOnOutsideClick($event)',
    '(focusout)': 'closeOnFocusLeaving($event)',
  },
  templateUrl: './user-menu.component.html',
  styleUrl: './user-menu.component.css',
})
export class UserMenuComponent {
  readonly user = input.required<CurrentUser>();

  private readonly session = inject(SessionService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly button = viewChild.required<ElementRef<HTMLButtonElement>>('button');
  private readonly items = viewChildren<ElementRef<HTMLElement>>('item');

  protected readonly paths = SessionPaths;
  /** Employees allowed to sponsor guests reach their guests from here (administrators, from the console). */
  protected readonly maySponsor = maySponsor;
  /** Employees allowed to publish announcements reach them from here (administrators, from the console). */
  protected readonly mayCommunicate = mayCommunicate;
  /** Support agents reach the support queue from here (administrators, from the console: Support → Open the queue). */
  protected readonly maySupport = maySupport;
  protected readonly open = signal(false);
  protected readonly signingOut = signal(false);
  protected readonly signOutFailed = signal(false);
  protected readonly initials = computed(() => initialsOf(this.user()));

  protected toggle(): void {
    if (this.open()) {
      this.close(true);
    } else {
      this.show('first');
    }
  }

  protected onButtonKeydown(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      this.show(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  }

  protected onMenuKeydown(event: KeyboardEvent): void {
    const items = this.items().map((item) => item.nativeElement);
    const index = items.indexOf(event.target as HTMLElement);
    let next: number | null = null;
    switch (event.key) {
      case 'ArrowDown':
        next = (index + 1) % items.length;
        break;
      case 'ArrowUp':
        next = (index - 1 + items.length) % items.length;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = items.length - 1;
        break;
      case 'Escape':
        event.preventDefault();
        this.close(true);
        return;
      case 'Tab':
        this.close(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    items[next]?.focus();
  }

  protected chose(): void {
    this.close(false);
  }

  protected async signOut(): Promise<void> {
    if (this.signingOut()) {
      return;
    }
    this.signingOut.set(true);
    this.signOutFailed.set(false);
    try {
      await this.session.signOut();
    } catch {
      this.signOutFailed.set(true);
      this.signingOut.set(false);
    }
  }

  protected closeOnOutsideClick(event: MouseEvent): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node | null)) {
      this.close(false);
    }
  }

  protected closeOnFocusLeaving(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (this.open() && next && !this.host.nativeElement.contains(next)) {
      this.close(false);
    }
  }

  private show(focus: 'first' | 'last'): void {
    this.signOutFailed.set(false);
    this.open.set(true);
    afterNextRender(
      {
        read: () => {
          const items = this.items();
          (focus === 'first' ? items[0] : items[items.length - 1])?.nativeElement.focus();
        },
      },
      { injector: this.injector },
    );
  }

  private close(returnFocus: boolean): void {
    this.open.set(false);
    if (returnFocus) {
      this.button().nativeElement.focus();
    }
  }
}
