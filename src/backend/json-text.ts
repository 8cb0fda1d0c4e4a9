import { locateJsonError } from '#engine';
import { assertJsonDepth, SwitchyardError } from '#shared';

/**
 * Parses JSON file text; BAD_JSON names the file, the line and the column, so a hand-edited
 * file can be fixed without guessing.
 */
export function parseJsonText(source: string, text: string): unknown {
  // Editors on Windows like to start UTF-8 files with a byte order mark.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const where = locateJsonError(body);
    const reason =
      where === undefined
        ? err instanceof Error
          ? err.message
          : String(err)
        : `${where.reason} at line ${where.line}, column ${where.column}`;
    throw new SwitchyardError('BAD_JSON', `${source} is not valid JSON: ${reason}`);
  }
  assertJsonDepth(value, source);
  return value;
}

/** How the workspace stores documents: 2-space JSON with a final newline, friendly to diffs. */
export function prettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
