import type { Routes } from '@angular/router';
import { ResetPasswordPageComponent } from './reset-password-page.component';

export const resetPasswordRoutes: Routes = [{ path: '', title: 'title.resetPassword', component: ResetPasswordPageComponent }];
