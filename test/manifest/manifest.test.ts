import { readFileSync, existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describeWith } from '../support/requires';
import { drawIcon, iconSizes } from '../../scripts/makeIcons';

const root = path.resolve(__dirname, '../..');
const manifestPath = path.join(root, 'manifest.xml');
const manifestXml = readFileSync(manifestPath, 'utf8');
const doc = new DOMParser().parseFromString(manifestXml, 'text/xml');
const bt = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';

const byTag = (tag: string): Element[] => Array.from(doc.getElementsByTagName(tag)) as unknown as Element[];
const byBt = (tag: string): Element[] => Array.from(doc.getElementsByTagNameNS(bt, tag)) as unknown as Element[];
const text = (tag: string): string => byTag(tag)[0]?.textContent?.trim() ?? '';

/** Resource ids by kind, as `<bt:Images>`, `<bt:Urls>`, `<bt:ShortStrings>`, `<bt:LongStrings>` define them. */
function resourcesIn(group: string, item: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const container of byBt(group)) {
    for (const el of Array.from(container.getElementsByTagNameNS(bt, item))) {
      out.set(el.getAttribute('id') ?? '', el.getAttribute('DefaultValue') ?? '');
    }
  }
  return out;
}

const images = resourcesIn('Images', 'Image');
const urls = resourcesIn('Urls', 'Url');
const shortStrings = resourcesIn('ShortStrings', 'String');
const longStrings = resourcesIn('LongStrings', 'String');

/** Every element that points at a resource, with the kind of resource it must be. */
function references(): { element: string; resid: string; kind: 'image' | 'url' | 'short' | 'long' }[] {
  return (Array.from(doc.getElementsByTagName('*')) as unknown as Element[])
    .filter((el) => el.hasAttribute('resid'))
    .map((el) => {
      const name = el.localName;
      const parent = (el.parentNode as Element | null)?.localName ?? '';
      const kind =
        name === 'Image' ? 'image'
        : name === 'SourceLocation' || name === 'FunctionFile' || name === 'LearnMoreUrl' ? 'url'
        : name === 'Description' ? 'long'
        : 'short';
      return { element: `${parent}/${name}`, resid: el.getAttribute('resid') ?? '', kind };
    });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The file under assets/ an icon URL is served from, or undefined if the URL is not under /assets/. */
function assetFor(url: string): string | undefined {
  const match = /^https:\/\/localhost:3000\/(assets\/[A-Za-z0-9._-]+)$/.exec(url);
  return match ? path.join(root, match[1]) : undefined;
}

describe('manifest.xml', () => {
  it('is an Excel task-pane add-in with a fixed GUID, ExcelApi 1.9 and read-write access', () => {
    expect(doc.documentElement!.getAttribute('xsi:type')).toBe('TaskPaneApp');
    expect(text('Id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(byTag('Host')[0].getAttribute('Name')).toBe('Workbook');
    const excelApi = byTag('Set').find((s) => s.getAttribute('Name') === 'ExcelApi');
    expect(excelApi?.getAttribute('MinVersion')).toBe('1.9');
    expect(text('Permissions')).toBe('ReadWriteDocument');
    expect(byTag('SourceLocation')[0].getAttribute('DefaultValue')).toBe('https://localhost:3000/taskpane.html');
    // Support is the help page served with the pane, not the pane itself.
    expect(byTag('SupportUrl')[0].getAttribute('DefaultValue')).toBe('https://localhost:3000/help.html');
    expect(urls.get('GetStarted.LearnMoreUrl')).toBe('https://localhost:3000/help.html');
  });

  it('puts a Locality Planner button on the Home tab that opens the task pane', () => {
    const tab = byTag('OfficeTab')[0];
    expect(tab.getAttribute('id')).toBe('TabHome');
    const button = byTag('Control').find((c) => c.getAttribute('xsi:type') === 'Button')!;
    const label = button.getElementsByTagName('Label')[0].getAttribute('resid')!;
    expect(shortStrings.get(label)).toBe('Locality Planner');
    const action = button.getElementsByTagName('Action')[0];
    expect(action.getAttribute('xsi:type')).toBe('ShowTaskpane');
    expect(urls.get(action.getElementsByTagName('SourceLocation')[0].getAttribute('resid')!)).toBe(
      'https://localhost:3000/taskpane.html',
    );
  });

  it('defines every resid it uses, as a resource of the right kind', () => {
    const refs = references();
    expect(refs.length).toBeGreaterThan(10);
    const unresolved = refs.filter(({ resid, kind }) => {
      const pool = { image: images, url: urls, short: shortStrings, long: longStrings }[kind];
      return !pool.has(resid);
    });
    expect(unresolved).toEqual([]);
  });

  it('serves every URL over https from the same origin as the task pane', () => {
    const all = [
      ...['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation'].flatMap((tag) =>
        byTag(tag).map((el) => el.getAttribute('DefaultValue')).filter((v): v is string => v !== null),
      ),
      ...images.values(),
      ...urls.values(),
    ];
    expect(all.filter((url) => !url.startsWith('https://localhost:3000/'))).toEqual([]);
  });

  it('keeps every string within the manifest limits (125 short, 250 long)', () => {
    expect([...shortStrings.values()].filter((s) => s.length > 125)).toEqual([]);
    expect([...longStrings.values()].filter((s) => s.length > 250)).toEqual([]);
  });

  it('maps every icon URL to a PNG in assets/ of the size it claims', () => {
    const claimed: { url: string; size: number }[] = [
      { url: byTag('IconUrl')[0].getAttribute('DefaultValue')!, size: 32 },
      { url: byTag('HighResolutionIconUrl')[0].getAttribute('DefaultValue')!, size: 64 },
      ...byBt('Image')
        .filter((el) => el.hasAttribute('size'))
        .map((el) => ({ url: images.get(el.getAttribute('resid')!) ?? '', size: Number(el.getAttribute('size')) })),
    ];
    expect(claimed.length).toBeGreaterThan(3);
    for (const { url, size } of claimed) {
      const file = assetFor(url);
      expect({ url, file: file && existsSync(file) }).toEqual({ url, file: true });
      expect(pngSize(file!)).toEqual({ width: size, height: size });
    }
  });

  it.each(iconSizes.map((size) => [size]))('ships assets/icon-%i.png exactly as scripts/makeIcons.ts draws it', (size) => {
    const committed = readFileSync(path.join(root, 'assets', `icon-${size}.png`));
    expect(committed.equals(drawIcon(size))).toBe(true);
  });
});

describeWith(['xmllint', 'manifest-schemas'], 'manifest.xml against the Office XSDs (npm run validate)', () => {
  const script = path.join(root, 'scripts/validateManifest.js');
  const validate = (file: string) => spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  const variant = (name: string, from: string, to: string): string => {
    expect(manifestXml).toContain(from);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-manifest-'));
    const file = path.join(dir, name);
    writeFileSync(file, manifestXml.replace(from, to));
    return file;
  };

  it('validates the real manifest', () => {
    const result = validate(manifestPath);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(result.stdout).toContain('is valid');
  });

  it('rejects a permission the schema does not know', () => {
    const result = validate(variant('bad-permission.xml', '<Permissions>ReadWriteDocument<', '<Permissions>WriteAll<'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Permissions');
  });

  it('rejects elements out of order', () => {
    const id = `<Id>${text('Id')}</Id>`;
    const version = `<Version>${text('Version')}</Version>`;
    const result = validate(variant('bad-order.xml', `${id}\n  ${version}`, `${version}\n  ${id}`));
    expect(result.status).toBe(1);
  });

  it('rejects a resid that names no resource, which the XSDs alone let through', () => {
    const result = validate(variant('dangling.xml', 'resid="Group.Label"', 'resid="Group.Missing"'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Group.Missing');
  });
});
