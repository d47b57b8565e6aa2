// What a call site passes in a trace parameter's position: the caller's own trace id
// (threaded), an origin, a literal, nothing — or a value of unknown provenance.
import { ts } from '../syntax/typescript.js';
import { isConstDeclaration } from '../syntax/declarations.js';
import { isLiteralValue, isStringLike, isUndefinedValue, unwrapExpression } from '../syntax/function-likes.js';
import type { OriginRecognizer } from './origin-expressions.js';

export type Incoming =
  | { kind: 'threaded'; from: ts.Symbol; expression: ts.Expression }
  | { kind: 'origin-local'; declaration: ts.VariableDeclaration; name: ts.Identifier; expression: ts.Expression }
  /** A local born from an origin expression but used as a business key: not a trace id. */
  | { kind: 'business-local'; expression: ts.Expression; sink: ts.Node; detail: string }
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
  /** How a local is used as a business value (a key, a comparison, stored), if it is. */
  businessUseOf(name: ts.Identifier): { sink: ts.Node; detail: string } | undefined;
}

export function classifyIncoming(ctx: IncomingContext, argument: ts.Expression | undefined): Incoming {
  if (!argument) return { kind: 'omitted' };
  if (isUndefinedValue(argument)) return { kind: 'undefined', expression: argument };
  const value = withoutLiteralFallback(unwrapExpression(argument));
  if (ts.isIdentifier(value)) {
    const symbol = ts.isShorthandPropertyAssignment(value.parent) && value.parent.name === value ? ctx.checker.getShorthandAssignmentValueSymbol(value.parent) : ctx.checker.getSymbolAtLocation(value);
    if (symbol && ctx.isTraceSymbol(symbol)) return { kind: 'threaded', from: symbol, expression: argument };
    const local = symbol?.valueDeclaration && originLocalOf(ctx, symbol.valueDeclaration);
    if (local) {
      const business = ctx.businessUseOf(local.name);
      if (business) return { kind: 'business-local', expression: argument, ...business };
      return { kind: 'origin-local', ...local, expression: argument };
    }
  }
  if (ctx.origins.isOrigin(argument)) return { kind: 'origin', expression: argument };
  if (isLiteralValue(argument) || isStringLike(unwrapExpression(argument))) return { kind: 'literal', expression: argument };
  return { kind: 'unproven', expression: argument };
}

/**
 * A const local born from an origin: `const reqId = req.headers[…] ?? randomUUID()`, or a trace
 * field destructured from a carrier: `const { traceId } = job.data`.
 */
export function originLocalOf(ctx: Pick<IncomingContext, 'origins'>, declaration: ts.Declaration): { declaration: ts.VariableDeclaration; name: ts.Identifier } | undefined {
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
    if (isConstDeclaration(declaration) && declaration.initializer && ctx.origins.isOrigin(declaration.initializer)) return { declaration, name: declaration.name };
    return undefined;
  }
  if (ts.isBindingElement(declaration) && ts.isIdentifier(declaration.name) && ts.isObjectBindingPattern(declaration.parent)) {
    const variable = declaration.parent.parent;
    if (!ts.isVariableDeclaration(variable) || !variable.initializer || !isConstDeclaration(variable)) return undefined;
    const key = declaration.propertyName ?? declaration.name;
    if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return undefined;
    if (ctx.origins.isTraceFieldOf(key.text, variable.initializer)) return { declaration: variable, name: declaration.name };
  }
  return undefined;
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
