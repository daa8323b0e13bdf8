import { ATTACHMENT_TYPES, type AttachmentType } from '@passerelle/contracts';

/** File name extensions each type may carry; the first is given to a name without one. */
export const EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'log', 'csv'],
};

export const ALLOWED_TYPES_TEXT = 'PNG, JPEG, GIF or WebP images, PDF documents and plain text (.txt, .log, .csv)';

/**
 * Markup a browser or a plug-in could run, looked for in binary files: an image or a PDF that also
 * parses as HTML or SVG (a polyglot) is refused, whatever its first bytes say.
 */
const ACTIVE_MARKUP = /<(script|html|svg|iframe|object|embed|body|head)[\s>/]|<!doctype\s+html|<\?php|<\?xml-stylesheet/i;

/** The type the bytes are, or null when they are none of ATTACHMENT_TYPES (or a polyglot). */
export function sniffType(bytes: Buffer): AttachmentType | null {
  const binary = binaryType(bytes);
  if (binary) return ACTIVE_MARKUP.test(bytes.toString('latin1')) ? null : binary;
  return isPlainText(bytes) ? 'text/plain' : null;
}

function binaryType(b: Buffer): AttachmentType | null {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** Valid UTF-8 (a BOM allowed) with no control characters but tab, CR and LF; not empty. */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(text);
}

/** The extension of a file name, lower case, or '' without one (`notes.2024` has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return /^[a-z][a-z0-9]{0,9}$/.test(extension) ? extension : '';
}

export function isAttachmentType(value: string): value is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(value);
}
