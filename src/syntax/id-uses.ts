// How one reference to an id is used, from syntax alone: followed from the identifier up through
// expressions that carry the value on (templates, `??`, calls to helpers) to the place where it
// ends — a log, an argument, an outgoing header, or a key, a comparison, a stored field, which mark
// a business id. Written once: the analysis (src/analyze/param-uses.ts) finds the references by
// symbol and follows locals by symbol on top of it; `--check` finds them by name.
import { ts } from './typescript.js';
import { calleeName, isStringLike, skipOuterExpressions, unwrapExpression } from './function-likes.js';
import { isConstDeclaration } from './declarations.js';
import { DATABASE_CALLEE, KEY_CALLEE, KEY_METHODS_FIRST_ARG } from './key-uses.js';
import { isTraceFieldName, TRACE_HEADER_NAMES } from './trace-headers.js';

export type UseKind =
  /** Inside a logging call: the id prefix is dropped, other mentions become a placeholder. */
  | 'log'
  /** Passed as an argument: an edge to another trace parameter, or a derived use. */
  | 'pass'
  /** Any other use that keeps working when the value is read from the context (`traceId()`). */
  | 'derived'
  /** An outgoing trace header or message field: positive evidence, read from the context. */
  | 'header'
  /** A key of a map, cache, lock or database row: a business id. */
  | 'key'
  /** Compared with data: a business id. */
  | 'compare'
  /** Stored on `this` or in an object that outlives the call. */
  | 'stored'
  /** The id is assigned to. */
  | 'reassigned'
  /** Already inside a `withTrace({ … })` context object (a migrated site). */
  | 'context';

export interface IdUse {
  kind: UseKind;
  /** The identifier (or shorthand property) that references the id. */
  reference: ts.Identifier;
  /** The node where the value ends up (for the report's file:line). */
  sink: ts.Node;
  detail: string;
  /** For `pass`: the call and argument index that receive the value itself (not a derived value). */
  passedTo?: { call: ts.CallExpression; argIndex: number; property?: string };
  /** For `pass`: what the use is when the receiving position is not another trace parameter. */
  fallback?: { kind: UseKind; detail: string };
  /** For `pass`: why the receiving call looks like a key use, if it is not another trace parameter. */
  keyReason?: string;
  /** The value lands in a local (`const rid = reqId ?? 'none'`): how that local is used decides. */
  local?: LocalFlow;
}

export interface LocalFlow {
  declaration: ts.VariableDeclaration & { name: ts.Identifier };
  /** The local holds the id itself (a `const` of the value or the value with a literal fallback). */
  sameValue: boolean;
}

/** A logging call: console's, or (with types) one of the project's loggers. */
export type IsLogCall = (call: ts.CallExpression) => boolean;

/** `locks.acquire(key, owner)`: every argument of a lock's method identifies the lock or its holder. */
const LOCK_RECEIVER = /lock|mutex|semaphore|lease/i;
const LOCK_METHODS: ReadonlySet<string> = new Set(['acquire', 'release', 'lock', 'unlock', 'tryLock', 'extend', 'renew']);
const HEADER_SETTERS = new Set(['set', 'setHeader', 'header', 'append', 'appendHeader']);
const RUNTIME_CONTEXT_CALLEES = new Set(['withTrace']);
/** Tags of SQL template clients: `sql`, `app.pg`, `db.query`, `prisma.$executeRaw`. */
const SQL_TAG = /^(sql|pg|postgres|psql|db|query|raw|unsafe|\$?(query|execute)Raw(Unsafe)?)$/i;
const SQL_STATEMENT = /^\s*(insert|update|delete|select|upsert|merge|with|call|replace)\b/i;
/** Query-builder methods that take a row's fields, and the calls that start a write. */
const QUERY_BUILDER_FILLERS: ReadonlySet<string> = new Set(['values', 'set', 'insert', 'onConflictDoUpdate']);
const QUERY_BUILDER_WRITES = /^(insert|insertInto|update|updateTable|upsert|replaceInto|into|table|from)$/;

/** Kinds that make the id a business id: the migration keeps a parameter used so. */
export function isBusinessUse(use: Pick<IdUse, 'kind' | 'fallback' | 'keyReason'>): boolean {
  if (use.kind === 'key' || use.kind === 'compare') return true;
  if (use.kind !== 'pass') return false;
  return use.fallback ? use.fallback.kind === 'key' || use.fallback.kind === 'compare' : use.keyReason !== undefined;
}

/** Builds a use of the reference being classified. */
type UseOf = (kind: UseKind, sink: ts.Node, detail: string, passedTo?: IdUse['passedTo']) => IdUse;

/** The value travels on into `next`; `exact` while it is still the id itself, not a value derived from it. */
interface Carried {
  next: ts.Node;
  exact: boolean;
}

/** How `reference` (an identifier that names the id) is used. */
export function classifyIdUse(reference: ts.Identifier, isLogCall: IsLogCall): IdUse {
  const use: UseOf = (kind, sink, detail, passedTo) => ({ kind, reference, sink, detail, passedTo });
  if (isAssignmentTarget(reference)) return use('reassigned', reference, 'the parameter is reassigned');

  // The id itself, or the id with a literal fallback (`reqId ?? 'none'`), is "the value".
  let value: ts.Node = skipOuterExpressions(reference);
  while (value.parent && isFallback(value.parent, value)) value = skipOuterExpressions(value.parent);
  let current: ts.Node = value;
  let exact = true;
  for (;;) {
    const parent = current.parent;
    if (!parent) return use('derived', current, 'used in an expression');
    const step = stepUp(parent, current, exact, use, isLogCall);
    if (!('next' in step)) return step;
    current = step.next;
    exact = step.exact;
  }
}

/** What `parent` makes of the value `current`: a use where the value ends, or where it travels on. */
function stepUp(parent: ts.Node, current: ts.Node, exact: boolean, use: UseOf, isLogCall: IsLogCall): IdUse | Carried {
  if (ts.isShorthandPropertyAssignment(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === current)) {
    return objectFieldUse(parent, current, exact, use, isLogCall);
  }
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return argumentUse(parent, current, exact, use, isLogCall);
  if (ts.isTemplateSpan(parent) || ts.isTemplateExpression(parent)) {
    // sql`INSERT … ${requestId}` (postgres.js, slonik, `app.pg`): a value of the statement, a database write or lookup.
    const template = parent.kind === ts.SyntaxKind.TemplateSpan ? parent.parent : parent;
    if (ts.isTaggedTemplateExpression(template.parent) && isSqlTemplate(template.parent)) {
      return use('key', template.parent, `written into a SQL statement (\`${truncate(template.parent.tag.getText())}\`…\`\`)`);
    }
    return { next: template, exact: false };
  }
  if (ts.isBinaryExpression(parent)) return operandUse(parent, current, use);
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === current) {
    return use('key', parent, `used as a key in \`${truncate(parent.getText())}\``);
  }
  if (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) return { next: skipOuterExpressions(parent), exact: false };
  if (ts.isConditionalExpression(parent)) {
    if (parent.condition === current) return use('derived', parent, 'checked for presence');
    return { next: skipOuterExpressions(parent), exact: false };
  }
  if (ts.isAwaitExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent)) {
    return { next: parent, exact };
  }
  if (ts.isSwitchStatement(parent) || ts.isCaseClause(parent)) return use('compare', parent, 'used as a switch value');
  if (ts.isPrefixUnaryExpression(parent) || ts.isTypeOfExpression(parent) || ts.isIfStatement(parent) || ts.isWhileStatement(parent)) {
    return use('derived', parent, 'checked for presence');
  }
  if (ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent)) return { next: parent, exact: false };
  if (ts.isVariableDeclaration(parent) && parent.initializer === current && ts.isIdentifier(parent.name)) {
    const declaration = parent as LocalFlow['declaration'];
    return { ...use('derived', parent, 'stored in a local'), local: { declaration, sameValue: exact && isConstDeclaration(parent) } };
  }
  if (ts.isReturnStatement(parent) || ts.isArrowFunction(parent)) return use('derived', parent, 'returned');
  if (ts.isThrowStatement(parent)) return use('derived', parent, 'thrown');
  return use('derived', parent, 'used in an expression');
}

/** The value is a property of an object literal: what the object is for, and whether it is passed to a call. */
function objectFieldUse(parent: ts.ShorthandPropertyAssignment | ts.PropertyAssignment, current: ts.Node, exact: boolean, use: UseOf, isLogCall: IsLogCall): IdUse {
  let field = classifyObjectField(parent, use, isLogCall);
  // `{ error: \`order failed (request ${reqId})\` }`: an id interpolated into a message travels outward.
  if (field.kind === 'stored' && isInterpolation(current)) field = use('header', parent, `interpolated into ${field.detail.replace(/^stored in /, '').replace(/ of an object that outlives the call$/, '')}`);
  // `f({ userId, reqId })`: possibly an edge to a destructured trace parameter of f.
  const object = skipOuterExpressions(parent.parent);
  const call = object.parent;
  const key = parent.name && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name)) ? parent.name.text : undefined;
  if (exact && key && call && ts.isCallExpression(call) && call.arguments.includes(object as ts.Expression)) {
    return { ...field, kind: 'pass', passedTo: { call, argIndex: call.arguments.indexOf(object as ts.Expression), property: key }, fallback: { kind: field.kind, detail: field.detail } };
  }
  return field;
}

/** The value is an argument (or the callee or receiver) of a call: a log, a pass, a key, a header, or a helper's input. */
function argumentUse(parent: ts.CallExpression | ts.NewExpression, current: ts.Node, exact: boolean, use: UseOf, isLogCall: IsLogCall): IdUse | Carried {
  const args = parent.arguments ?? ts.factory.createNodeArray();
  const argIndex = args.indexOf(current as ts.Expression);
  if (argIndex < 0) {
    // The value is the callee's receiver (`reqId.slice(0, 8)` is handled below) or the callee.
    return use('derived', parent, 'called');
  }
  if (ts.isCallExpression(parent) && isLogCall(parent)) return use('log', parent, 'logged');
  const name = calleeName(parent.expression) ?? '';
  if (RUNTIME_CONTEXT_CALLEES.has(name)) return use('context', parent, 'trace context');
  if (exact && ts.isCallExpression(parent)) {
    // Whether this is an edge to another trace parameter is decided with the call sites.
    const passed = use('pass', parent, `passed to ${name || 'a function'}()`, { call: parent, argIndex });
    const keyReason = keyCallReason(parent, name, argIndex);
    return keyReason ? { ...passed, keyReason } : passed;
  }
  const keyReason = ts.isCallExpression(parent) ? keyCallReason(parent, name, argIndex) : undefined;
  if (keyReason) return use('key', parent, keyReason);
  if (ts.isCallExpression(parent) && HEADER_SETTERS.has(name) && isTraceHeaderArg(args[0])) return use('header', parent, 'sent as a trace header');
  // A helper computes something from the id: follow its result.
  return { next: parent, exact: false };
}

/** The value is an operand: compared (business unless with a trace value), assigned, or carried on by `+`, `??`, `||`, `&&`, `,`. */
function operandUse(parent: ts.BinaryExpression, current: ts.Node, use: UseOf): IdUse | Carried {
  const op = parent.operatorToken.kind;
  if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) {
    const other = parent.left === current ? parent.right : parent.left;
    if (isTrivialOperand(other)) return use('derived', parent, 'checked for presence');
    // `charge.headers['x-request-id'] !== reqId`: checking an echoed trace id is a trace use.
    if (isTraceValueRead(other)) return use('header', parent, `compared with the trace id \`${truncate(other.getText())}\``);
    return use('compare', parent, `compared with \`${truncate(other.getText())}\``);
  }
  if (op === ts.SyntaxKind.EqualsToken && parent.right === current) {
    const target = parent.left.getText();
    return use('stored', parent, target.startsWith('this.') ? `stored on \`${target}\`` : `assigned to \`${truncate(target)}\``);
  }
  if (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.CommaToken) {
    return { next: skipOuterExpressions(parent), exact: false };
  }
  return use('derived', parent, 'used in an expression');
}

function classifyObjectField(
  field: ts.ShorthandPropertyAssignment | ts.PropertyAssignment,
  use: UseOf,
  isLogCall: IsLogCall,
): IdUse {
  const key = field.name && (ts.isIdentifier(field.name) || ts.isStringLiteral(field.name)) ? field.name.text : '';
  if (TRACE_HEADER_NAMES.has(key.toLowerCase())) return use('header', field, `sent as the \`${key}\` header`);
  const object = skipOuterExpressions(field.parent);
  const container = object.parent;
  if (container && (ts.isCallExpression(container) || ts.isNewExpression(container))) {
    if (ts.isCallExpression(container) && isLogCall(container)) return use('log', container, 'logged');
    const name = calleeName(container.expression) ?? '';
    if (RUNTIME_CONTEXT_CALLEES.has(name)) return use('context', container, 'trace context');
    if (KEY_CALLEE.test(name)) return use('key', container, `used as a key in \`${name}(…)\``);
    if (DATABASE_CALLEE.test(name)) return use('key', container, `written as a field of a database row (\`${name}(…)\`)`);
    if (ts.isCallExpression(container) && isQueryBuilderCall(container)) return use('key', container, `written as a field of a database row (\`${truncate(container.expression.getText())}(…)\`)`);
    // `JSON.stringify({ …, id: x })` only encodes the record: its `id` is the record's identity
    // wherever the text goes (a stored member, a dedup key), never a field sent for tracing.
    if (isSerializerCall(container) && IDENTITY_FIELD.test(key)) return use('key', container, `used as the \`${key}\` of a serialized record (\`${truncate(container.getText())}\`)`);
    // An outgoing message, error or request: positive, read from the context.
    return use('header', container, `sent as the \`${key}\` field of \`${name || 'a call'}(…)\``);
  }
  if (container && (ts.isPropertyAssignment(container) || ts.isShorthandPropertyAssignment(container))) {
    const outerKey = container.name && (ts.isIdentifier(container.name) || ts.isStringLiteral(container.name)) ? container.name.text : '';
    if (/headers?$/i.test(outerKey)) return use('header', field, `sent as the \`${key}\` header`);
    return classifyObjectField(container, use, isLogCall);
  }
  // `{ [CORRELATION_HEADER]: id }`, `const headers = { [name]: id }`: a header named by a constant; the id is its value.
  if (key === '' && isComputedHeaderField(field, object)) return use('header', field, `sent as the \`${field.name.getText()}\` header`);
  if (key === '' || IDENTITY_FIELD.test(key)) return use('key', field, `used as the \`${key || 'computed'}\` key of an object`);
  // `{ error, requestId }` for a response or error body: a trace-named field carries the id outward.
  if (isTraceFieldName(key)) return use('header', field, `sent as the \`${key}\` field`);
  return use('stored', field, `stored in the \`${key}\` field of an object that outlives the call`);
}

/** Field names that identify the record they sit in. */
const IDENTITY_FIELD = /^(where|key|id)$/;

/** `JSON.stringify(value)`: an encoding of the value, not a place it is sent to. */
function isSerializerCall(call: ts.CallExpression | ts.NewExpression): boolean {
  const callee = unwrapExpression(call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'stringify' && ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON';
}

/** A tagged template whose tag names a database client, or whose text is a SQL statement. */
function isSqlTemplate(tagged: ts.TaggedTemplateExpression): boolean {
  const tag = calleeName(tagged.tag) ?? '';
  if (SQL_TAG.test(tag)) return true;
  const head = ts.isTemplateExpression(tagged.template) ? tagged.template.head.text : tagged.template.text;
  return SQL_STATEMENT.test(head);
}

/**
 * `db.insert(t).values({ … })`, `db.insertInto('t').values({ … })`, `db.update(t).set({ … })`:
 * the object fills a row when the builder chain started a write.
 */
function isQueryBuilderCall(call: ts.CallExpression): boolean {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !QUERY_BUILDER_FILLERS.has(callee.name.text)) return false;
  for (let receiver = unwrapExpression(callee.expression); ; ) {
    if (ts.isCallExpression(receiver)) {
      if (QUERY_BUILDER_WRITES.test(calleeName(receiver.expression) ?? '')) return true;
      receiver = unwrapExpression(receiver.expression);
    } else if (ts.isPropertyAccessExpression(receiver)) {
      receiver = unwrapExpression(receiver.expression);
    } else {
      return false;
    }
  }
}

function isComputedHeaderField(field: ts.ShorthandPropertyAssignment | ts.PropertyAssignment, object: ts.Node): boolean {
  if (!ts.isComputedPropertyName(field.name)) return false;
  if (/header/i.test(field.name.expression.getText())) return true;
  const holder = object.parent;
  return !!holder && ts.isVariableDeclaration(holder) && holder.initializer === object && ts.isIdentifier(holder.name) && /headers$/i.test(holder.name.text);
}

function keyCallReason(call: ts.CallExpression, name: string, argIndex: number): string | undefined {
  if (KEY_CALLEE.test(name)) return `used as a key in \`${name}(…)\``;
  const callee = unwrapExpression(call.expression);
  if (argIndex > 0 && ts.isPropertyAccessExpression(callee) && LOCK_RECEIVER.test(callee.expression.getText()) && LOCK_METHODS.has(name)) {
    return `used as the lock owner in \`${truncate(callee.getText())}(…)\``;
  }
  if (argIndex === 0 && KEY_METHODS_FIRST_ARG.has(name) && ts.isPropertyAccessExpression(unwrapExpression(call.expression))) {
    return `used as a key in \`${truncate(call.expression.getText())}(…)\``;
  }
  if (DATABASE_CALLEE.test(name) && ts.isPropertyAccessExpression(unwrapExpression(call.expression))) {
    return `passed to a database call \`${truncate(call.expression.getText())}(…)\``;
  }
  return undefined;
}

/** A read of a trace header or a trace-named field: `res.headers['x-request-id']`, `res.get('x-request-id')`, `body.requestId`. */
function isTraceValueRead(node: ts.Expression): boolean {
  const e = unwrapExpression(node);
  if (ts.isElementAccessExpression(e)) {
    const key = unwrapExpression(e.argumentExpression);
    return isTraceHeaderArg(key) || (isStringLike(key) && isTraceFieldName(key.text));
  }
  if (ts.isPropertyAccessExpression(e)) return isTraceFieldName(e.name.text) || TRACE_HEADER_NAMES.has(e.name.text.toLowerCase());
  if (ts.isCallExpression(e)) return isTraceHeaderArg(e.arguments[0]) && ts.isPropertyAccessExpression(unwrapExpression(e.expression));
  return false;
}

function isInterpolation(node: ts.Node): boolean {
  return ts.isTemplateExpression(node) || (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken);
}

function isTraceHeaderArg(arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  const e = unwrapExpression(arg);
  return isStringLike(e) && TRACE_HEADER_NAMES.has(e.text.toLowerCase());
}

function isFallback(parent: ts.Node, child: ts.Node): boolean {
  if (!ts.isBinaryExpression(parent) || parent.left !== child) return false;
  const op = parent.operatorToken.kind;
  if (op !== ts.SyntaxKind.QuestionQuestionToken && op !== ts.SyntaxKind.BarBarToken) return false;
  const right = unwrapExpression(parent.right);
  return isStringLike(right) || ts.isNumericLiteral(right);
}

function isTrivialOperand(node: ts.Expression): boolean {
  const e = unwrapExpression(node);
  return e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || (isStringLike(e) && e.text === '') || ts.isTypeOfExpression(e);
}

function isAssignmentTarget(node: ts.Node): boolean {
  const outer = skipOuterExpressions(node);
  const parent = outer.parent;
  if (ts.isBinaryExpression(parent) && parent.left === outer && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  return false;
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

/**
 * Uses of the id named `name` inside `scope`, references found by name (no types; a function that
 * declares the same name again is skipped), and the locals the value lands in followed by name.
 * Needs parent pointers. The type-aware analysis finds references by symbol instead (param-uses.ts).
 */
export function idUsesByName(name: string, scope: ts.Node, isLogCall: IsLogCall, depth = 0): IdUse[] {
  const references: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (node !== scope && isFunctionLike(node) && declaresName(node, name)) return;
    if (node.kind === IDENTIFIER) {
      if ((node as ts.Identifier).text === name) references.push(node as ts.Identifier);
      return;
    }
    forEachChild(node, visit);
  };
  visit(scope);
  return usesOf(references, isLogCall, depth);
}

/**
 * idUsesByName, for a caller whose own walk already collected the identifiers named `name` (all of
 * the tree's, in tree order): the same uses, without walking `scope` again.
 */
export function idUsesAmong(named: readonly ts.Identifier[], name: string, scope: ts.Node, isLogCall: IsLogCall): IdUse[] {
  const inScope = named.filter((id) => scope.pos <= id.pos && id.end <= scope.end && !isShadowedBelow(id, scope, name));
  return usesOf(inScope, isLogCall, 0);
}

/** A function between the identifier and `scope` declares the name again. */
function isShadowedBelow(id: ts.Identifier, scope: ts.Node, name: string): boolean {
  for (let node = id.parent; node && node !== scope; node = node.parent) {
    if (isFunctionLike(node) && declaresName(node, name)) return true;
  }
  return false;
}

/** How each reference that reads the id is used, with the uses of the locals it lands in. */
function usesOf(references: readonly ts.Identifier[], isLogCall: IsLogCall, depth: number): IdUse[] {
  const uses: IdUse[] = [];
  for (const reference of references) {
    if (!isValueReference(reference)) continue;
    const use = classifyIdUse(reference, isLogCall);
    uses.push(use);
    const localScope = use.local && enclosingBlock(use.local.declaration);
    if (use.local && localScope && depth < 4) uses.push(...idUsesByName(use.local.declaration.name.text, localScope, isLogCall, depth + 1));
  }
  return uses;
}

// Read once: ts-morph's `ts.X` are getters, and this walk visits every node of a function body.
const { isFunctionLike, forEachChild } = ts;
const IDENTIFIER = ts.SyntaxKind.Identifier;

/** An identifier that reads a variable (not a declared name, a property name or a label). */
function isValueReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) || ts.isTypeReferenceNode(parent) || ts.isTypeQueryNode(parent)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) && parent.name === node) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent)) && parent.name === node) return false;
  if (ts.isBindingElement(parent) && (parent.name === node || parent.propertyName === node)) return false;
  if ((ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) && parent.label === node) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent)) return false;
  return true;
}

function declaresName(fn: ts.SignatureDeclaration, name: string): boolean {
  return fn.parameters.some((p) => bindsName(p.name, name));
}

function bindsName(binding: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(binding)) return binding.text === name;
  return binding.elements.some((e) => !ts.isOmittedExpression(e) && bindsName(e.name, name));
}

function enclosingBlock(node: ts.Node): ts.Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isBlock(current) || ts.isSourceFile(current) || ts.isModuleBlock(current) || ts.isCaseBlock(current)) return current;
  }
  return undefined;
}
