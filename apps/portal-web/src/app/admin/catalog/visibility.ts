import type { CatalogApp } from '@passerelle/contracts';
import type { I18nService } from '../../core/i18n';

/** Who sees an app, in a few words: "Everyone", "Finance, Direction", "Only people given access" (+ grants). */
export function visibilitySummary(app: CatalogApp, groupNames: ReadonlyMap<string, string>, i18n: I18nService): string {
  let base: string;
  if (app.visibility === 'everyone') {
    base = i18n.translate('admin.catalog.visibility.everyone');
  } else if (app.visibility === 'rules') {
    return app.grantCount
      ? i18n.translate('admin.catalog.visibility.rulesCount', { count: app.grantCount })
      : i18n.translate('admin.catalog.visibility.rules');
  } else {
    const names = app.groupIds.map((id) => groupNames.get(id)).filter((name): name is string => !!name);
    base = names.length ? names.join(', ') : i18n.translate('admin.catalog.visibility.noGroup');
  }
  return app.grantCount ? i18n.translate('admin.catalog.visibility.plusPeople', { base, count: app.grantCount }) : base;
}
