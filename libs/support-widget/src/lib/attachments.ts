// Checks a file before uploading it, so a refusal is explained at once (the server sniffs the bytes
// and has the last word), and uploads with progress.
import { ATTACHMENT_TYPES, type AttachmentType, type SupportFormOptions, type UploadAttachmentResponse } from '@passerelle/contracts';
import type { WidgetKey } from './i18n';

export type AttachmentLimits = SupportFormOptions['attachments'];

const BY_EXTENSION: Record<string, AttachmentType> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/plain',
  md: 'text/plain',
};

/** The type the file seems to have (declared type, else its extension); null when not accepted. */
export function likelyType(file: Pick<File, 'name' | 'type'>): AttachmentType | null {
  const declared = file.type.split(';')[0].trim().toLowerCase();
  if ((ATTACHMENT_TYPES as readonly string[]).includes(declared)) return declared as AttachmentType;
  if (declared && !declared.startsWith('text/') && declared !== 'application/octet-stream') return null;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const byName = BY_EXTENSION[extension] ?? null;
  // A declared text type other than text/plain (text/csv…) is accepted if the bytes are text.
  return declared.startsWith('text/') ? 'text/plain' : byName;
}

export interface Refusal {
  key: WidgetKey;
  params: Record<string, string | number>;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} B`;
}

/** Why this file cannot be added (the count includes files already there), or null. */
export function refuseFile(file: Pick<File, 'name' | 'type' | 'size'>, limits: AttachmentLimits, alreadyAttached: number): Refusal | null {
  const type = likelyType(file);
  if (!type || !limits.types.includes(type)) return { key: 'refuse.type', params: { name: file.name } };
  if (file.size > limits.maxBytes) return { key: 'refuse.size', params: { name: file.name, size: formatBytes(limits.maxBytes) } };
  if (alreadyAttached >= limits.perMessage) return { key: 'refuse.count', params: { name: file.name, count: limits.perMessage } };
  return null;
}

/** A pasted screenshot has no useful name: give it one that says when. */
export function screenshotName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `screenshot-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}.png`;
}

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** POSTs the raw bytes (XHR: fetch has no upload progress). */
export function uploadFile(url: string, token: string, file: Blob, name: string, onProgress: (percent: number) => void): Promise<UploadAttachmentResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = false;
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as UploadAttachmentResponse);
      else reject(new UploadError(xhr.status, errorMessage(body)));
    };
    xhr.onerror = () => reject(new UploadError(0, ''));
    xhr.send(file);
  });
}

/** The first readable reason in an error body (AppError: `message` and field messages). */
export function errorMessage(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const b = body as { message?: unknown; fields?: Record<string, unknown>; errors?: unknown };
  if (b.fields && typeof b.fields === 'object') {
    const first = Object.values(b.fields).flat()[0];
    if (typeof first === 'string') return first;
  }
  if (typeof b.message === 'string') return b.message;
  if (Array.isArray(b.message) && typeof b.message[0] === 'string') return b.message[0];
  return '';
}
