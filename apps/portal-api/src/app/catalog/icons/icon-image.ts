import { createHash } from 'node:crypto';
import { CATALOG_LIMITS, type ICON_CONTENT_TYPES } from '@passerelle/contracts';

export type IconContentType = (typeof ICON_CONTENT_TYPES)[number];

/**
 * The image type from the first bytes (never from a name or a declared type): PNG, JPEG, WebP or
 * GIF. Anything else — SVG above all, which can carry script — is not an icon here.
 */
export function sniffIconType(bytes: Buffer): IconContentType | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 6 && ['GIF87a', 'GIF89a'].includes(bytes.toString('latin1', 0, 6))) return 'image/gif';
  return null;
}

/** Why these bytes can't be an icon, or undefined with their type when they can. */
export function iconProblem(bytes: Buffer): { problem: string } | { type: IconContentType } {
  if (bytes.length === 0) return { problem: 'The image is empty.' };
  if (bytes.length > CATALOG_LIMITS.iconBytesMax) return { problem: `The image is too large: at most ${CATALOG_LIMITS.iconBytesMax / 1024} KB.` };
  const type = sniffIconType(bytes);
  if (type) return { type };
  const head = bytes.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) {
    return { problem: 'SVG images are refused (they can carry scripts). Use a PNG, JPEG, WebP or GIF image.' };
  }
  return { problem: 'This is not a PNG, JPEG, WebP or GIF image.' };
}

/** Short hash of the bytes: changes with the image, so `?v=` busts caches. */
export function iconVersion(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 12);
}
