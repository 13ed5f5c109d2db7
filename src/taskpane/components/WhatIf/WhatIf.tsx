import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { RunReport } from '../../../excel/host';
import { type CellValue, type ChangeChoice, type TriedChange, changeChoices, formatPoundsAmount, tryChanges } from '../../../engine';

type FinishedReport = Extract<RunReport, { ok: true }>;

/** How many of the largest swings the pane lists; the Sensitivity sheet has them all. */
export const swingsShown = 5;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  subheading: { ...typographyStyles.body1Strong, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'grid', rowGap: tokens.spacingVerticalXS },
  change: { display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr) auto', columnGap: tokens.spacingHorizontalS, alignItems: 'end' },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'right', padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}` }, '& th:first-child, & td:first-child': { textAlign: 'left' } },
});

/** `£1,234.50 short, first in 2025/26`, or `no shortfall`. */
function shortfallInWords(total: number, first: string | null): string {
  return first === null ? 'no shortfall' : `${formatPoundsAmount(total)} short, first in ${first}`;
}

/** A value typed in the pane as the input table would hold it: a number when it is one, otherwise the text as typed. */
function cellOf(typed: string): CellValue {
  const t = typed.trim();
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** The value a table holds, as the pane shows it in a text box. */
const shown = (v: CellValue): string => (v === null ? '' : typeof v === 'object' ? '' : String(v));

interface Row {
  readonly choice: number;
  readonly typed: string;
}

/**
 * What if (contract v1.1 §6, issue 12), after a run: each case's total shortfall and first
 * year with a gap, the five largest swings, the affordability answers in words; then Try
 * a change: a few inputs changed here are planned at once by the engine in the pane, as a
 * scenario, writing nothing, and the shortfall by year shown beside Base's.
 */
export function WhatIf(props: { readonly report: FinishedReport; readonly now?: () => Date }) {
  const styles = useStyles();
  const { summary, affordability, input } = props.report;
  const choices = useMemo<ChangeChoice[]>(() => changeChoices(input), [input]);
  const [rows, setRows] = useState<readonly Row[]>([]);
  const { now } = props;
  const tried = useMemo(() => {
    if (rows.length === 0) return undefined;
    const changes: TriedChange[] = rows.map((r) => ({ ...choices[r.choice].change, value: cellOf(r.typed) }));
    return tryChanges(input, changes, { now: now?.() ?? new Date(), toolVersion: 'pane', host: 'Excel add-in' });
  }, [input, rows, choices, now]);
  const swings = summary.sensitivity.slice(0, swingsShown);
  const add = () => setRows([...rows, { choice: 0, typed: shown(choices[0]?.current ?? null) }]);
  const update = (i: number, row: Row) => setRows(rows.map((r, k) => (k === i ? row : r)));

  return (
    <section className={styles.root} aria-labelledby="lp-whatif-title">
      <h2 id="lp-whatif-title" className={styles.heading}>
        What if
      </h2>
      <ul className={styles.list} aria-label="Cases planned">
        {summary.scenarios.map((c) => (
          <li key={c.name}>
            <Text weight="semibold">{c.name}</Text>: {shortfallInWords(c.totalShortfall, c.firstShortfallYear)}
          </li>
        ))}
      </ul>
      {swings.length > 0 && (
        <>
          <h3 className={styles.subheading}>What moves the shortfall most</h3>
          <ol className={styles.list} aria-label="Largest swings">
            {swings.map((s) => (
              <li key={s.input}>
                {s.input}: {formatPoundsAmount(s.shortfallLow)} to {formatPoundsAmount(s.shortfallHigh)} (swing {formatPoundsAmount(s.swing)})
              </li>
            ))}
          </ol>
        </>
      )}
      {affordability && (
        <>
          <h3 className={styles.subheading}>What the funding affords</h3>
          <ul className={styles.list} aria-label="Affordability">
            <li>{affordability.localities}</li>
            <li>{affordability.costPerLocality}</li>
            <li>{affordability.newRecurringFunding}</li>
          </ul>
        </>
      )}
      <h3 className={styles.subheading}>Try a change</h3>
      <Text>Change a few inputs here to see the shortfall at once. Nothing is written to the workbook.</Text>
      {rows.map((row, i) => {
        const problems = tried && !tried.ok ? tried.byChange[i] : [];
        return (
          <div key={i} className={styles.change} role="group" aria-label={`Change ${i + 1}`}>
            <Field label="What to change">
              <Select value={String(row.choice)} onChange={(_, d) => update(i, { choice: Number(d.value), typed: shown(choices[Number(d.value)].current) })}>
                {(['Parameters', 'Costs', 'Funding'] as const).map((group) => (
                  <optgroup key={group} label={group}>
                    {choices.flatMap((c, k) => (c.group === group ? [<option key={k} value={String(k)}>{c.label}</option>] : []))}
                  </optgroup>
                ))}
              </Select>
            </Field>
            <Field label="New value" validationState={problems.length > 0 ? 'error' : 'none'} validationMessage={problems.map((p) => p.message).join(' ') || undefined}>
              <Input value={row.typed} onChange={(_, d) => update(i, { ...row, typed: d.value })} />
            </Field>
            <Button onClick={() => setRows(rows.filter((_, k) => k !== i))}>Remove</Button>
          </div>
        );
      })}
      <div>
        <Button onClick={add} disabled={choices.length === 0}>
          Add a change
        </Button>
      </div>
      {tried && !tried.ok && tried.other.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{tried.other.map((i) => i.message).join(' ')}</MessageBarBody>
        </MessageBar>
      )}
      {tried?.ok && (
        <table className={styles.table} aria-label="Shortfall by year with the changes">
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col">Base</th>
              <th scope="col">With the changes</th>
            </tr>
          </thead>
          <tbody>
            {tried.tried.projection.map((y, k) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td>{formatPoundsAmount(tried.base.projection[k].shortfall)}</td>
                <td>{formatPoundsAmount(y.shortfall)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Total</th>
              <td>{formatPoundsAmount(tried.base.totalShortfall)}</td>
              <td>{formatPoundsAmount(tried.tried.totalShortfall)}</td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
