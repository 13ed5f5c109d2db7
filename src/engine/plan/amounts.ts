import { type Pence, formatPounds, formatWholePounds, groupThousands } from '../money';
import type { AmountsShown } from '../parameters';
import type { NumberFormatName } from './types';

/** The number formats each `Show amounts in` choice gives cells, chart axes and chart labels (contract §5.7). */
export interface AmountFormats {
  readonly cell: NumberFormatName;
  readonly axis: NumberFormatName;
  readonly label: NumberFormatName;
}

/**
 * `£` whole pounds (the default), `£.p` pounds and pence, `£k` thousands to one decimal.
 * Axes and labels show whole pounds for `£.p`: pence on a chart are clutter, and the
 * cells beside it keep them.
 */
export const amountFormats = {
  pounds: { cell: 'pounds', axis: 'poundsAxis', label: 'poundsLabel' },
  'pounds-pence': { cell: 'pence', axis: 'poundsAxis', label: 'poundsLabel' },
  thousands: { cell: 'thousands', axis: 'thousandsAxis', label: 'thousandsLabel' },
} as const satisfies Record<AmountsShown, AmountFormats>;

/** `£791.5k`, `(£1.2k)`: thousands of pounds to one decimal, rounded half away from zero, as `£k` shows a cell. */
function formatThousands(p: Pence): string {
  const abs = Math.abs(p);
  // Tenths of a thousand pounds are £100, 10,000 pence.
  const tenths = Math.floor(abs / 10_000) + (abs % 10_000 >= 5_000 ? 1 : 0);
  const text = `£${groupThousands(Math.floor(tenths / 10))}.${tenths % 10}k`;
  return p < 0 && tenths > 0 ? `(${text})` : text;
}

/** An amount written in a sentence the way the cells beside it show it. */
export function amountText(p: Pence, shown: AmountsShown): string {
  switch (shown) {
    case 'pounds':
      return formatWholePounds(p);
    case 'pounds-pence':
      return formatPounds(p);
    case 'thousands':
      return formatThousands(p);
    default: {
      const never: never = shown;
      return never;
    }
  }
}
