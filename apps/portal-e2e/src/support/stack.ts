// Per-group fixture: a fresh server and a browser, started in beforeAll and stopped in afterAll.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServer, type TestServer } from './server';

export interface Stack {
  readonly server: TestServer;
  readonly browser: Browser;
  url(pathname: string): string;
}

const START_TIMEOUT_MS = 60_000;

/** Call inside a describe(): the group gets its own empty installation. */
export function useFreshStack(): Stack {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, START_TIMEOUT_MS);
  return {
    get server() {
      if (!server) throw new Error('server not started (did beforeAll fail?)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('browser not started (did beforeAll fail?)');
      return browser;
    },
    url: (pathname: string) => {
      if (!server) throw new Error('server not started (did beforeAll fail?)');
      return server.baseUrl + pathname;
    },
  };
}

/** document.documentElement.scrollWidth − innerWidth; > 0 means the page scrolls sideways. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
