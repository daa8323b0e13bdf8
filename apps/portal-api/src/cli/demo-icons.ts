// Small PNG icons for the demo catalog, drawn here so that the demo needs no image files and calls
// nothing outside: a rounded square in the app's colour with a white geometric mark.
import { crc32, deflateSync } from 'node:zlib';

export type IconMark = 'circle' | 'square' | 'triangle' | 'diamond' | 'ring' | 'bars' | 'cross' | 'dots';

const SIZE = 96;
const CORNER = 20;

function hexColour(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

function insideRoundedSquare(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x, CORNER), SIZE - 1 - CORNER);
  const cy = Math.min(Math.max(y, CORNER), SIZE - 1 - CORNER);
  return (x - cx) ** 2 + (y - cy) ** 2 <= CORNER ** 2;
}

/** Whether pixel (x, y) belongs to the white mark; coordinates relative to the centre, in [-48, 48). */
function insideMark(mark: IconMark, x: number, y: number): boolean {
  const r = Math.hypot(x, y);
  switch (mark) {
    case 'circle':
      return r <= 24;
    case 'ring':
      return r <= 26 && r >= 15;
    case 'square':
      return Math.abs(x) <= 20 && Math.abs(y) <= 20;
    case 'diamond':
      return Math.abs(x) + Math.abs(y) <= 28;
    case 'triangle':
      return y <= 20 && y >= -24 && Math.abs(x) <= (y + 24) * 0.6;
    case 'bars':
      // Three bars of a chart, standing on the same line.
      return y <= 24 && [{ cx: -16, top: -4 }, { cx: 0, top: -24 }, { cx: 16, top: 8 }].some((bar) => Math.abs(x - bar.cx) <= 5 && y >= bar.top);
    case 'cross':
      return (Math.abs(x) <= 7 && Math.abs(y) <= 26) || (Math.abs(y) <= 7 && Math.abs(x) <= 26);
    case 'dots':
      return [-14, 14].some((cx) => [-14, 14].some((cy) => Math.hypot(x - cx, y - cy) <= 9));
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A 96×96 RGBA PNG. */
export function demoIcon(colour: string, mark: IconMark): Buffer {
  const [r, g, b] = hexColour(colour);
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0 (none), then pixels
    for (let x = 0; x < SIZE; x++) {
      const offset = 1 + x * 4;
      if (!insideRoundedSquare(x, y)) continue; // transparent
      const white = insideMark(mark, x - SIZE / 2 + 0.5, y - SIZE / 2 + 0.5);
      row[offset] = white ? 255 : r;
      row[offset + 1] = white ? 255 : g;
      row[offset + 2] = white ? 255 : b;
      row[offset + 3] = 255;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
