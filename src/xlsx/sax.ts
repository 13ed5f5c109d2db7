import { WorkbookFileError, damaged } from './fileErrors';
import { type WorkbookPackage, refuseEncoding } from './package';
import { NotWellFormedXml, XmlStreamTokenizer } from './xmlStream';

/** What a streaming read of one part listens for: element starts and ends by local name, and text. */
export interface PartHandlers {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(text: string): void;
}

/**
 * Reads a part with the streaming tokenizer, a piece at a time as it is inflated, so even
 * the largest sheet is never held whole. A DOCTYPE is refused; XML that is not well-formed
 * makes the package "damaged". Gives false if there is no such part.
 */
export async function readPartStreaming(pkg: WorkbookPackage, part: string, handlers: PartHandlers): Promise<boolean> {
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
  const tokenizer = new XmlStreamTokenizer({
    declaration(encoding) {
      if (encoding !== undefined) refuseEncoding(part, encoding);
    },
    doctype() {
      throw new WorkbookFileError({ kind: 'doctype', part });
    },
    open: (name, attributes) => handlers.open(local(name), attributes),
    close: (name) => handlers.close(local(name)),
    text: handlers.text,
  });
  // Only the tokenizer's own complaints mean bad XML; anything else is passed on as it is.
  try {
    const found = await pkg.streamText(part, (text) => tokenizer.write(text));
    if (found) tokenizer.end();
    return found;
  } catch (e) {
    if (e instanceof NotWellFormedXml) throw damaged(`its part ${part} is not well-formed XML`);
    throw e;
  }
}
