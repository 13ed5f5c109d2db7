import fc from 'fast-check';
import { numberOf } from '../../src/xlsx/worksheet';

describe("a cell's number read from its XML text", () => {
  it.each`
    text            | expected
    ${'0'}          | ${0}
    ${'12'}         | ${12}
    ${'0012'}       | ${12}
    ${'999999999'}  | ${999_999_999}
    ${'1234567890'} | ${1_234_567_890}
    ${''}           | ${0}
    ${' 12'}        | ${12}
    ${'1e3'}        | ${1000}
    ${'12.5'}       | ${12.5}
    ${'-3'}         | ${-3}
    ${'1 2'}        | ${Number.NaN}
  `('reads $text as Number does', ({ text, expected }: { text: string; expected: number }) => {
    expect(numberOf(text)).toBe(expected);
  });

  it('is Number for any text, digits or not', () => {
    const digits = fc.stringMatching(/^[0-9]{1,12}$/);
    const text = fc.oneof(digits, fc.string({ maxLength: 12 }), fc.stringMatching(/^[-+ .e0-9]{0,10}$/));
    fc.assert(fc.property(text, (t) => Object.is(numberOf(t), Number(t))), { numRuns: 5000 });
  });
});
