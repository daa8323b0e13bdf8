import type { Routes } from '@angular/router';
import { SetupPageComponent } from './setup-page.component';

export const setupRoutes: Routes = [{ path: '', title: 'title.setup', component: SetupPageComponent }];
