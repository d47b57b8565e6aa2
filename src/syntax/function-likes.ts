// Small syntax helpers over the raw TypeScript AST (ts-morph's wrappers are too slow for
// whole-program scans; ts-morph builds the Project, the scans read compiler nodes).
import { ts } from './typescript.js';

/** Declarations whose parameter lists can carry a trace parameter. */
export type FunctionLike =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.MethodSignature
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.FunctionTypeNode
  | ts.ConstructorDeclaration
  | ts.CallSignatureDeclaration
  | ts.ConstructSignatureDeclaration;

export function isFunctionLike(node: ts.Node): node is FunctionLike {
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.MethodSignature:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionType:
    case ts.SyntaxKind.Constructor:
    case ts.SyntaxKind.CallSignature:
    case ts.SyntaxKind.ConstructSignature:
      return true;
    default:
      return false;
  }
}

/** Index of the first real argument: a TypeScript `this` parameter takes no argument. */
export function thisParamOffset(fn: FunctionLike): number {
  const first = fn.parameters[0];
  return first && ts.isIdentifier(first.name) && first.name.text === 'this' ? 1 : 0;
}

/**
 * The node whose symbol callers reference: the function/method name, or the variable,
 * property or class field a function expression is stored in.
 */
export function referenceNameNode(fn: FunctionLike): ts.Node | undefined {
  if (
    ts.isFunctionDeclaration(fn) ||
    ts.isMethodDeclaration(fn) ||
    ts.isMethodSignature(fn) ||
    (ts.isFunctionExpression(fn) && fn.name && !storageName(fn))
  ) {
    return fn.name;
  }
  if (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) return storageName(fn);
  if (ts.isFunctionTypeNode(fn)) {
    const parent = skipTypeParens(fn).parent;
    if (parent && (ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent))) return parent.name;
  }
  return undefined;
}

function skipTypeParens(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && ts.isParenthesizedTypeNode(current.parent)) current = current.parent;
  return current;
}

/** `const f = () => …`, `{ f: () => … }`, `class C { f = () => … }`, `exports.f = function () {}`. */
export function storageName(fn: ts.FunctionExpression | ts.ArrowFunction): ts.Node | undefined {
  let node: ts.Node = fn;
  while (node.parent && (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent))) {
    node = node.parent;
  }
  const parent = node.parent;
  if (!parent) return undefined;
  if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) return parent.name;
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) return parent.name;
  if (ts.isPropertyDeclaration(parent) && parent.initializer === node) return parent.name;
  if (
    ts.isBinaryExpression(parent) &&
    parent.right === node &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(parent.left)
  ) {
    return parent.left.name;
  }
  return undefined;
}

export function functionDisplayName(fn: FunctionLike): string {
  if (ts.isConstructorDeclaration(fn)) return 'constructor';
  const nameNode = referenceNameNode(fn);
  const own = nameNode && (ts.isIdentifier(nameNode) || ts.isStringLiteral(nameNode) || ts.isPrivateIdentifier(nameNode)) ? nameNode.text : undefined;
  const container = fn.parent && (ts.isClassLike(fn.parent) || ts.isInterfaceDeclaration(fn.parent)) ? fn.parent.name?.text : undefined;
  if (own) return container ? `${container}.${own}` : own;
  if (ts.isFunctionTypeNode(fn)) return 'function type';
  return ts.isArrowFunction(fn) ? 'arrow function' : 'function';
}

/** Walks every node below `root` (including root). Returning false skips a node's children. */
export function walk(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const recurse = (node: ts.Node): void => {
    if (visit(node) === false) return;
    ts.forEachChild(node, recurse);
  };
  recurse(root);
}

/** Expressions a function returns (arrow expression bodies included; nested functions excluded). */
export function returnedExpressions(fn: { body?: ts.Node }): ts.Expression[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body as ts.Expression];
  const out: ts.Expression[] = [];
  walk(fn.body, (node) => {
    if (node !== fn.body && ts.isFunctionLike(node)) return false;
    if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
    return true;
  });
  return out;
}

/** The nearest enclosing function-like (or undefined at module level). */
export function enclosingFunction(node: ts.Node): FunctionLike | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionLike(current)) return current;
  }
  return undefined;
}

/** Skips parentheses, non-null assertions and type assertions upwards. */
export function skipOuterExpressions(node: ts.Node): ts.Node {
  let current = node;
  while (
    current.parent &&
    (ts.isParenthesizedExpression(current.parent) ||
      ts.isNonNullExpression(current.parent) ||
      ts.isAsExpression(current.parent) ||
      ts.isSatisfiesExpression(current.parent) ||
      ts.isTypeAssertionExpression(current.parent))
  ) {
    current = current.parent;
  }
  return current;
}

/** Skips parentheses, non-null assertions and type assertions downwards. */
export function unwrapExpression(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

export function isStringLike(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

export function isLiteralValue(node: ts.Expression): boolean {
  const e = unwrapExpression(node);
  return isStringLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.NullKeyword;
}

export function isUndefinedValue(node: ts.Expression): boolean {
  const e = unwrapExpression(node);
  return (ts.isIdentifier(e) && e.text === 'undefined') || ts.isVoidExpression(e);
}

/** A node's text on one line, cut to `maxLength` with `...`: how a finding quotes code. */
export function shortText(node: ts.Node, maxLength = 50): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 3)}...` : text;
}

/** The last identifier of a callee: `f` in `f()`, `g` in `a.b.g()`. */
export function calleeName(expr: ts.Expression): string | undefined {
  const e = unwrapExpression(expr);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && isStringLike(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

