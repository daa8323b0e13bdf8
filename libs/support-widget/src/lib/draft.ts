// The new-ticket draft survives a reload: it lives in localStorage under a key per portal origin.
// Never the token: only what the person typed, the uploads already made and the request id.
import type { TicketUrgency } from '@passerelle/contracts';

export interface DraftAttachment {
  id: string;
  name: string;
  size: number;
}

export interface TicketDraft {
  /** Idempotency key of this draft: every retry sends the same one, so one ticket at most. */
  requestId: string;
  categoryId: string;
  /** One of SupportFormOptions.apps, or '' (none, or the widget is inside an app). */
  appId: string;
  subject: string;
  description: string;
  urgency: TicketUrgency | '';
  fields: Record<string, string | boolean>;
  attachments: DraftAttachment[];
}

export function draftKey(portalOrigin: string): string {
  return `passerelle-support:draft:${portalOrigin}`;
}

export function emptyDraft(newId: () => string = () => crypto.randomUUID()): TicketDraft {
  return { requestId: newId(), categoryId: '', appId: '', subject: '', description: '', urgency: '', fields: {}, attachments: [] };
}

export class DraftStore {
  constructor(
    private readonly portalOrigin: string,
    private readonly storage: Storage | null = safeLocalStorage(),
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** The saved draft, or a fresh one (a new request id) when there is none or it is unreadable. */
  load(): TicketDraft {
    const raw = this.read();
    if (!raw) return emptyDraft(this.newId);
    try {
      return sanitize(JSON.parse(raw), this.newId);
    } catch {
      return emptyDraft(this.newId);
    }
  }

  save(draft: TicketDraft): void {
    try {
      this.storage?.setItem(draftKey(this.portalOrigin), JSON.stringify(draft));
    } catch {
      // Full or forbidden storage: the draft just doesn't survive a reload.
    }
  }

  /** After a ticket was filed: forget it, and start the next one with a new request id. */
  clear(): TicketDraft {
    try {
      this.storage?.removeItem(draftKey(this.portalOrigin));
    } catch {
      /* nothing to forget */
    }
    return emptyDraft(this.newId);
  }

  private read(): string | null {
    try {
      return this.storage?.getItem(draftKey(this.portalOrigin)) ?? null;
    } catch {
      return null;
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // e.g. storage disabled for the site
  }
}

/** Whatever is in storage is someone else's say-so: keep only well-formed values. */
function sanitize(value: unknown, newId: () => string): TicketDraft {
  const v = (value ?? {}) as Partial<Record<keyof TicketDraft, unknown>>;
  const text = (x: unknown) => (typeof x === 'string' ? x : '');
  const fields: Record<string, string | boolean> = {};
  if (v.fields && typeof v.fields === 'object') {
    for (const [key, field] of Object.entries(v.fields as Record<string, unknown>)) {
      if (typeof field === 'string' || typeof field === 'boolean') fields[key] = field;
    }
  }
  const attachments = Array.isArray(v.attachments)
    ? (v.attachments as Array<Partial<DraftAttachment>>)
        .filter((a) => a && typeof a.id === 'string' && typeof a.name === 'string')
        .map((a) => ({ id: a.id as string, name: a.name as string, size: Number(a.size) || 0 }))
    : [];
  const urgency = text(v.urgency);
  return {
    requestId: text(v.requestId) || newId(),
    categoryId: text(v.categoryId),
    appId: text(v.appId),
    subject: text(v.subject),
    description: text(v.description),
    urgency: (['low', 'normal', 'high', 'urgent'].includes(urgency) ? urgency : '') as TicketUrgency | '',
    fields,
    attachments,
  };
}
