import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { WorkbookFileError, damaged } from './fileErrors';
import { type WorkbookPackage, refuseEncoding } from './package';

/** What a streaming read of one part listens for: element starts and ends by local name, and text. */
export interface PartHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(text: string): void;
}


/**
 * Reads a part with the saxes tokenizer, a piece at a time as it is inflated, so even the
 * largest sheet is never held whole. A DOCTYPE is refused; XML that is not well-formed
 * makes the package "damaged". Gives false if there is no such part.
 */
export async function readPartStreaming(pkg: WorkbookPackage, part: string, handlers: PartHandlers): Promise<boolean> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  let failure: unknown;
  parser.on('doctype', () => {
    throw new WorkbookFileError({ kind: 'doctype', part });
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined) refuseEncoding(part, decl.encoding);
  });
  // Some writers prefix the part's own namespace (`<x:worksheet>`, `<x:c>`); the root's prefix is
  // taken off its elements. Elements with any other prefix (extensions) keep it, and match nothing.
  let prefix: string | undefined;
  const local = (name: string): string => {
    if (prefix === undefined) {
      const i = name.indexOf(':');
      prefix = i < 0 ? '' : name.slice(0, i + 1);
    }
    return prefix !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
  };
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(local(tag.name), tag.attributes));
  parser.on('closetag', (tag: SaxesTagPlain) => handlers.close(local(tag.name)));
  parser.on('text', handlers.text);
  parser.on('cdata', handlers.text);
  parser.on('error', (e) => {
    failure ??= e;
    throw e;
  });
  // Only the tokenizer's own complaints mean bad XML; anything else is passed on as it is.
  const fail = (e: unknown): never => {
    if (failure !== undefined && e === failure) throw damaged(`its part ${part} is not well-formed XML`);
    throw e;
  };
  let found: boolean;
  try {
    found = await pkg.streamText(part, (text) => {
      parser.write(text);
    });
    if (found) parser.close();
  } catch (e) {
    return fail(e);
  }
  return found;
}
