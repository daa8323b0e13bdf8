import type { Routes } from '@angular/router';
import { authGuard } from '../core/session';
import { AccountPageComponent } from './account-page.component';

export const accountRoutes: Routes = [{ path: '', title: 'title.account', canActivate: [authGuard], component: AccountPageComponent }];
