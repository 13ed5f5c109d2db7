#!/usr/bin/env node
/**
 * Checks manifest.xml offline, where `office-addin-manifest validate` cannot reach its web
 * service: first the structure against Microsoft's 2019 XSDs with xmllint, then what the
 * XSDs cannot see (every `resid` names a defined resource; every icon is a file in assets/).
 *
 *     node scripts/validateManifest.js [manifest.xml]
 *
 * Exit 0 valid, 1 invalid, 2 cannot check (xmllint or the schemas missing).
 * The schemas folder defaults to ../shared/schemas/office-manifest beside the repo;
 * MANIFEST_SCHEMAS overrides it.
 */
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { DOMParser } = require('@xmldom/xmldom');

const root = path.resolve(__dirname, '..');
const manifestPath = path.resolve(process.argv[2] ?? path.join(root, 'manifest.xml'));
const schemaDir = path.resolve(process.env.MANIFEST_SCHEMAS ?? path.join(root, '../shared/schemas/office-manifest'));
const schema = path.join(schemaDir, 'OfficeAppManifestV1_1.xsd');
const bt = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';

function cannotCheck(message) {
  console.error(`Cannot validate the manifest: ${message}`);
  process.exit(2);
}

function hasXmllint() {
  try {
    execFileSync('sh', ['-c', 'command -v xmllint'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Problems the XSDs cannot see, as plain sentences. */
function checkReferences(xml) {
  const problems = [];
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const defined = new Map();
  for (const kind of ['Image', 'Url', 'String']) {
    for (const el of Array.from(doc.getElementsByTagNameNS(bt, kind))) {
      const id = el.getAttribute('id');
      if (id) defined.set(id, el);
    }
  }
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    const resid = el.getAttribute('resid');
    if (resid !== null && resid !== '' && !defined.has(resid)) {
      problems.push(`<${el.tagName} resid="${resid}"> names no resource in <Resources>.`);
    }
  }
  const iconUrls = [
    ...['IconUrl', 'HighResolutionIconUrl'].flatMap((tag) => Array.from(doc.getElementsByTagName(tag))),
    ...Array.from(doc.getElementsByTagNameNS(bt, 'Image')).filter((el) => el.hasAttribute('id')),
  ].map((el) => el.getAttribute('DefaultValue') ?? '');
  for (const url of iconUrls) {
    const match = /^https:\/\/[^/]+\/(assets\/[^?#]+)$/.exec(url);
    if (!match) problems.push(`Icon URL ${url} is not an https URL under /assets/.`);
    else if (!existsSync(path.join(root, match[1]))) problems.push(`Icon URL ${url} has no file ${match[1]}.`);
  }
  return problems;
}

if (!existsSync(manifestPath)) cannotCheck(`${manifestPath} does not exist.`);
if (!hasXmllint()) cannotCheck('xmllint is not installed (apt-get install -y libxml2-utils).');
if (!existsSync(schema)) cannotCheck(`the manifest XSDs are not at ${schemaDir} (set MANIFEST_SCHEMAS).`);

// Run from the schema folder, as its README says: the root XSD imports the others by relative path.
const xsd = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, manifestPath], { cwd: schemaDir, encoding: 'utf8' });
process.stderr.write(xsd.stderr);
if (xsd.status === 5) cannotCheck(`the schema at ${schema} failed to compile.`);

const problems = xsd.status === 0 ? checkReferences(readFileSync(manifestPath, 'utf8')) : [];
for (const problem of problems) console.error(problem);

if (xsd.status !== 0 || problems.length > 0) {
  console.error(`${path.relative(process.cwd(), manifestPath) || manifestPath} is not valid.`);
  process.exit(1);
}
console.log(`${path.relative(process.cwd(), manifestPath) || manifestPath} is valid (XSD, resource ids, icon files).`);
