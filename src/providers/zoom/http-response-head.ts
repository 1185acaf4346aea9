/** An HTTP/1.1 answer's status line and headers; names lower-cased, repeated ones joined by ", ". */
export interface ResponseHead {
  status: number;
  headers: Map<string, string>;
}

/** Parses the text before the blank line of an HTTP/1.x answer; throws on anything else. */
export function parseResponseHead(text: string): ResponseHead {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!status) throw new Error(`not an HTTP/1.x status line: ${JSON.stringify(statusLine.slice(0, 40))}`);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error('a header line without a name');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    // Header values pass on to the reader's answer: control characters (a bare LF or CR among
    // them) would split it, so an answer carrying any is not taken.
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(value) || !/^[!#$%&'*+.^_`|~\w-]+$/.test(name)) throw new Error('a header with characters a header cannot have');
    const before = headers.get(name);
    headers.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  return { status: Number(status[1]), headers };
}
