import { ANNOUNCEMENT_IMAGE_TYPES, ANNOUNCEMENT_LIMITS } from '@passerelle/contracts';

export type ImageFileProblem = 'type' | 'size';

export interface ImageUpload {
  /** For PUT image `{ image }`: the bytes in base64, without the data: prefix. */
  base64: string;
  /** For the preview. */
  dataUrl: string;
}

export const IMAGE_MAX_MB = ANNOUNCEMENT_LIMITS.imageMaxBytes / (1024 * 1024);

/** Why a chosen file can't be an announcement's image, before reading it (the server checks the bytes again). */
export function imageFileProblem(file: Blob): ImageFileProblem | null {
  if (!(ANNOUNCEMENT_IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return 'type';
  }
  return file.size > ANNOUNCEMENT_LIMITS.imageMaxBytes ? 'size' : null;
}

/** Reads an image file for upload: its base64 and a data: URL to preview it. */
export function readImageFile(file: Blob): Promise<ImageUpload> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const dataUrl = String(reader.result ?? '');
      const comma = dataUrl.indexOf(',');
      resolve({ base64: comma >= 0 ? dataUrl.slice(comma + 1) : '', dataUrl });
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
