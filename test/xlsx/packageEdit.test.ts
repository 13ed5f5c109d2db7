import fc from 'fast-check';
import { crc32, inflateRawSync } from 'node:zlib';
import { deflateText, zipEntryOf } from '../../src/xlsx/packageEdit';

/**
 * A part the writer deflates comes back, inflated, as exactly the text it was given, with
 * the CRC and size its zip entry declares: whether it fits in one buffer (deflated in one
 * sync call) or outgrows it (streamed through zlib's thread), and whatever its pieces.
 */
const inflated = (compressed: readonly Uint8Array[]): Buffer => inflateRawSync(Buffer.concat(compressed));

describe('a part deflated by the writer unpacks to exactly its text', () => {
  const row = (i: number): string => `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>Locality ${i} — £${i},000 ✓</t></is></c></row>`;
  it.each`
    case                                            | pieces
    ${'nothing at all'}                             | ${() => []}
    ${'one small piece'}                            | ${() => ['<sheetData/>']}
    ${'small pieces that fit in one buffer'}        | ${() => Array.from({ length: 200 }, (_, i) => row(i))}
    ${'small pieces that outgrow one buffer'}       | ${() => Array.from({ length: 20_000 }, (_, i) => row(i))}
    ${'one piece larger than a buffer'}             | ${() => ['<a>', 'é'.repeat(400_000), '</a>']}
    ${'a piece larger than a buffer among others'}  | ${() => [...Array.from({ length: 3_000 }, (_, i) => row(i)), 'x'.repeat(700_000), row(1)]}
  `('for $case', async ({ pieces }: { pieces: () => string[] }) => {
    const text = pieces().join('');
    const part = await deflateText(pieces());
    const bytes = Buffer.from(text, 'utf8');
    expect(inflated(part.compressed).equals(bytes)).toBe(true);
    expect({ crc: part.crc, size: part.size }).toEqual({ crc: crc32(bytes), size: bytes.length });
  });

  it('for any text in any pieces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { maxLength: 50 }), async (pieces) => {
        const bytes = Buffer.from(pieces.join(''), 'utf8');
        const part = await deflateText(pieces);
        expect(inflated(part.compressed).equals(bytes)).toBe(true);
        expect({ crc: part.crc, size: part.size }).toEqual({ crc: crc32(bytes), size: bytes.length });
      }),
      { numRuns: 100 },
    );
  });
});

describe('a written part is deflated if it is XML and stored if it is not', () => {
  it.each`
    name                             | method
    ${'xl/workbook.xml'}             | ${8}
    ${'_rels/.rels'}                 | ${8}
    ${'xl/drawings/vmlDrawing1.vml'} | ${8}
    ${'xl/media/image1.png'}         | ${0}
  `('$name with method $method', ({ name, method }: { name: string; method: 0 | 8 }) => {
    const data = Buffer.from('<x>Dockside £1,234.56</x>'.repeat(20), 'utf8');
    const entry = zipEntryOf(name, data);
    expect({ method: entry.method, crc: entry.crc, size: entry.size }).toEqual({ method, crc: crc32(data), size: data.length });
    const body = Buffer.concat(entry.compressed);
    expect((method === 8 ? inflateRawSync(body) : body).equals(data)).toBe(true);
  });
});
