import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { ApiError } from '../../../core/errors.js';

const NEWLINE = 0x0a;

/** The `charset` parameter of a Content-Type, lower-cased; null when there is none. */
export function charsetOf(contentType: string): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match ? match[1]!.toLowerCase() : null;
}

/** The 1-based line holding the first bytes that aren't UTF-8 (lines end with LF in any encoding we read). */
function firstNonUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = bytes.length;
    if (!isUtf8(bytes.subarray(start, end))) return line;
    line += 1;
    start = end + 1;
  }
  return line;
}

/**
 * Turns the uploaded bytes into text. Without a `charset` (or with `utf-8`) the bytes must be
 * UTF-8: a file saved as Latin-1 or Windows-1252 by an older spreadsheet is refused with the
 * line of its first foreign byte, rather than imported as "Jos�". With a `charset` the
 * bytes are decoded as it says (any WHATWG encoding label: `iso-8859-1`, `windows-1252`,
 * `utf-16le`, `shift_jis`…).
 */
export function decodeCsv(bytes: Uint8Array, charset: string | null): string {
  if (charset === null || charset === 'utf-8' || charset === 'utf8') {
    if (!isUtf8(bytes)) {
      const line = firstNonUtf8Line(bytes);
      throw new ApiError(
        'validation_failed',
        `Line ${line} has bytes that aren't UTF-8. Save the file as UTF-8, or name its encoding in the Content-Type (e.g. \`text/csv; charset=windows-1252\`).`,
        { errors: [{ path: `line ${line}`, message: 'is not UTF-8' }] },
      );
    }
    return new TextDecoder('utf-8').decode(bytes);
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    throw new ApiError('validation_failed', `Unknown charset \`${charset}\`.`, {
      errors: [
        {
          path: 'Content-Type',
          message: `charset ${charset} is not an encoding this server reads`,
        },
      ],
    });
  }
  return decoder.decode(bytes);
}
