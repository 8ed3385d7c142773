import { Readable } from 'node:stream';
import { CsvError, parse as parseStream } from 'csv-parse';

/** One CSV record and the line it starts on (the header is line 1, as in a spreadsheet). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** Why a file couldn't be read at all. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** A leading `'` that export adds so spreadsheets don't run `=…`, `+…`, `-…`, `@…` as formulas. */
const ESCAPED_FORMULA = /^'(?=[=+\-@\t\r])/;

/** Bytes handed to the parser per step: about a hundred rows, a few milliseconds of work. */
const STEP_BYTES = 16 * 1024;

/**
 * Parses CSV text into records with their starting line numbers. Accepts a UTF-8 BOM, CRLF
 * or LF line ends, quoted cells spanning lines, and rows shorter than the header (missing
 * cells are empty). Undoes export's formula escaping. Throws {@link CsvSyntaxError}.
 *
 * Works in steps: the parser gets the file a slice at a time and `pace()` is awaited after
 * each record, so a 5 MB file never holds the event loop for long (see `createPacer`).
 */
export async function parseCsv(text: string, pace: () => Promise<void>): Promise<CsvRecord[]> {
  // Byte slices: the parser carries a character split between two of them over.
  const bytes = Buffer.from(normaliseLineEnds(text));
  const slices = (function* () {
    for (let at = 0; at < bytes.length; at += STEP_BYTES) yield bytes.subarray(at, at + STEP_BYTES);
  })();
  const records: CsvRecord[] = [];
  try {
    const parser = Readable.from(slices, { objectMode: false }).pipe(parseStream(PARSE_OPTIONS));
    for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
      records.push(toCsvRecord(parsed));
      await pace();
    }
  } catch (error) {
    throw asSyntaxError(error);
  }
  return records;
}

// With `info: true` each record comes wrapped with its position; the typings miss that.
type ParsedRecord = { record: string[]; info: { lines: number } };

const PARSE_OPTIONS = {
  bom: true,
  info: true,
  relax_column_count: true,
  skip_empty_lines: true,
} as const;

const normaliseLineEnds = (text: string) => text.replace(/\r\n?/g, '\n');

function asSyntaxError(error: unknown): unknown {
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines;
    return new CsvSyntaxError(error.message, typeof line === 'number' ? line : null);
  }
  return error;
}

function toCsvRecord({ record, info }: ParsedRecord): CsvRecord {
  // `info.lines` is where the record ends; quoted line breaks inside it moved it down.
  const breaks = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  return {
    line: info.lines - breaks,
    cells: record.map((cell) => cell.replace(ESCAPED_FORMULA, '')),
  };
}
