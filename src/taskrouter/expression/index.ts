import type { Expression } from './ast.js';
import { evaluate } from './evaluate.js';
import { parse } from './parse.js';
import { collectReferences } from './references.js';

export type * from './ast.js';
export { ExpressionError } from './expression-error.js';
export { print } from './print.js';

/** A TargetWorkers expression read once, to be matched against many workers. */
export interface CompiledExpression {
  /** The expression as given. */
  readonly text: string;
  readonly tree: Expression;
  /** Whether a worker with these attributes (a parsed JSON object) is eligible. Never throws. */
  matches(attributes: unknown): boolean;
  /**
   * The worker attribute paths the expression reads (`skills`, `routing.skills`, `languages[0]`),
   * each once, in the order written. A worker change that touches none of them (nor a container
   * on the way, such as `routing` for `routing.skills`) cannot change `matches`.
   */
  references(): readonly string[];
}

/**
 * Reads a TaskQueue's TargetWorkers expression; throws ExpressionError if it cannot be read.
 * Caching compiled expressions by text is the caller's job.
 */
export function compileExpression(text: string): CompiledExpression {
  const tree = parse(text);
  const paths: readonly string[] = Object.freeze(collectReferences(tree));
  return {
    text,
    tree,
    matches: (attributes) => evaluate(tree, attributes),
    references: () => paths,
  };
}
