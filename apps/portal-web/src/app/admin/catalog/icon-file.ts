import { CATALOG_LIMITS, ICON_CONTENT_TYPES } from '@passerelle/contracts';

export type IconProblem = 'type' | 'size';

export interface IconUpload {
  /** For PUT appIcon `{ image }`: the bytes in base64, without the data: prefix. */
  base64: string;
  /** For the preview. */
  dataUrl: string;
  contentType: string;
}

/** Why a chosen file can't be an icon, before reading it (the server checks the bytes again). */
export function iconProblem(file: Blob): IconProblem | null {
  if (!(ICON_CONTENT_TYPES as readonly string[]).includes(file.type)) {
    return 'type';
  }
  return file.size > CATALOG_LIMITS.iconBytesMax ? 'size' : null;
}

/** Reads an image file for upload: its base64 and a data: URL to preview it. */
export function readIconFile(file: Blob): Promise<IconUpload> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const dataUrl = String(reader.result ?? '');
      const comma = dataUrl.indexOf(',');
      resolve({ base64: comma >= 0 ? dataUrl.slice(comma + 1) : '', dataUrl, contentType: file.type });
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
