import type { Routes } from '@angular/router';
import { NotFoundPageComponent } from './not-found-page.component';

export const notFoundRoutes: Routes = [{ path: '', title: 'title.notFound', component: NotFoundPageComponent }];
