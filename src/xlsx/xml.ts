import { DOMParser, XMLSerializer, onErrorStopParsing } from '@xmldom/xmldom';

/** The few XML needs of the package reader and writer: parse, serialise, escape. */
export type XmlDocument = ReturnType<DOMParser['parseFromString']>;
export type XmlElement = NonNullable<XmlDocument['documentElement']>;

/**
 * Parses a small part (the workbook, relationships, content types, styles, a table) into
 * a DOM. Anything that is not well-formed throws, rather than being half-read with a
 * warning on the console; the package reader turns that into "a damaged package".
 */
export function parseXml(text: string): XmlDocument {
  return new DOMParser({ onError: onErrorStopParsing, locator: false }).parseFromString(text, 'text/xml');
}

export function serializeXml(doc: XmlDocument): string {
  const body = new XMLSerializer().serializeToString(doc);
  return body.startsWith('<?xml') ? body : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;
}

/** Child elements with a local name. */
export function children(parent: XmlElement, localName: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as XmlElement).localName === localName) out.push(n as XmlElement);
  }
  return out;
}

export function child(parent: XmlElement, localName: string): XmlElement | undefined {
  return children(parent, localName)[0];
}

/** Characters XML 1.0 cannot hold at all (a pasted control character, say) are dropped. */
// eslint-disable-next-line no-control-regex
const invalidXmlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

// eslint-disable-next-line no-control-regex
const needsEscape = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function escapeText(text: string): string {
  // Most text (every locality name in England) has nothing to escape: test once rather than replace four times.
  if (!needsEscape.test(text)) return text;
  return text.replace(invalidXmlChars, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

/** `#2E75B6` → `FF2E75B6`, the ARGB spreadsheetml wants. */
export const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;
