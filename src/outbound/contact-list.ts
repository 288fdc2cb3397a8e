/**
 * What a list reader (CSV, JSON) hands the import: its rows by column name, before any field
 * is checked. `line` is what a person fixing the list looks for: in a CSV, the row as a
 * spreadsheet shows it (the header is 1, and a quoted cell spanning several lines is one row);
 * in JSON, the item's 1-based position in the array. A problem with the list as a whole is on
 * line 1.
 */
export interface ImportProblem {
  readonly line: number;
  readonly reason: string;
  /** The offending text, when there is one. */
  readonly value?: string;
}

export type ListRow =
  | { readonly line: number; readonly values: ReadonlyMap<string, string> }
  | { readonly line: number; readonly problem: ImportProblem };

export type ListRead =
  | { readonly ok: false; readonly problem: ImportProblem }
  | {
      readonly ok: true;
      /** Every column name the list uses (a CSV's header, the keys of a JSON list's items). */
      readonly columns: readonly string[];
      /** About the columns; the rows are read all the same. */
      readonly notes: readonly ImportProblem[];
      /** Lazily made, so rows past a limit cost nothing more. */
      readonly rows: Iterable<ListRow>;
    };
