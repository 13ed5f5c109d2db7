import fc from 'fast-check';
import { largestPennyWithin } from '../../src/engine/whatIf/affordability';

/**
 * The search behind Cost per locality affordable: the largest penny whose excess (the
 * worst year's shortfall over the tolerance) is at most zero. It takes its tries where a
 * straight line says the answer is, so it is checked here on excesses that bend: flat
 * while no year is short, then rising along pieces of different slopes (a pot running
 * out, another year binding), and past pence altogether. Whatever the start, the answer
 * must be the exact one, in a bounded number of tries.
 */
const CEILING = 2 ** 43;
/** Twice bisection's tries over the whole range, twice again for the tries along a line, and the start. */
const MOST_TRIES = 4 * 44 + 4;

interface Shape {
  readonly answer: number;
  readonly tolerance: number;
  /** Pennies below the answer over which the shortfall climbs from nothing to the tolerance. */
  readonly climb: number;
  /** The excess one penny past the answer. */
  readonly jump: number;
  readonly slopes: readonly [number, number, number];
  readonly bends: readonly [number, number];
  /** Pennies past the answer beyond which the plan runs past what pence hold; null for never. */
  readonly overflowAfter: number | null;
}

/** A rising excess with its answer where the shape says. */
function excessOf(s: Shape): (n: number) => number {
  return (n) => {
    if (n <= s.answer) return -s.tolerance + Math.min(s.tolerance, Math.max(0, n - (s.answer - s.climb)) * (s.tolerance / Math.max(1, s.climb)));
    const past = n - s.answer;
    if (s.overflowAfter !== null && past > s.overflowAfter) return Number.POSITIVE_INFINITY;
    const [b1, b2] = s.bends;
    const [s1, s2, s3] = s.slopes;
    return s.jump + s1 * Math.min(past, b1) + s2 * Math.min(Math.max(past - b1, 0), b2) + s3 * Math.max(past - b1 - b2, 0);
  };
}

const magnitude = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 2 ** 42 }));
const shapes: fc.Arbitrary<Shape> = fc.record({
  answer: magnitude,
  tolerance: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
  climb: magnitude,
  jump: fc.oneof(fc.constant(Number.MIN_VALUE), fc.double({ min: 0.001, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 10_000_000 })),
  slopes: fc.tuple(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true })),
  bends: fc.tuple(magnitude, magnitude),
  overflowAfter: fc.option(magnitude, { nil: null }),
});

describe('the search for the largest affordable penny', () => {
  it('finds exactly the largest penny whose excess is at most zero, from any start, within a bounded number of tries', () => {
    fc.assert(
      fc.property(shapes, magnitude, (shape, start) => {
        let tries = 0;
        const excess = excessOf(shape);
        const found = largestPennyWithin(0, start, (n) => {
          // A search that crawls would take for ever: stop it at the bound instead.
          if (++tries > MOST_TRIES) throw new Error(`more than ${MOST_TRIES} tries`);
          return excess(n);
        });
        expect(found).toBe(shape.answer >= CEILING ? null : shape.answer);
      }),
      { numRuns: 2000 },
    );
  });

  it.each`
    case                                         | answer        | start         | most
    ${'a good start'}                            | ${4_424_157}  | ${4_424_157}  | ${3}
    ${'a start far below, on a straight line'}   | ${4_424_157}  | ${2_714_606}  | ${12}
    ${'a start far above, on a straight line'}   | ${4_424_157}  | ${9_000_000}  | ${12}
  `('needs few tries with $case', ({ answer, start, most }: { answer: number; start: number; most: number }) => {
    let tries = 0;
    const excess = excessOf({ answer, tolerance: 500_000, climb: 0, jump: 60, slopes: [60, 60, 60], bends: [0, 0], overflowAfter: null });
    expect(largestPennyWithin(0, start, (n) => (tries++, excess(n)))).toBe(answer);
    expect(tries).toBeLessThanOrEqual(most);
  });

  it('says there is no answer when even the ceiling passes', () => {
    expect(largestPennyWithin(0, 1000, () => -1)).toBeNull();
  });
});
