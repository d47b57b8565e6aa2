// Parameters a framework fills from the request through a custom decorator: NestJS's
// `export const CorrelationId = createParamDecorator((data, ctx) => ctx.switchToHttp().getRequest().correlationId || 'N/A')`
// and `getX(@CorrelationId() id: string)`. What the decorator returns is what the parameter holds,
// so its factory's return values say whether the parameter is the request's id.
import { ts } from '../syntax/typescript.js';
import { isFunctionLike, isLiteralValue, returnedExpressions, unwrapExpression } from '../syntax/function-likes.js';
import { readsStoredId, type MiddlewareStore } from './middleware-stores.js';

/**
 * The function a parameter decorator runs to produce the value: the function argument of the
 * call that created the decorator (`createParamDecorator(fn)`), for `@Name()` and `@Name`.
 */
export function decoratorFactories(checker: ts.TypeChecker, param: ts.ParameterDeclaration): ts.SignatureDeclaration[] {
  const decorators = ts.canHaveDecorators(param) ? ts.getDecorators(param) ?? [] : [];
  const out: ts.SignatureDeclaration[] = [];
  for (const decorator of decorators) {
    const e = unwrapExpression(decorator.expression);
    const callee = ts.isCallExpression(e) ? unwrapExpression(e.expression) : e;
    let symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) continue;
    if (declaration.getSourceFile().isDeclarationFile) continue;
    const creation = unwrapExpression(declaration.initializer);
    if (!ts.isCallExpression(creation)) continue;
    const factory = creation.arguments.map((arg) => unwrapExpression(arg)).find((arg) => isFunctionLike(arg));
    if (factory) out.push(factory as ts.SignatureDeclaration);
  }
  return out;
}

/** The values a decorator's factory may return, split at `||` / `??` fallbacks. */
export function injectedAlternatives(factory: ts.SignatureDeclaration): ts.Expression[] {
  const out: ts.Expression[] = [];
  const split = (expr: ts.Expression): void => {
    const e = unwrapExpression(expr);
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      split(e.left);
      split(e.right);
    } else {
      out.push(e);
    }
  };
  returnedExpressions(factory as { body?: ts.Node }).forEach(split);
  return out;
}

/**
 * A parameter whose decorator returns the id a middleware stored on the request (with at most a
 * header or literal fallback): inside the middleware's context it is the context's id, so it can
 * go like any threaded trace parameter.
 */
export function isStoredIdParam(
  checker: ts.TypeChecker,
  param: ts.ParameterDeclaration,
  stores: readonly MiddlewareStore[],
  isOrigin: (expr: ts.Expression) => boolean,
): boolean {
  if (stores.length === 0) return false;
  return decoratorFactories(checker, param).some((factory) => {
    const values = injectedAlternatives(factory);
    const readsStore = values.some((v) => ts.isPropertyAccessExpression(v) && readsStoredId(v, stores));
    return readsStore && values.every((v) => (ts.isPropertyAccessExpression(v) && readsStoredId(v, stores)) || isOrigin(v) || isLiteralValue(v));
  });
}
