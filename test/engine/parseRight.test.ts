import fc from 'fast-check';
import { type CellValue, type PlannerOutcome, type WorkbookInput, runPlanner, unsavedFormula } from '../../src/engine';
import { nameKey } from '../../src/engine/names';
import { readAmount, readNumber, readRate } from '../../src/engine/read/values';
import { table, testContext, workbook } from '../support/tables';

/**
 * Parse right (issue 10 part 3): a value is read as the user sees it or refused, never
 * quietly changed. Spaces inside digits and a second sign are refused; names that look
 * alike are one name; a formula with no saved result is never blank.
 */

const ok = (o: PlannerOutcome) => {
  if (!o.ok) throw new Error(o.issues.map((i) => `${i.sheet}!${i.cell}: ${i.message}`).join('\n'));
  return o;
};
const errors = (o: PlannerOutcome) => o.issues.filter((i) => i.severity === 'error').map((i) => `${i.sheet ?? i.table}!${i.cell ?? ''} ${i.code}: ${i.message}`);

describe('spaces inside numbers', () => {
  it.each`
    text                    | pence
    ${'75 000'}             | ${7_500_000}
    ${'75\u00a0000'}        | ${7_500_000}
    ${'75\u2009000'}        | ${7_500_000}
    ${'75\u202f000'}        | ${7_500_000}
    ${'1 234 567.89'}       | ${123_456_789}
    ${'£ 75 000'}           | ${7_500_000}
    ${' (1 200) '}          | ${-120_000}
  `('accepts thousands groups separated by a space: $text is $pence pence', ({ text, pence }) => {
    expect(readAmount(text)).toEqual({ ok: true, value: pence });
  });

  it.each`
    read          | text              | code
    ${readAmount} | ${'45000 50000'}  | ${'BAD_AMOUNT'}
    ${readAmount} | ${'75 00'}        | ${'BAD_AMOUNT'}
    ${readNumber} | ${'1500 1600'}    | ${'BAD_NUMBER'}
    ${readRate}   | ${'3 8%'}         | ${'BAD_RATE'}
  `('refuses $text, a space inside the digits, instead of deleting the space', ({ read, text, code }) => {
    expect(read(text)).toEqual({ ok: false, problem: expect.objectContaining({ code, hint: 'space-inside' }) });
  });

  it('says in the message why a space inside a number is refused', () => {
    const o = runPlanner(workbook(table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13']]), table('Costs', [['Cost line', 'Unit cost'], ['Manager', '45000 50000']])), testContext);
    expect(errors(o)).toEqual([
      'Costs!B2 BAD_AMOUNT: Unit cost should be an amount such as £75,000, 75000.50 or (1,200); found "45000 50000", which has a space inside the number (only groups of three digits may be separated by a space, as in 75 000).',
    ]);
  });

  it.each(['20 11/12', '2 011'])('refuses the year %s with a space inside it', (text) => {
    const o = runPlanner(workbook(table('Parameters', [['Parameter', 'Value'], ['First year', text]])), testContext);
    expect(errors(o)).toEqual(['Parameters!B2 BAD_YEAR: First year should be a financial year such as 2011/12, but it has a space inside the year; write it as 2011/12.']);
  });

  it('still accepts spaces around the parts of a year: FY 2011 / 12', () => {
    const o = ok(runPlanner(workbook(table('Parameters', [['Parameter', 'Value'], ['First year', 'FY 2011 / 12']]), table('Costs', [['Cost line', 'Unit cost'], ['Manager', 1]])), testContext));
    expect(o.summary.years[0]).toBe('2011/12');
  });
});

describe('one sign only', () => {
  it.each`
    text          | pence
    ${'-5000'}    | ${-500_000}
    ${'(5,000)'}  | ${-500_000}
    ${'-£75'}     | ${-7_500}
    ${'£-75'}     | ${-7_500}
    ${'+75'}      | ${7_500}
  `('reads $text with its one sign', ({ text, pence }) => {
    expect(readAmount(text)).toEqual({ ok: true, value: pence });
  });

  it.each(['--5000', '(-5000)', '-£-75', '+-5', '-(5)', '(+5)'])('refuses %s, which has two signs', (text) => {
    expect(readAmount(text)).toEqual({ ok: false, problem: { code: 'BAD_AMOUNT', found: text, hint: 'two-signs' } });
  });

  it('says in the message why two signs are refused', () => {
    const o = runPlanner(workbook(table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13']]), table('Costs', [['Cost line', 'Unit cost'], ['Saving', '(-5000)']])), testContext);
    expect(errors(o)).toEqual(['Costs!B2 BAD_AMOUNT: Unit cost should be an amount such as £75,000, 75000.50 or (1,200); found "(-5000)", which has more than one sign (write -5,000 or (5,000)).']);
  });
});

describe('names that look alike are one name', () => {
  it.each`
    a                       | b
    ${'Cannock Chase'}      | ${'Cannock  Chase'}
    ${'Cannock Chase'}      | ${'Cannock\u00a0Chase'}
    ${'Cannock Chase'}      | ${'Cannock\u200bChase'.replace('\u200b', ' \u200b')}
    ${'Ynys Môn'}           | ${'Ynys Mo\u0302n'}
    ${'Tamworth'}           | ${'\ufeffTamworth\u2060'}
    ${'castle'}             | ${'CASTLE '}
  `('compares "$a" and "$b" as one name', ({ a, b }) => {
    expect(nameKey(b)).toBe(nameKey(a));
  });

  it.each(['Stoke-on-Trent', 'Stoke on Trent2', 'Newcastle'])('keeps %s apart from "Stoke on Trent"', (other) => {
    expect(nameKey(other)).not.toBe(nameKey('Stoke on Trent'));
  });

  // nameKey takes a short cut for plain ASCII names (England's); the short cut must give the full rule's key for every name.
  const fullKey = (text: string): string => text.normalize('NFC').replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/[\s\u00a0\u2007\u2009\u202f]+/g, ' ').trim().toLowerCase();

  it('gives every name the key the full rule gives, plain ASCII names included', () => {
    const piece = fc.constantFrom('a', 'Z', '0', '-', "'", ' ', '  ', '\t', '\u00a0', '\u200b', 'o\u0302', 'ô', '\ufeff', ',', '~', '\u007f', '\n');
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), (name) => nameKey(name) === fullKey(name)), { numRuns: 5000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (name) => nameKey(name) === fullKey(name)), { numRuns: 5000 });
  });

  it.each(['Tendring 018A', ' Tendring 018A', 'Tendring 018A ', 'Tendring  018A', 'Tendring\t018A', ''])('keys %j as the full rule does', (name) => {
    expect(nameKey(name)).toBe(fullKey(name));
  });

  it.each`
    first              | again                     | why
    ${'Cannock Chase'} | ${'Cannock\u00a0Chase'}   | ${'a no-break space'}
    ${'Cannock Chase'} | ${'Cannock\u200b Chase'}  | ${'an invisible (zero-width) character'}
    ${'Cannock Chase'} | ${'Cannock  Chase'}       | ${'extra spaces'}
    ${'Ynys Môn'}      | ${'Ynys Mo\u0302n'}        | ${'how an accented letter is encoded'}
  `('refuses "$again" as a second "$first", naming both cells and what differs', ({ first, again, why }) => {
    const o = runPlanner(workbook(table('Localities', [['Locality', 'IMD Rank'], [first, 1], [again, 2]]), table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13']])), testContext);
    expect(errors(o)).toEqual([`Localities!A3 DUPLICATE_LOCALITY: the locality "${again.trim()}" appears again (first at A2; the two differ only by ${why}, which Excel does not show); each locality must be listed once.`]);
  });

  it('puts localities whose districts look alike in one district', () => {
    const o = ok(runPlanner(workbook(
      table('Localities', [['Locality', 'District', 'IMD Rank'], ['A', 'Cannock Chase', 1], ['B', 'Cannock\u00a0Chase', 2], ['C', 'Tamworth', 3]]),
      table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['Per district', 1]]),
    ), testContext));
    expect(o.summary.selected.map((s) => s.locality)).toEqual(['A', 'C']);
    expect(o.results.priorities.find((p) => p.locality.name === 'B')!.districtRank).toBe(2);
  });

  it('finds the locality a cost line names, however its spaces are typed, and shows it as written in Costs', () => {
    const o = ok(runPlanner(workbook(
      table('Localities', [['Locality', 'IMD Rank'], ['Cannock Chase 001A', 1]]),
      table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['Years', 1]]),
      table('Costs', [['Cost line', 'Applies to', 'Unit cost'], ['Rent', 'Cannock\u00a0Chase  001A', 1000]]),
    ), testContext));
    expect(o.results.costs.lines[0]).toMatchObject({ label: 'Rent (Cannock\u00a0Chase  001A)', amounts: [100_000] });
  });
});

describe('a formula with no saved result', () => {
  const formula = unsavedFormula('B2*2');
  const says = 'holds a formula with no saved result (=B2*2): the file was saved by a program that does not calculate; open and save it in Excel or LibreOffice, or type the value.';
  const base = (over: { parameters?: CellValue[][]; costs?: CellValue[][]; localities?: CellValue[][]; funding?: CellValue[][] }): WorkbookInput =>
    workbook(
      table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ...(over.parameters ?? [])]),
      table('Costs', over.costs ?? [['Cost line', 'Unit cost'], ['Manager', 1000]]),
      ...(over.localities ? [table('Localities', over.localities)] : []),
      ...(over.funding ? [table('Funding', over.funding)] : []),
    );

  it.each`
    where                      | wb                                                                                                   | cell
    ${'a Parameters value'}    | ${base({ parameters: [['Cost per locality', formula]] })}                                            | ${'Parameters!B3'}
    ${'a Unit cost'}           | ${base({ costs: [['Cost line', 'Unit cost'], ['Manager', formula]] })}                               | ${'Costs!B2'}
    ${'a year amount'}         | ${base({ costs: [['Cost line', '2012/13'], ['Manager', formula]] })}                                 | ${'Costs!B2'}
    ${'a cost line name'}      | ${base({ costs: [['Cost line', 'Unit cost'], [formula, 5]] })}                                       | ${'Costs!A2'}
    ${'an Applies to'}         | ${base({ costs: [['Cost line', 'Applies to', 'Unit cost'], ['Manager', formula, 5]] })}              | ${'Costs!B2'}
    ${'a Locality'}            | ${base({ localities: [['Locality', 'IMD Rank'], [formula, 1]] })}                                    | ${'Localities!A2'}
    ${'an indicator value'}    | ${base({ localities: [['Locality', 'IMD Rank'], ['A', formula]] })}                                  | ${'Localities!B2'}
    ${'a Kind'}                | ${base({ funding: [['Source', 'Kind', 'Annual amount'], ['Grant', formula, 5]] })}                   | ${'Funding!B2'}
    ${'a header'}              | ${base({ costs: [['Cost line', formula, 'Unit cost'], ['Manager', 5, 5]] })}                          | ${'Costs!B1'}
  `('is an input error at its cell in $where, never a blank', ({ wb, cell }) => {
    const o = runPlanner(wb as WorkbookInput, testContext);
    const found = o.issues.filter((i) => i.code === 'UNSAVED_FORMULA');
    expect(found.map((i) => `${i.sheet}!${i.cell}`)).toEqual([cell]);
    expect(found[0].severity).toBe('error');
    expect(found[0].message.endsWith(says)).toBe(true);
    expect(o.ok).toBe(false);
  });

  it('gives the same fingerprint for rows cut at their last value and rows padded with blanks, as the two hosts give them', () => {
    const localities = (pad: number) =>
      table('Localities', [
        ['Locality', 'District', 'IMD Rank', null, 'Note'],
        ['A', 'Cannock Chase', 1, ...Array<CellValue>(pad).fill(null)],
        ['B', 'Tamworth', 2, null, 'kept', ...Array<CellValue>(pad).fill(null)],
      ]);
    const parameters = table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['Per district', 1]]);
    const fingerprintWith = (pad: number) => ok(runPlanner(workbook(localities(pad), parameters), testContext)).results.fingerprint;
    expect(fingerprintWith(3)).toBe(fingerprintWith(0));
    expect(fingerprintWith(0)).not.toBe(ok(runPlanner(workbook(table('Localities', [['Locality', 'District', 'IMD Rank'], ['A', 'Cannock Chase', 1], ['B', 'Tamworth', 3]]), parameters), testContext)).results.fingerprint);
  });

  it('tells a formula from a blank in the fingerprint', () => {
    const run = (value: CellValue) => ok(runPlanner(base({ costs: [['Cost line', 'Unit cost', 'Note'], ['Manager', 1000, value]] }), testContext)).results.fingerprint;
    expect(run(null)).not.toBe(run(unsavedFormula('')));
  });
});

describe('merged cells the host spread over their area', () => {
  it('notes each merged area over data, naming the area and what it was read as, and runs on', () => {
    const localities = { ...table('Localities', [['Locality', 'District', 'IMD Rank'], ['A', 'Cannock Chase', 1], ['B', 'Cannock Chase', 2], ['C', 'Tamworth', 3]]), mergedRanges: ['B2:B3'] };
    const o = ok(runPlanner(workbook(localities, table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13'], ['Per district', 1]])), testContext));
    expect(o.issues).toEqual([expect.objectContaining({ code: 'MERGED_CELLS', severity: 'warning', sheet: 'Localities', cell: 'B2', area: 'B2:B3', message: 'one merged cell; its value "Cannock Chase" is read for each of its rows.' })]);
    expect(o.summary.warnings).toContainEqual(expect.objectContaining({ severity: 'Low', code: 'INPUT', message: 'Localities!B2:B3: one merged cell; its value "Cannock Chase" is read for each of its rows.' }));
    expect(o.summary.selected.map((s) => s.locality)).toEqual(['A', 'C']);
  });

  it('reads a merged header cell once, at its first column, whatever the host copied across', () => {
    const localities = { ...table('Localities', [['Locality', 'IMD Rank', 'IMD Rank'], ['A', 1, 5], ['B', 2, 6]]), mergedRanges: ['B1:C1'] };
    const o = ok(runPlanner(workbook(localities, table('Parameters', [['Parameter', 'Value'], ['First year', '2012/13']])), testContext));
    expect(o.issues.map((i) => `${i.code} ${i.cell}`)).toEqual(['UNHEADED_COLUMN C1']);
  });
});
