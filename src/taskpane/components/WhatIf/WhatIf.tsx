import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { RunReport, SaveScenarioResult } from '../../../excel/host';
import { describeError } from '../../errorMessage';
import { type CellValue, type ChangeChoice, type TriedChange, changeChoices, poundsAsShown, scenarioNameProblem, tryChanges } from '../../../engine';

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

/** `£1,235 short, first in 2025/26` (money as the sheets show it), or `no shortfall`. */
function shortfallInWords(total: number, first: string | null, money: (pounds: number) => string): string {
  return first === null ? 'no shortfall' : `${money(total)} short, first in ${first}`;
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
export function WhatIf(props: {
  readonly report: FinishedReport;
  readonly now?: () => Date;
  /** Save as scenario: writes the tried changes as a Scenarios column (the host's `saveScenario`); without it the pane does not offer to save. */
  readonly onSave?: (name: string, changes: readonly TriedChange[]) => Promise<SaveScenarioResult>;
}) {
  const styles = useStyles();
  const { summary, affordability, input } = props.report;
  // Money as the sheets show it (Show amounts in): the pane writes no money of its own.
  const money = (pounds: number) => poundsAsShown(pounds, props.report.amountsShown);
  const choices = useMemo<ChangeChoice[]>(() => changeChoices(input), [input]);
  const [rows, setRows] = useState<readonly Row[]>([]);
  const { now } = props;
  const changes = useMemo<TriedChange[]>(() => rows.map((r) => ({ ...choices[r.choice].change, value: cellOf(r.typed) })), [rows, choices]);
  const tried = useMemo(() => (changes.length === 0 ? undefined : tryChanges(input, changes, { now: now?.() ?? new Date(), toolVersion: 'pane', host: 'Excel add-in' })), [input, changes, now]);
  const [scenarioName, setScenarioName] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<SaveScenarioResult | { readonly ok: false; readonly message: string } | undefined>(undefined);
  // The run's own rule for a scenario's name, against the cases the last run planned; the host checks the table as it is now.
  const nameProblem = scenarioName === '' ? null : scenarioNameProblem(scenarioName, summary.scenarios.map((c) => c.name));
  const { onSave } = props;
  const save = async () => {
    if (!onSave || nameProblem !== null || scenarioName.trim() === '') return;
    setSaving(true);
    setSaved(undefined);
    try {
      setSaved(await onSave(scenarioName.trim(), changes));
    } catch (error) {
      setSaved({ ok: false, message: describeError(error) });
    } finally {
      setSaving(false);
    }
  };
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
            <Text weight="semibold">{c.name}</Text>: {shortfallInWords(c.totalShortfall, c.firstShortfallYear, money)}
          </li>
        ))}
      </ul>
      {swings.length > 0 && (
        <>
          <h3 className={styles.subheading}>What moves the shortfall most</h3>
          <ol className={styles.list} aria-label="Largest swings">
            {swings.map((s) => (
              <li key={s.input}>
                {s.input}: {money(s.shortfallLow)} to {money(s.shortfallHigh)} (swing {money(s.swing)})
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
                <td>{money(tried.base.projection[k].shortfall)}</td>
                <td>{money(y.shortfall)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Total</th>
              <td>{money(tried.base.totalShortfall)}</td>
              <td>{money(tried.tried.totalShortfall)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {tried?.ok && onSave && (
        <>
          <h3 className={styles.subheading}>Save as scenario</h3>
          <Text>Adds these changes as a scenario column of the workbook's Scenarios table; the next run plans it.</Text>
          <Field
            label="Scenario name"
            hint='For example "Grant continues"'
            validationState={nameProblem !== null ? 'error' : 'none'}
            validationMessage={nameProblem === null ? undefined : nameProblem === 'blank' ? 'Give the scenario a name.' : nameProblem === 'repeated' ? 'The workbook already has a scenario of that name; give this one another name.' : '"Base" and "Confirmed funding only" are cases every run plans; give the scenario another name.'}
          >
            <Input value={scenarioName} onChange={(_, d) => setScenarioName(d.value)} />
          </Field>
          <div>
            <Button appearance="primary" onClick={() => void save()} disabled={saving || scenarioName.trim() === '' || nameProblem !== null}>
              {saving ? 'Saving…' : 'Save as scenario'}
            </Button>
          </div>
        </>
      )}
      {saved && (
        <MessageBar intent={saved.ok ? 'success' : 'error'} layout="multiline" role="status">
          <MessageBarBody>
            {saved.ok
              ? `Saved "${saved.name}" to the Scenarios table on the sheet "${saved.sheet}"${saved.created ? ' (a new table)' : ''}: ${rowsInWords(saved.rowsAdded, 'added')}${saved.rowsReused > 0 ? `, ${rowsInWords(saved.rowsReused, 'reused')}` : ''}. Run again to plan it.`
              : saved.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** `2 rows added`, `1 row reused`. */
const rowsInWords = (n: number, what: string): string => `${n} ${n === 1 ? 'row' : 'rows'} ${what}`;
