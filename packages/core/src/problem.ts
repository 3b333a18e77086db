/** A place in a source file, 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

/** One thing wrong with user input. Validation returns all of them; nothing throws for user mistakes. */
export interface Problem {
  file: string;
  /** 1-based; 0 when the problem has no position (e.g. the file cannot be read). */
  line: number;
  col: number;
  /** JSON pointer-ish path into the document, e.g. `/trunks/3/name`; "" for the whole file. */
  path: string;
  message: string;
  severity: "error" | "warning";
}
