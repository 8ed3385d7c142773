import { CsvError, parse } from 'csv-parse/sync';

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

/**
 * Parses CSV text into records with their starting line numbers. Accepts a UTF-8 BOM, CRLF
 * or LF line ends, quoted cells spanning lines, and rows shorter than the header (missing
 * cells are empty). Undoes export's formula escaping. Throws {@link CsvSyntaxError}.
 */
export function parseCsv(text: string): CsvRecord[] {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` each record comes wrapped with its position; the typings miss that.
    parsed = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new CsvSyntaxError(error.message, typeof line === 'number' ? line : null);
    }
    throw error;
  }
  return parsed.map(({ record, info }) => {
    // `info.lines` is where the record ends; quoted line breaks inside it moved it down.
    const breaks = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    return {
      line: info.lines - breaks,
      cells: record.map((cell) => cell.replace(ESCAPED_FORMULA, '')),
    };
  });
}
