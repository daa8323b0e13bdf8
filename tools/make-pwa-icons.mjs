// Draws the app icons of the installable web app (apps/portal-web/public/icons/*.png) from the
// Passerelle mark in favicon.svg: a rounded square with a bridge and a dot. No image library needed:
// shapes are sampled 4×4 per pixel and written as PNG with zlib.
//   node tools/make-pwa-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'apps/portal-web/public/icons');

const BLUE = [0x2a, 0x55, 0xc9]; // --color-primary (light palette)
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4;

// The mark in favicon.svg units (32 × 32): cubic "M8 21c3-7 13-7 16 0", stroke 3, round caps; dot r 3 at (16, 11).
const CURVE = bezierPoints([8, 21], [11, 14], [21, 14], [24, 21], 96);
const STROKE_HALF = 1.5;
const DOT = { x: 16, y: 11, r: 3 };

/** `maskable`: full-bleed background, the mark shrunk into the safe zone (the central 80 % circle). */
function drawIcon(size, { maskable }) {
  const rgba = Buffer.alloc(size * size * 4);
  const unit = size / 32;
  // Mark scale and offset: 1:1 on the rounded square, or 0.8× centred for maskable icons.
  const markScale = maskable ? 0.8 : 1;
  const markOffset = (32 - 32 * markScale) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let background = 0;
      let mark = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / unit;
          const y = (py + (sy + 0.5) / SAMPLES) / unit;
          if (maskable || insideRoundedSquare(x, y, 32, 8)) {
            background++;
            const mx = (x - markOffset) / markScale;
            const my = (y - markOffset) / markScale;
            if (insideMark(mx, my)) mark++;
          }
        }
      }
      const total = SAMPLES * SAMPLES;
      const i = (py * size + px) * 4;
      const t = background ? mark / background : 0;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(BLUE[c] * (1 - t) + WHITE[c] * t);
      rgba[i + 3] = Math.round((255 * background) / total);
    }
  }
  return encodePng(size, size, rgba);
}

function insideRoundedSquare(x, y, side, radius) {
  if (x < 0 || y < 0 || x > side || y > side) return false;
  const cx = Math.min(Math.max(x, radius), side - radius);
  const cy = Math.min(Math.max(y, radius), side - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function insideMark(x, y) {
  if ((x - DOT.x) ** 2 + (y - DOT.y) ** 2 <= DOT.r ** 2) return true;
  if (x < 6 || x > 26 || y < 12 || y > 23) return false;
  for (let i = 1; i < CURVE.length; i++) {
    if (distanceToSegment(x, y, CURVE[i - 1], CURVE[i]) <= STROKE_HALF) return true;
  }
  return false;
}

function bezierPoints(p0, p1, p2, p3, steps) {
  const points = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    points.push([0, 1].map((k) => u ** 3 * p0[k] + 3 * u * u * t * p1[k] + 3 * u * t * t * p2[k] + t ** 3 * p3[k]));
  }
  return points;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function encodePng(width, height, rgba) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

mkdirSync(outDir, { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
]) {
  writeFileSync(path.join(outDir, name), drawIcon(size, { maskable }));
  console.log(`wrote ${path.relative(root, path.join(outDir, name))}`);
}
