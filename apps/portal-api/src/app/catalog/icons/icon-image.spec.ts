import { CATALOG_LIMITS } from '@passerelle/contracts';
import { iconProblem, iconVersion, sniffIconType } from './icon-image';

describe('Icon images (checked from their bytes)', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0x00]);
  const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
  const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');

  it('recognises PNG, JPEG, WebP and GIF by their magic bytes', () => {
    expect(sniffIconType(png)).toBe('image/png');
    expect(sniffIconType(jpeg)).toBe('image/jpeg');
    expect(sniffIconType(webp)).toBe('image/webp');
    expect(sniffIconType(gif)).toBe('image/gif');
    expect(sniffIconType(Buffer.from('RIFF\x10\x00\x00\x00WAVE', 'latin1'))).toBeNull();
    expect(sniffIconType(png.subarray(0, 7))).toBeNull();
  });

  it('refuses SVG (even behind an XML declaration), HTML, empty and over-large images with a reason', () => {
    expect(iconProblem(Buffer.from('  <svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ problem: jasmine.stringMatching(/^SVG images are refused/) });
    expect(iconProblem(Buffer.from('<?xml version="1.0"?>\n<svg/>'))).toEqual({ problem: jasmine.stringMatching(/^SVG images are refused/) });
    expect(iconProblem(Buffer.from('<html><script>alert(1)</script>'))).toEqual({ problem: 'This is not a PNG, JPEG, WebP or GIF image.' });
    expect(iconProblem(Buffer.alloc(0))).toEqual({ problem: 'The image is empty.' });
    const big = Buffer.concat([png, Buffer.alloc(CATALOG_LIMITS.iconBytesMax - png.length + 1)]);
    expect(iconProblem(big)).toEqual({ problem: 'The image is too large: at most 256 KB.' });
    expect(iconProblem(big.subarray(0, CATALOG_LIMITS.iconBytesMax))).toEqual({ type: 'image/png' });
  });

  it('versions an icon by a short hash of its bytes', () => {
    expect(iconVersion(png)).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(iconVersion(png)).toBe(iconVersion(Buffer.from(png)));
    expect(iconVersion(png)).not.toBe(iconVersion(jpeg));
  });
});
