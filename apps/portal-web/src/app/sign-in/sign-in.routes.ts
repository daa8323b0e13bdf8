import type { Routes } from '@angular/router';
import { SignInPageComponent } from './sign-in-page.component';

export const signInRoutes: Routes = [{ path: '', title: 'title.signIn', component: SignInPageComponent }];
