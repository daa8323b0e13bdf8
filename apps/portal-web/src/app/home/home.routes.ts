import type { Routes } from '@angular/router';
import { HomePageComponent } from './home-page.component';

export const homeRoutes: Routes = [{ path: '', title: 'title.home', component: HomePageComponent }];
