import type { Routes } from '@angular/router';
import { InteractionPageComponent } from './interaction-page.component';

export const interactionRoutes: Routes = [{ path: ':uid', title: 'title.interaction', component: InteractionPageComponent }];
