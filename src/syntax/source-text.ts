// A source file as read from disk, normalised for analysis but remembering how to write it back.

export interface SourceText {
  /** Absolute path. */
  path: string;
  /** The text without its byte-order mark; offsets in the AST refer to this. */
  text: string;
  /** The file started with a UTF-8 BOM (kept on write). */
  bom: boolean;
  /** The file's dominant line ending; inserted text uses it. */
  eol: '\n' | '\r\n';
  /** File mode bits (kept on write). */
  mode: number;
}
