import { ANNOUNCEMENT_LIMITS } from '@passerelle/contracts';
import { decodeBase64, imageProblem, sniffImageType } from './announcement-image';

describe('Announcement images (checked from their bytes)', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0x00]);
  const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

  it('recognises PNG, JPEG and WebP by their magic bytes, and nothing else', () => {
    expect(sniffImageType(png)).toBe('image/png');
    expect(sniffImageType(jpeg)).toBe('image/jpeg');
    expect(sniffImageType(webp)).toBe('image/webp');
    expect(sniffImageType(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull();
    expect(sniffImageType(Buffer.from('RIFF\x10\x00\x00\x00WAVE', 'latin1'))).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('refuses empty and over-large images with a reason', () => {
    expect(imageProblem(Buffer.alloc(0))).toEqual({ problem: 'The image is empty.' });
    const big = Buffer.concat([png, Buffer.alloc(ANNOUNCEMENT_LIMITS.imageMaxBytes - png.length + 1)]);
    expect(imageProblem(big)).toEqual({ problem: 'The image is too large: at most 2 MB.' });
    expect(imageProblem(big.subarray(0, ANNOUNCEMENT_LIMITS.imageMaxBytes))).toEqual({ type: 'image/png' });
  });

  it('decodes base64 and data: URLs, ignoring the declared type', () => {
    expect(decodeBase64(png.toString('base64'))?.equals(png)).toBeTrue();
    expect(decodeBase64(`data:image/gif;base64,${png.toString('base64')}`)?.equals(png)).toBeTrue();
    expect(decodeBase64('not base64!')).toBeUndefined();
  });
});
