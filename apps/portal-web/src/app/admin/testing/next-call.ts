import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';

/**
 * The one request for `method url` once the app has sent it: waits a few macrotasks for it (a
 * component rendered after a navigation or another answer sends it a moment later), then fails
 * with the usual message. Query strings are ignored.
 */
export async function nextCall(http: HttpTestingController, method: string, url: string, tries = 20): Promise<TestRequest> {
  const matches = (request: { method: string; url: string }) => request.method === method && request.url === url;
  for (let attempt = 0; attempt < tries; attempt++) {
    const found = http.match(matches);
    if (found.length === 1) {
      return found[0];
    }
    if (found.length > 1) {
      throw new Error(`${found.length} requests for ${method} ${url}, expected one`);
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return http.expectOne(matches, `${method} ${url}`);
}
