// The widget's HTTP client: every call carries the widget token as a bearer and no cookies, so the
// same code works on the portal and on any other site.
import type { ApiErrorBody } from '@passerelle/contracts';
import { errorMessage } from './attachments';

export class ApiError extends Error {
  constructor(
    /** 0 when the network failed (no answer at all). */
    readonly status: number,
    readonly body: Partial<ApiErrorBody> | null,
  ) {
    super(errorMessage(body) || `HTTP ${status}`);
  }
}

export class SupportClient {
  constructor(
    /** Read on every call: the `portal` attribute may change it. */
    private readonly portalOrigin: () => string,
    private readonly token: () => string | null,
    /** Told when the portal refuses the token, so the widget asks to connect again. */
    private readonly onUnauthorized: () => void,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  url(path: string): string {
    return new URL(path, this.portalOrigin()).toString();
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /** Downloads with the bearer (a plain link cannot carry it) and hands the file to the browser. */
  async download(path: string, name: string, doc: Document = document): Promise<void> {
    const response = await this.send('GET', path);
    const blob = await response.blob();
    const href = URL.createObjectURL(blob);
    const link = doc.createElement('a');
    link.href = href;
    link.download = name;
    link.rel = 'noopener';
    doc.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = this.token();
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchFn(this.url(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, null);
    }
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) {
      let errorBody: Partial<ApiErrorBody> | null = null;
      try {
        errorBody = (await response.json()) as Partial<ApiErrorBody>;
      } catch {
        /* not JSON */
      }
      throw new ApiError(response.status, errorBody);
    }
    return response;
  }
}
