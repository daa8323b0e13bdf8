import { Injectable, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18nService, type MessageKey } from '../i18n';
import { InstanceService } from '../instance/instance.service';

/**
 * Route `title`s are message keys. The document title reads "Page · Organisation" and follows both
 * the language and the organisation name as they change.
 */
@Injectable({ providedIn: 'root' })
export class PageTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18nService);
  private readonly instance = inject(InstanceService);
  private readonly pageKey = signal<MessageKey | null>(null);

  constructor() {
    super();
    effect(() => this.title.setTitle(this.compose()));
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.pageKey.set((this.buildTitle(snapshot) as MessageKey | undefined) ?? null);
    // Set it at once too, so the title is right before the next render.
    this.title.setTitle(this.compose());
  }

  private compose(): string {
    const key = this.pageKey();
    const organisation = this.instance.organisationName();
    return key ? `${this.i18n.translate(key)} · ${organisation}` : organisation;
  }
}
