import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';
import { registerServiceWorker } from './service-worker';

bootstrapApplication(AppComponent, appConfig)
  .then(() => registerServiceWorker())
  .catch((error: unknown) => console.error(error));
