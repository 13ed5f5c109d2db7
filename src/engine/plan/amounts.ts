import { type Pence, formatPounds, formatWholePounds, groupThousands, pence } from '../money';
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

/**
 * A summary amount in pounds (already to the penny, as the JSON summary and the pane's report
 * carry it) written the way the sheets show amounts, so the pane says what the sheets say.
 */
export const poundsAsShown = (pounds: number, shown: AmountsShown): string => amountText(pence(Math.round(pounds * 100)), shown);

/**
 * `£12,400 more`, `£3.5k less`, `no change`: a signed difference in words, as the sheets show
 * amounts. A difference too small to show that way (under 50p in whole pounds, under £50 in £k)
 * is written to the penny instead, so a real change never reads as "£0 more".
 */
export function differenceAsShown(change: Pence, shown: AmountsShown): string {
  if (change === 0) return 'no change';
  const size = pence(Math.abs(change));
  const tooSmall = (shown === 'pounds' && size < 50) || (shown === 'thousands' && size < 5_000);
  return `${tooSmall ? formatPounds(size) : amountText(size, shown)} ${change > 0 ? 'more' : 'less'}`;
}
