import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { MessageKey } from '../../core/i18n';
import { parseLines } from '../new-app-form.component';

/**
 * A full web address: http(s)://host… with no spaces. Deliberately loose: the server has the last
 * word (https, or http on localhost) and says so next to the field.
 */
export function isWebUrl(value: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(value)) {
    return false;
  }
  try {
    return new URL(value).hostname.length > 0;
  } catch {
    return false;
  }
}

/** Optional URL fields of the app form, checked only when filled in. */
const OPTIONAL_URLS = ['initiateLoginUri', 'healthUrl'] as const;

/** Same limit as the server's. */
export const FEED_URL_MAX = 2000;

/**
 * Group validator of the app form: URLs look like URLs, a linked client is chosen, and a new sign-in
 * client has its redirect URIs. Errors sit on the group, shown under their field (see APP_GROUP_ERRORS).
 */
export const appFormRules: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const value = (name: string): string => String(group.get(name)?.value ?? '').trim();
  const errors: ValidationErrors = {};
  if (value('launchUrl') && !isWebUrl(value('launchUrl'))) {
    errors['launchUrlInvalid'] = true;
  }
  for (const name of OPTIONAL_URLS) {
    if (value(name) && !isWebUrl(value(name))) {
      errors[`${name}Invalid`] = true;
    }
  }
  // A feed may be plain http anywhere (it is only read), so it has its own message.
  if (value('feedUrl') && !isWebUrl(value('feedUrl'))) {
    errors['feedUrlInvalid'] = true;
  }
  const sso = value('sso');
  if (sso === 'existing' && !value('clientId')) {
    errors['clientIdMissing'] = true;
  }
  if (sso === 'new') {
    const redirects = parseLines(String(group.get('redirectUris')?.value ?? ''));
    if (!redirects.length || !redirects.every(isWebUrl)) {
      errors['redirectUrisInvalid'] = true;
    }
    if (!parseLines(String(group.get('postLogoutRedirectUris')?.value ?? '')).every(isWebUrl)) {
      errors['postLogoutRedirectUrisInvalid'] = true;
    }
    if (value('backchannelLogoutUri') && !isWebUrl(value('backchannelLogoutUri'))) {
      errors['backchannelLogoutUriInvalid'] = true;
    }
  }
  return Object.keys(errors).length ? errors : null;
};

export const APP_GROUP_ERRORS = {
  launchUrl: ['launchUrlInvalid', 'admin.appEditor.urlInvalid'],
  initiateLoginUri: ['initiateLoginUriInvalid', 'admin.appEditor.urlInvalid'],
  healthUrl: ['healthUrlInvalid', 'admin.appEditor.urlInvalid'],
  feedUrl: ['feedUrlInvalid', 'admin.feed.urlInvalid'],
  clientId: ['clientIdMissing', 'admin.appEditor.clientMissing'],
  redirectUris: ['redirectUrisInvalid', 'admin.appEditor.redirectUrisInvalid'],
  postLogoutRedirectUris: ['postLogoutRedirectUrisInvalid', 'admin.appEditor.urlListInvalid'],
  backchannelLogoutUri: ['backchannelLogoutUriInvalid', 'admin.appEditor.urlInvalid'],
} as const satisfies Record<string, readonly [string, MessageKey]>;
