import { ATTACHMENT_LIMITS, type AttachmentType } from '@passerelle/contracts';
import { EXTENSIONS, extensionOf } from './attachment-type';

/**
 * A file name safe to store and to offer in Content-Disposition: the last path part only, no
 * control or bidirectional-override characters (which disguise `gpj.exe` as `exe.jpg`), no leading
 * dots (hidden files), no characters Windows refuses, at most ATTACHMENT_LIMITS.nameMax characters,
 * ending in an extension of its real type (added when missing). Null when nothing is left.
 */
export function sanitiseFileName(raw: string, type: AttachmentType): string {
  const lastPart = raw.split(/[/\\]/).pop() ?? '';
  let name = lastPart
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const extensions = EXTENSIONS[type];
  let extension = extensionOf(name);
  if (!extensions.includes(extension)) {
    extension = extensions[0];
    name = `${name || 'attachment'}.${extension}`;
  }
  const base = name.slice(0, name.length - extension.length - 1).replace(/[.\s]+$/, '') || 'attachment';
  const room = ATTACHMENT_LIMITS.nameMax - extension.length - 1;
  return `${[...base].slice(0, room).join('').trim()}.${extension}`;
}
