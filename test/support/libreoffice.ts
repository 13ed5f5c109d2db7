import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Renders workbooks the way a user without Excel sees them: LibreOffice converts to PDF,
 * poppler turns the PDF into text and PNGs, and a small PNG reader counts pixels of a
 * colour, so a test can check that a chart's series are actually drawn.
 */

/** How long one LibreOffice conversion may take; a first start with a fresh profile is slow. */
const CONVERT_TIMEOUT_MS = 120_000;

let profileDir: string | undefined;

/**
 * A LibreOffice user profile private to this test process. Without one, soffice shares the
 * user's profile and refuses to start while another instance (or another Jest worker) holds
 * its lock, or quietly hands the job to that instance.
 */
function privateProfile(): string {
  profileDir ??= mkdtempSync(path.join(os.tmpdir(), 'lp-soffice-profile-'));
  return profileDir;
}

/**
 * Deletes the private LibreOffice profile; call it from `afterAll`. (An exit handler is not
 * enough: Jest workers are stopped without running them.) The next conversion makes a new one.
 */
export function removeLibreOfficeProfile(): void {
  if (profileDir !== undefined) rmSync(profileDir, { recursive: true, force: true });
  profileDir = undefined;
}

function run(command: string, args: string[], timeout: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

function soffice(): string {
  return existsSync('/usr/bin/soffice') ? 'soffice' : 'libreoffice';
}

/**
 * Converts a file with LibreOffice (`filter` as `--convert-to` takes it: `pdf`, `ods`,
 * `xlsx:"Calc MS Excel 2007 XML"`) into `outDir`, returning the converted file's path.
 * soffice exits 0 even when it could not load the file, so a missing output is an error.
 */
export async function convertWith(file: string, outDir: string, filter: string, extension: string): Promise<string> {
  const profile = `file://${privateProfile()}`;
  const { stdout, stderr } = await run(
    soffice(),
    [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', filter, '--outdir', outDir, file],
    CONVERT_TIMEOUT_MS,
  );
  const out = path.join(outDir, `${path.parse(file).name}.${extension}`);
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${extension} for ${file}:\n${stdout}\n${stderr}`);
  return out;
}

/**
 * Converts a workbook to PDF and returns the PDF's path. By default Calc prints each sheet as
 * it would on paper. With `singlePageSheets` every sheet becomes one page of its own size, so
 * page N is sheet N; note that Calc then prints hidden sheets too (LibreOffice 7.4).
 */
export function convertToPdf(xlsxPath: string, outDir: string, options: { singlePageSheets?: boolean } = {}): Promise<string> {
  // LibreOffice 7.4 and later take export options as JSON after the filter name.
  const filter = options.singlePageSheets ? 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' : 'pdf';
  return convertWith(xlsxPath, outDir, filter, 'pdf');
}

/** Renders a PDF's pages (all, or just `page`, 1-based) at `dpi` (60 unless told); returns the PNG paths in page order. */
export async function pdfToPngs(pdf: string, options: { dpi?: number; page?: number } = {}): Promise<string[]> {
  const dir = mkdtempSync(path.join(path.dirname(pdf), 'pages-'));
  const range = options.page === undefined ? [] : ['-f', String(options.page), '-l', String(options.page)];
  await run('pdftoppm', ['-r', String(options.dpi ?? 60), ...range, '-png', pdf, path.join(dir, 'page')], CONVERT_TIMEOUT_MS);
  // pdftoppm pads page numbers to the width of the last one, so a plain sort keeps page order.
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** How many pages a PDF has. */
export async function pdfPageCount(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf], CONVERT_TIMEOUT_MS);
  const m = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!m) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(m[1]);
}

/** Each page's size in points, in page order (pdfinfo's "Page N size" lines). */
export async function pdfPageSizes(pdf: string): Promise<{ width: number; height: number }[]> {
  const pages = await pdfPageCount(pdf);
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', String(pages), pdf], CONVERT_TIMEOUT_MS);
  return [...stdout.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** The PDF's text with its layout kept, so the figures in a row stay on one line. */
export async function pdfText(pdf: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', pdf, '-'], CONVERT_TIMEOUT_MS);
  return stdout;
}

/** A line of text on a PDF page and its box, in points from the top-left corner. */
export interface PdfLine {
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** The lines of text on one page (1-based) with their positions, from `pdftotext -bbox-layout`. */
export async function pdfLines(pdf: string, page: number): Promise<PdfLine[]> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', '-f', String(page), '-l', String(page), pdf, '-'], CONVERT_TIMEOUT_MS);
  const lines: PdfLine[] = [];
  const box = (attrs: string, name: string): number => Number(new RegExp(`${name}="([-0-9.]+)"`).exec(attrs)![1]);
  for (const m of stdout.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
    const words = [...m[2].matchAll(/<word [^>]*>([\s\S]*?)<\/word>/g)].map((w) => decodeEntities(w[1]));
    lines.push({ text: words.join(' '), xMin: box(m[1], 'xMin'), yMin: box(m[1], 'yMin'), xMax: box(m[1], 'xMax'), yMax: box(m[1], 'yMax') });
  }
  return lines;
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

/** A decoded image: 8-bit RGBA, row by row. */
export interface Image {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const channelsByColourType: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Decodes a PNG as pdftoppm writes it: 8-bit greyscale, RGB, palette, grey+alpha or RGBA,
 * not interlaced (anything else throws). Scanlines are unfiltered per the PNG spec (filter
 * types 0-4: none, sub, up, average, Paeth).
 */
export function readPng(bytes: Uint8Array): Image {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  let width = 0;
  let height = 0;
  let colourType = -1;
  let palette: Buffer | undefined;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const bitDepth = data[8];
      colourType = data[9];
      if (bitDepth !== 8 || !(colourType in channelsByColourType) || data[12] !== 0) {
        throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colourType}, interlace ${data[12]}`);
      }
    } else if (type === 'PLTE') {
      palette = data;
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  const channels = channelsByColourType[colourType];
  if (channels === undefined) throw new Error('PNG has no IHDR');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('PNG image data is truncated');
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[out + x - channels] : 0;
      const up = y > 0 ? pixels[out - stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? pixels[out - stride + x - channels] : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = (left + up) >> 1;
          break;
        case 4:
          predictor = paeth(left, up, upLeft);
          break;
        default:
          throw new Error(`PNG row ${y} has unknown filter type ${filter}`);
      }
      pixels[out + x] = (line[x] + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = i * channels;
    let rgb: [number, number, number];
    let alpha = 255;
    switch (colourType) {
      case 0:
        rgb = [pixels[p], pixels[p], pixels[p]];
        break;
      case 4:
        rgb = [pixels[p], pixels[p], pixels[p]];
        alpha = pixels[p + 1];
        break;
      case 3: {
        if (!palette) throw new Error('palette PNG has no PLTE');
        const e = pixels[p] * 3;
        rgb = [palette[e], palette[e + 1], palette[e + 2]];
        break;
      }
      default:
        rgb = [pixels[p], pixels[p + 1], pixels[p + 2]];
        if (colourType === 6) alpha = pixels[p + 3];
    }
    rgba.set([...rgb, alpha], i * 4);
  }
  return { width, height, rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Reads a PNG file. */
export function readPngFile(file: string): Image {
  return readPng(readFileSync(file));
}

function parseColour(colour: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) throw new Error(`not a #RRGGBB colour: ${colour}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

function near(image: Image, pixel: number, [r, g, b]: [number, number, number], tolerance: number): boolean {
  const at = pixel * 4;
  return Math.abs(image.rgba[at] - r) <= tolerance && Math.abs(image.rgba[at + 1] - g) <= tolerance && Math.abs(image.rgba[at + 2] - b) <= tolerance;
}

/** The part of an image inside a rectangle (pixels, clipped to the image). */
export function crop(image: Image, box: { x: number; y: number; width: number; height: number }): Image {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
  const width = Math.max(0, x1 - x0);
  const height = Math.max(0, y1 - y0);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) rgba.set(image.rgba.subarray(((y0 + y) * image.width + x0) * 4, ((y0 + y) * image.width + x1) * 4), y * width * 4);
  return { width, height, rgba };
}

/** How many pixels are within `tolerance` (per channel) of `#RRGGBB`. */
export function countPixelsNear(image: Image, colour: string, tolerance = 12): number {
  const rgb = parseColour(colour);
  let count = 0;
  for (let i = 0; i < image.width * image.height; i++) if (near(image, i, rgb, tolerance)) count++;
  return count;
}

/**
 * How many `size`×`size` squares of the image are entirely within `tolerance` of `#RRGGBB`.
 * Anti-aliased text and one-pixel axis lines leave scattered pixels of almost any grey,
 * but only a bar, a thick line or a marker fills whole squares, so this counts what a series
 * drew and not what happens to share its colour.
 */
export function countSolidPixelsNear(image: Image, colour: string, size = 2, tolerance = 12): number {
  const rgb = parseColour(colour);
  const { width, height } = image;
  const hit = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) hit[i] = near(image, i, rgb, tolerance) ? 1 : 0;
  let count = 0;
  for (let y = 0; y + size <= height; y++) {
    for (let x = 0; x + size <= width; x++) {
      let solid = true;
      for (let dy = 0; dy < size && solid; dy++) for (let dx = 0; dx < size && solid; dx++) solid = hit[(y + dy) * width + x + dx] === 1;
      if (solid) count++;
    }
  }
  return count;
}
