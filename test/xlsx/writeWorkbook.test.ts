import { strFromU8, strToU8, unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { WorkbookPackage } from '../../src/xlsx/package';
import { readWorkbook } from '../../src/xlsx/readWorkbook';
import { rawCosts, rawParameters, rawParts, rawWorkbook, type RawWorkbook } from './rawWorkbook';
import { zipBytes } from './zipBytes';

/** The writer on the same package model as the reader: what it keeps, what it changes, by the output's name. */

const now = () => new Date('2026-11-23T12:00:00Z');
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const VBA = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]);

/** A macro-enabled workbook as Excel saves it: the macro part, its relationship and content types. */
const xlsm: RawWorkbook = {
  sheets: [rawParameters(), rawCosts()],
  mainContentType: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  edit: (p) => {
    p['xl/vbaProject.bin'] = VBA;
    p['xl/_rels/workbook.xml.rels'] = strToU8(strFromU8(p['xl/_rels/workbook.xml.rels']).replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
    p['[Content_Types].xml'] = strToU8(strFromU8(p['[Content_Types].xml']).replace('<Default Extension="xml"', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"'));
  },
};

/** Runs the CLI on the bytes as `input`, writing `output`; gives the exit code, what it printed and the output's parts. */
async function run(bytes: Uint8Array, input: string, output: string): Promise<{ code: number; out: string; parts: Record<string, Uint8Array> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-write-'));
  try {
    writeFileSync(path.join(dir, input), bytes);
    const out: string[] = [];
    const code = await main(['run', path.join(dir, input), '--out', path.join(dir, output)], { out: (t) => out.push(t), err: (t) => out.push(t) }, now);
    return { code, out: out.join('\n'), parts: code === 0 ? unzipSync(readFileSync(path.join(dir, output))) : {} };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const mainType = (parts: Record<string, Uint8Array>): string => /PartName="\/xl\/workbook\.xml" ContentType="([^"]+)"/.exec(strFromU8(parts['[Content_Types].xml']))![1];

describe('the output file name decides whether macros and the macro-enabled type are kept', () => {
  it.each`
    input           | output           | type                                                                            | macros
    ${'plan.xlsm'}  | ${'out.xlsm'}    | ${'application/vnd.ms-excel.sheet.macroEnabled.main+xml'}                       | ${true}
    ${'plan.xlsm'}  | ${'out.xlsx'}    | ${'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'} | ${false}
    ${'plan.xlsm'}  | ${'out.XLSX'}    | ${'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'} | ${false}
  `('writes $input as $output with the type Excel expects for that name', async ({ input, output, type, macros }) => {
    const { code, out, parts } = await run(rawWorkbook(xlsm), input, output);
    expect(code).toBe(0);
    expect(mainType(parts)).toBe(type);
    expect({ part: 'xl/vbaProject.bin' in parts, rel: strFromU8(parts['xl/_rels/workbook.xml.rels']).includes('vbaProject') }).toEqual({ part: macros, rel: macros });
    expect(out.includes('the macros in')).toBe(!macros);
    if (macros) expect(parts['xl/vbaProject.bin']).toEqual(VBA);
  });

  it('gives a plain workbook written under an .xlsm name the macro-enabled type', async () => {
    const { code, parts } = await run(rawWorkbook({ sheets: [rawParameters(), rawCosts()] }), 'plan.xlsx', 'out.xlsm');
    expect(code).toBe(0);
    expect(mainType(parts)).toBe('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
  });
});

describe('parts the planner does not read are copied as they were', () => {
  it('copies a part with a DOCTYPE byte for byte, never re-serialising it', async () => {
    const custom = '<?xml version="1.0"?>\n<!DOCTYPE note [<!ENTITY who "finance">]><note>&who;</note>';
    const bytes = rawWorkbook({ sheets: [rawParameters(), rawCosts()], edit: (p) => (p['customXml/item1.xml'] = strToU8(custom)) });
    const { code, parts } = await run(bytes, 'plan.xlsx', 'out.xlsx');
    expect(code).toBe(0);
    expect(strFromU8(parts['customXml/item1.xml'])).toBe(custom);
  });

  it('numbers new parts clear of existing ones whose names differ only in case', async () => {
    const parts = rawParts({ sheets: [rawParameters(), rawCosts()] });
    const renamed = Object.entries(parts).map(([name, data]) => {
      const text = strFromU8(data);
      const fixed = name === 'xl/_rels/workbook.xml.rels' || name === '[Content_Types].xml' ? text.replace('worksheets/sheet2.xml', 'worksheets/Sheet2.xml') : text;
      return { name: name === 'xl/worksheets/sheet2.xml' ? 'xl/worksheets/Sheet2.xml' : name, data: fixed, deflate: true };
    });
    const { code, parts: out } = await run(zipBytes(renamed), 'plan.xlsx', 'out.xlsx');
    expect(code).toBe(0);
    const names = Object.keys(out).map((n) => n.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(strFromU8(out['xl/worksheets/Sheet2.xml'])).toContain('Locality Manager');
  });
});

describe('the package model is shared by reading and writing', () => {
  it('reads and writes from one opened package, and can write it more than once', async () => {
    const { writeResultsWorkbook } = await import('../../src/xlsx/writeWorkbook');
    const { runPlanner } = await import('../../src/engine');
    const pkg = WorkbookPackage.open(rawWorkbook({ sheets: [rawParameters(), rawCosts()] }));
    const outcome = runPlanner(await readWorkbook(pkg), { now: now(), toolVersion: 'test', host: 'test' });
    if (!outcome.ok) throw new Error('the plan did not run');
    const first = await writeResultsWorkbook(pkg, outcome.plan);
    const second = await writeResultsWorkbook(pkg, outcome.plan);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
    expect(Object.keys(unzipSync(first))).toContain('xl/worksheets/sheet3.xml');
    expect(strFromU8(unzipSync(first)['xl/workbook.xml'])).toContain(`xmlns:r="${R}"`);
  });
});
