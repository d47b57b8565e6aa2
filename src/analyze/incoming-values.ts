// What a call site passes in a trace parameter's position: the caller's own trace id
// (threaded), an origin, a literal, nothing — or a value of unknown provenance.
import { ts } from 'ts-morph';
import { isLiteralValue, isStringLike, isUndefinedValue, unwrapExpression } from './function-likes.js';
import type { OriginRecognizer } from './origin-expressions.js';

export type Incoming =
  | { kind: 'threaded'; from: ts.Symbol; expression: ts.Expression }
  | { kind: 'origin-local'; declaration: ts.VariableDeclaration; expression: ts.Expression }
  | { kind: 'origin'; expression: ts.Expression }
  | { kind: 'literal'; expression: ts.Expression }
  | { kind: 'undefined'; expression: ts.Expression }
  | { kind: 'omitted' }
  | { kind: 'unproven'; expression: ts.Expression };

export interface IncomingContext {
  checker: ts.TypeChecker;
  origins: OriginRecognizer;
  /** Symbols of trace parameters and of their aliases (`const rid = reqId`). */
  isTraceSymbol(symbol: ts.Symbol): boolean;
}

export function classifyIncoming(ctx: IncomingContext, argument: ts.Expression | undefined): Incoming {
  if (!argument) return { kind: 'omitted' };
  if (isUndefinedValue(argument)) return { kind: 'undefined', expression: argument };
  const value = withoutLiteralFallback(unwrapExpression(argument));
  if (ts.isIdentifier(value)) {
    const symbol = ts.isShorthandPropertyAssignment(value.parent) && value.parent.name === value ? ctx.checker.getShorthandAssignmentValueSymbol(value.parent) : ctx.checker.getSymbolAtLocation(value);
    if (symbol && ctx.isTraceSymbol(symbol)) return { kind: 'threaded', from: symbol, expression: argument };
    const declaration = symbol?.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && isConstOrNeverReassigned(declaration) && declaration.initializer) {
      if (ctx.origins.isOrigin(declaration.initializer)) return { kind: 'origin-local', declaration, expression: argument };
    }
  }
  if (ctx.origins.isOrigin(argument)) return { kind: 'origin', expression: argument };
  if (isLiteralValue(argument) || isStringLike(unwrapExpression(argument))) return { kind: 'literal', expression: argument };
  return { kind: 'unproven', expression: argument };
}

/** `reqId ?? 'none'` and `reqId || 'none'` carry the caller's id. */
function withoutLiteralFallback(expr: ts.Expression): ts.Expression {
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if ((op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) && isLiteralValue(expr.right)) {
      return unwrapExpression(expr.left);
    }
  }
  return expr;
}

function isConstOrNeverReassigned(declaration: ts.VariableDeclaration): boolean {
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}
