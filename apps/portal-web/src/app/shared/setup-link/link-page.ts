import { FormErrorBannerComponent } from '../forms/form-error-banner.component';
import { NewPasswordFieldsComponent } from '../forms/new-password-fields.component';
import { SubmitButtonComponent } from '../forms/submit-button.component';
import { CliCommandComponent } from './cli-command.component';
import { DeadLinkComponent } from './dead-link.component';
import { LinkCheckingComponent } from './link-checking.component';
import { LinkDoneComponent } from './link-done.component';
import { LinkUnreachableComponent } from './link-unreachable.component';

/** The building blocks of a page opened from a one-time link (/setup, /activate), for its `imports`. */
export const LINK_PAGE_IMPORTS = [
  CliCommandComponent,
  DeadLinkComponent,
  FormErrorBannerComponent,
  LinkCheckingComponent,
  LinkDoneComponent,
  LinkUnreachableComponent,
  NewPasswordFieldsComponent,
  SubmitButtonComponent,
] as const;
