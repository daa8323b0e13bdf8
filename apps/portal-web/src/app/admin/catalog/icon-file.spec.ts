import { PNG_1X1_BASE64 } from '../testing/catalog-fixtures';
import { iconProblem, readIconFile } from './icon-file';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

describe('icon files', () => {
  it('reads an image as the base64 of its bytes (no data: prefix) and a data: URL for the preview', async () => {
    const file = new File([bytesOf(PNG_1X1_BASE64)], 'logo.png', { type: 'image/png' });
    const upload = await readIconFile(file);
    expect(upload.base64).toBe(PNG_1X1_BASE64);
    expect(upload.dataUrl).toBe(`data:image/png;base64,${PNG_1X1_BASE64}`);
    expect(upload.contentType).toBe('image/png');
  });

  it('keeps every byte of a binary file', async () => {
    const bytes = new Uint8Array(1000).map((_, index) => (index * 37) % 256);
    const upload = await readIconFile(new File([bytes], 'x.webp', { type: 'image/webp' }));
    expect(bytesOf(upload.base64)).toEqual(bytes);
  });

  it('accepts PNG, JPEG, WebP and GIF up to 256 kB, and nothing else', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/webp', 'image/gif']) {
      expect(iconProblem(new Blob(['x'], { type }))).withContext(type).toBeNull();
    }
    expect(iconProblem(new Blob(['<svg/>'], { type: 'image/svg+xml' }))).toBe('type');
    expect(iconProblem(new Blob(['x'], { type: '' }))).toBe('type');
    expect(iconProblem(new Blob([new Uint8Array(256 * 1024)], { type: 'image/png' }))).toBeNull();
    expect(iconProblem(new Blob([new Uint8Array(256 * 1024 + 1)], { type: 'image/png' }))).toBe('size');
  });
});
