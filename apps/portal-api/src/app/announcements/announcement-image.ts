import { createHash } from 'node:crypto';
import { ANNOUNCEMENT_IMAGE_TYPES, ANNOUNCEMENT_LIMITS } from '@passerelle/contracts';

export type AnnouncementImageType = (typeof ANNOUNCEMENT_IMAGE_TYPES)[number];

const MAX_MIB = ANNOUNCEMENT_LIMITS.imageMaxBytes / (1024 * 1024);

/**
 * The image type from the first bytes, never from a file name or a declared type: PNG, JPEG or
 * WebP. Anything else — SVG above all, which can carry script, or HTML named .png — is refused.
 */
export function sniffImageType(bytes: Buffer): AnnouncementImageType | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Why these bytes can't be an announcement's image, or their type when they can. */
export function imageProblem(bytes: Buffer): { problem: string } | { type: AnnouncementImageType } {
  if (bytes.length === 0) return { problem: 'The image is empty.' };
  if (bytes.length > ANNOUNCEMENT_LIMITS.imageMaxBytes) return { problem: `The image is too large: at most ${MAX_MIB} MB.` };
  const type = sniffImageType(bytes);
  return type ? { type } : { problem: 'This is not a PNG, JPEG or WebP image.' };
}

/** Bytes from base64 text (a `data:` URL prefix is allowed, its declared type ignored), or undefined when it isn't base64. */
export function decodeBase64(text: string): Buffer | undefined {
  const body = text.replace(/^data:[a-z0-9.+/-]*;base64,/i, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 === 1) return undefined;
  return Buffer.from(body, 'base64');
}

/** Short hash of the bytes: changes with the image, so `?v=` busts caches. */
export function imageVersion(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 12);
}
