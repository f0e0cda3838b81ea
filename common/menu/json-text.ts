// Parses JSON text strictly, and when it is not valid JSON says where (line:column)
// and what was expected, so an operator can fix a hand-edited file. Pure.
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';

export type JsonTextResult =
  | { ok: true; value: unknown }
  | { ok: false; line: number; column: number; message: string };

// jsonc-parser's error codes, in words.
const reasons: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' between values",
  CloseBraceExpected: "expected '}' to close the object",
  CloseBracketExpected: "expected ']' to close the array",
  EndOfFileExpected: 'unexpected text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unfinished comment',
  UnexpectedEndOfString: 'unfinished string',
  UnexpectedEndOfNumber: 'unfinished number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string (use \\n, \\t for control characters)',
};

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

export function parseJsonText(text: string): JsonTextResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (text.trim() === '') return { ok: false, line: 1, column: 1, message: 'the file is empty' };
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (first) {
      const { line, column } = lineAndColumn(text, first.offset);
      const code = printParseErrorCode(first.error);
      return { ok: false, line, column, message: reasons[code] ?? code };
    }
    // Something JSON.parse rejects that the tolerant scanner accepts: report what JSON.parse said.
    const position = /position (\d+)/.exec(String(error));
    const { line, column } = lineAndColumn(text, position ? Number(position[1]) : 0);
    return { ok: false, line, column, message: error instanceof Error ? error.message : String(error) };
  }
}
