import type { ComparisonOperator, Scalar } from './ast.js';

/*
 * What each comparison means. Twilio's "Using TaskRouter Expressions"
 * (https://www.twilio.com/docs/taskrouter/expression-syntax) says:
 *   - scalar operators (== != > >= < <= CONTAINS) compare two scalars; on an array they are false;
 *   - HAS: does the array on the left contain the value on the right;
 *   - IN / NOT IN: does the scalar on the left (not) exist in the array on the right;
 *   - array operators on two scalars are false;
 *   - "comparisons between different types should be avoided".
 * Where the page is silent, the choices below are ours, and say so.
 */

/**
 * A string, number or boolean, as the docs mean by scalar, and null too (our choice): a missing
 * key's null then takes part in `==`, `!=`, IN and NOT IN like any other value.
 */
export function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

/**
 * Equality by value and type, with no coercion: `1 == "1"` is false (the docs only warn against
 * mixing types). Null is a value here, so a missing key `== null` is true and `!= "x"` is true.
 */
function sameScalar(left: Scalar, right: unknown): boolean {
  return left === right;
}

/** Ordering: two numbers numerically, two strings by UTF-16 code units; anything else is false. */
function order(left: unknown, right: unknown): number | undefined {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') {
    return left < right ? -1 : left > right ? 1 : 0;
  }
  return undefined;
}

function ordered(operator: '>' | '>=' | '<' | '<=', difference: number | undefined): boolean {
  if (difference === undefined) return false;
  if (operator === '>') return difference > 0;
  if (operator === '>=') return difference >= 0;
  if (operator === '<') return difference < 0;
  return difference <= 0;
}

function includesScalar(array: readonly unknown[], value: Scalar): boolean {
  for (const item of array) if (sameScalar(value, item)) return true;
  return false;
}

/** Applies one comparison to two resolved values. Never throws. */
export function applyOperator(
  operator: ComparisonOperator,
  left: unknown,
  right: unknown,
): boolean {
  switch (operator) {
    case '==':
      return isScalar(left) && isScalar(right) && sameScalar(left, right);
    case '!=':
      // Not `!(==)`: the docs make every scalar operator false on an array.
      return isScalar(left) && isScalar(right) && !sameScalar(left, right);
    case '>':
    case '>=':
    case '<':
    case '<=':
      return ordered(operator, order(left, right));
    case 'CONTAINS':
      // A scalar operator in the docs: substring, case-sensitive; an array on the left is false.
      return typeof left === 'string' && typeof right === 'string' && left.includes(right);
    case 'HAS':
      return Array.isArray(left) && isScalar(right) && includesScalar(left, right);
    case 'IN':
      return isScalar(left) && Array.isArray(right) && includesScalar(right, left);
    case 'NOT IN':
      // The negation of IN only where IN is defined (scalar left, array right); else false.
      return isScalar(left) && Array.isArray(right) && !includesScalar(right, left);
  }
}
