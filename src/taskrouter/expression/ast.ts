/**
 * The parsed form of a TaskRouter expression. Nodes keep the offset they start at so later
 * checks can point into the text; evaluation ignores positions.
 */

/** The constants the grammar has: strings, numbers, booleans, and null (a missing key's value). */
export type Scalar = string | number | boolean | null;

export type ComparisonOperator =
  '==' | '!=' | '>' | '>=' | '<' | '<=' | 'CONTAINS' | 'HAS' | 'IN' | 'NOT IN';

/** A key path segment: a property name, or an array index written `[n]`. */
export type PathSegment = string | number;

/**
 * `worker`: read from the worker's attributes (bare names, or the `worker.` prefix).
 * `task`: a `task.` reference. A queue's expression is evaluated with no task, so these are
 * always null here.
 */
export type ReferenceScope = 'worker' | 'task';

export interface Literal {
  readonly kind: 'literal';
  readonly value: Scalar | readonly Scalar[];
  readonly position: number;
}

export interface Reference {
  readonly kind: 'reference';
  readonly scope: ReferenceScope;
  readonly path: readonly PathSegment[];
  readonly position: number;
}

export type Operand = Literal | Reference;

export interface Comparison {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly left: Operand;
  readonly right: Operand;
  readonly position: number;
}

/** A lone `true`, `false` or reference used as a condition (true only when it is `true`). */
export interface Condition {
  readonly kind: 'condition';
  readonly operand: Operand;
  readonly position: number;
}

/**
 * Conditions joined by one of AND / OR, two or more, flat: `a OR b OR c` is one node, so a long
 * chain costs no depth. Only parentheses nest a node of the same kind inside another.
 */
export interface Logical {
  readonly kind: 'and' | 'or';
  readonly operands: readonly Expression[];
  readonly position: number;
}

export type Expression = Comparison | Condition | Logical;
