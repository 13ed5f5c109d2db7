import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Draws the add-in's ribbon and store icons (`assets/icon-<size>.png`) with nothing
 * but Node: a map pin over three rising bars on a rounded square in Fluent's brand
 * blue. Drawn, not downloaded, so the icons can be rebuilt offline and a test can
 * check the committed files are exactly what this script makes.
 *
 *     npx tsx scripts/makeIcons.ts
 */
export const iconSizes = [16, 32, 64, 80, 128] as const;

type Rgba = readonly [number, number, number, number];

const brand: Rgba = [0x0f, 0x6c, 0xbd, 255];
const white: Rgba = [255, 255, 255, 255];
const pale: Rgba = [0xb4, 0xd6, 0xfa, 255];

/** Which colour covers a point in the unit square (0..1, y down), or undefined for none. */
function paint(x: number, y: number): Rgba | undefined {
  const corner = 0.18;
  const cx = Math.min(Math.max(x, corner), 1 - corner);
  const cy = Math.min(Math.max(y, corner), 1 - corner);
  if ((x - cx) ** 2 + (y - cy) ** 2 > corner ** 2) return undefined;

  // The pin: a circle with a hole, narrowing to a point above the bars.
  const pinX = 0.5;
  const pinY = 0.34;
  const r = 0.2;
  const d = Math.hypot(x - pinX, y - pinY);
  const tip = 0.7;
  const inTail = y > pinY && y < tip && Math.abs(x - pinX) < (r * (tip - y)) / (tip - pinY);
  if (d < r * 0.45) return brand;
  if (d < r || inTail) return white;

  // Three rising bars along the bottom: the money projected year by year.
  const bars = [
    { left: 0.14, right: 0.3, top: 0.7 },
    { left: 0.42, right: 0.58, top: 0.77 },
    { left: 0.7, right: 0.86, top: 0.56 },
  ];
  for (const bar of bars) if (x > bar.left && x < bar.right && y > bar.top && y < 0.86) return pale;
  return brand;
}

/** One icon's RGBA pixels, each pixel averaged over a 4×4 grid of samples for smooth edges. */
function drawPixels(size: number): Buffer {
  const grid = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < grid; sy += 1) {
        for (let sx = 0; sx < grid; sx += 1) {
          const colour = paint((px + (sx + 0.5) / grid) / size, (py + (sy + 0.5) / grid) / size);
          if (!colour) continue;
          // Premultiplied, so a half-covered edge pixel keeps its colour and halves its alpha.
          for (let c = 0; c < 3; c += 1) sum[c] += colour[c] * colour[3];
          sum[3] += colour[3];
        }
      }
      const at = (py * size + px) * 4;
      const alpha = sum[3] / (grid * grid);
      for (let c = 0; c < 3; c += 1) pixels[at + c] = sum[3] === 0 ? 0 : Math.round(sum[c] / sum[3]);
      pixels[at + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A square RGBA PNG of the icon at `size` pixels. Deterministic: the same bytes every time. */
export function drawIcon(size: number): Buffer {
  const pixels = drawPixels(size);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  // Each scanline starts with filter byte 0 (none): simple, and zlib still shrinks it well.
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Where the icon of a size lives: `assets/icon-32.png`. */
export function iconPath(root: string, size: number): string {
  return path.join(root, 'assets', `icon-${size}.png`);
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  for (const size of iconSizes) writeFileSync(iconPath(root, size), drawIcon(size));
  console.log(`Wrote ${iconSizes.map((s) => `icon-${s}.png`).join(', ')} to assets/`);
}
