import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { Sha256 } from '../../src/engine/sha256';

const sha256Hex = (text: string): string => new Sha256().update(text).hex();

describe('the inputs fingerprint', () => {
  it.each(['', 'abc', 'Locality Planner £75,000', 'x'.repeat(1000), '😀 emoji and ünïcödé'])('hashes %j as Node does', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('agrees with Node on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => sha256Hex(s) === createHash('sha256').update(s, 'utf8').digest('hex')));
  });
});

describe('the streaming hash', () => {
  it('gives the same digest however the text is split', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 200 }), { maxLength: 20 }), (parts) => {
        const streamed = parts.reduce((h, p) => h.update(p), new Sha256()).hex();
        return streamed === createHash('sha256').update(parts.join(''), 'utf8').digest('hex');
      }),
    );
  });

  it.each`
    case                                                        | parts
    ${'a long piece, then short ones that reuse its buffer'}     | ${['é'.repeat(70_000), 'ab', '😀'.repeat(5)]}
    ${'a piece too large to keep a buffer for, between small'}  | ${['x', '£'.repeat(400_000), 'y'.repeat(100)]}
  `('hashes $case as Node does', ({ parts }: { parts: string[] }) => {
    const streamed = parts.reduce((h, p) => h.update(p), new Sha256()).hex();
    expect(streamed).toBe(createHash('sha256').update(parts.join(''), 'utf8').digest('hex'));
  });
});
