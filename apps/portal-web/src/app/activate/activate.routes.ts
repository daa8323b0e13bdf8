import type { Routes } from '@angular/router';
import { ActivatePageComponent } from './activate-page.component';

export const activateRoutes: Routes = [{ path: '', title: 'title.activate', component: ActivatePageComponent }];
