import { HttpClient, HttpHeaders, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type AgentMessageRequest,
  type AgentTicketView,
  type CannedReply,
  type QueueOptions,
  type QueueQuery,
  type QueueTicket,
  type SaveCannedReplyRequest,
  type SaveCategoryRequest,
  type SaveWebhookRequest,
  type SupportCategory,
  SupportRoutes,
  type SupportSettings,
  type TicketList,
  type UpdateTicketRequest,
  type UploadAttachmentResponse,
  type WebhookDeliveryView,
  type WebhookView,
  type WebhookWithSecret,
} from '@passerelle/contracts';
import type { Observable } from 'rxjs';

/** Query parameters from a QueueQuery: empty values are left out. */
export function queueParams(query: QueueQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) {
      params = params.set(key, String(value));
    }
  }
  return params;
}

/** The support console's calls (SupportRoutes): the agents' queue and ticket view, and the administrators' settings. */
@Injectable({ providedIn: 'root' })
export class SupportApiService {
  private readonly http = inject(HttpClient);

  // ── Queue and tickets ──
  queue(query: QueueQuery): Observable<TicketList<QueueTicket>> {
    return this.http.get<TicketList<QueueTicket>>(SupportRoutes.queue, { params: queueParams(query) });
  }

  queueOptions(): Observable<QueueOptions> {
    return this.http.get<QueueOptions>(SupportRoutes.queueOptions);
  }

  ticket(id: string): Observable<AgentTicketView> {
    return this.http.get<AgentTicketView>(SupportRoutes.queueTicket(id));
  }

  update(id: string, request: UpdateTicketRequest): Observable<AgentTicketView> {
    return this.http.patch<AgentTicketView>(SupportRoutes.queueTicket(id), request);
  }

  postMessage(id: string, request: AgentMessageRequest): Observable<AgentTicketView> {
    return this.http.post<AgentTicketView>(SupportRoutes.queueMessages(id), request);
  }

  merge(id: string, intoId: string): Observable<AgentTicketView> {
    return this.http.post<AgentTicketView>(SupportRoutes.merge(id), { intoId });
  }

  /** Raw bytes; the name travels URL-encoded in X-File-Name (the server sniffs the type from the bytes). */
  upload(file: File): Observable<UploadAttachmentResponse> {
    const headers = new HttpHeaders({ 'X-File-Name': encodeURIComponent(file.name), 'Content-Type': 'application/octet-stream' });
    return this.http.post<UploadAttachmentResponse>(SupportRoutes.attachments, file, { headers });
  }

  // ── Canned replies (agents and administrators) ──
  cannedReplies(): Observable<CannedReply[]> {
    return this.http.get<CannedReply[]>(SupportRoutes.cannedReplies);
  }

  createCannedReply(request: SaveCannedReplyRequest): Observable<CannedReply> {
    return this.http.post<CannedReply>(SupportRoutes.cannedReplies, request);
  }

  updateCannedReply(id: string, request: SaveCannedReplyRequest): Observable<CannedReply> {
    return this.http.put<CannedReply>(SupportRoutes.cannedReply(id), request);
  }

  removeCannedReply(id: string): Observable<void> {
    return this.http.delete<void>(SupportRoutes.cannedReply(id));
  }

  // ── Administrators: categories and settings ──
  categories(): Observable<SupportCategory[]> {
    return this.http.get<SupportCategory[]>(SupportRoutes.categories);
  }

  createCategory(request: SaveCategoryRequest): Observable<SupportCategory> {
    return this.http.post<SupportCategory>(SupportRoutes.categories, request);
  }

  updateCategory(id: string, request: SaveCategoryRequest): Observable<SupportCategory> {
    return this.http.put<SupportCategory>(SupportRoutes.category(id), request);
  }

  removeCategory(id: string): Observable<void> {
    return this.http.delete<void>(SupportRoutes.category(id));
  }

  settings(): Observable<SupportSettings> {
    return this.http.get<SupportSettings>(SupportRoutes.settings);
  }

  saveSettings(settings: SupportSettings): Observable<SupportSettings> {
    return this.http.put<SupportSettings>(SupportRoutes.settings, settings);
  }

  // ── Administrators: webhooks ──
  webhooks(): Observable<WebhookView[]> {
    return this.http.get<WebhookView[]>(SupportRoutes.webhooks);
  }

  createWebhook(request: SaveWebhookRequest): Observable<WebhookWithSecret> {
    return this.http.post<WebhookWithSecret>(SupportRoutes.webhooks, request);
  }

  updateWebhook(id: string, request: SaveWebhookRequest): Observable<WebhookView> {
    return this.http.put<WebhookView>(SupportRoutes.webhook(id), request);
  }

  removeWebhook(id: string): Observable<void> {
    return this.http.delete<void>(SupportRoutes.webhook(id));
  }

  rotateWebhookSecret(id: string): Observable<WebhookWithSecret> {
    return this.http.post<WebhookWithSecret>(SupportRoutes.webhookSecret(id), {});
  }

  testWebhook(id: string): Observable<unknown> {
    return this.http.post(SupportRoutes.webhookTest(id), {});
  }

  deliveries(id: string, cursor?: string | null): Observable<TicketList<WebhookDeliveryView>> {
    const params = cursor ? new HttpParams().set('cursor', cursor) : undefined;
    return this.http.get<TicketList<WebhookDeliveryView>>(SupportRoutes.webhookDeliveries(id), { params });
  }

  retryDelivery(webhookId: string, deliveryId: string): Observable<unknown> {
    return this.http.post(SupportRoutes.retryDelivery(webhookId, deliveryId), {});
  }
}
