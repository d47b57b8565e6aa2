// Trace ids destructured from a parameter object (`function f({ userId, reqId }: Input)`): the
// binding goes from the pattern, the property from the object literal each caller passes, and
// from the parameter's type when that type exists only for this parameter.
import { ts } from '../syntax/typescript.js';
import { walk, type FunctionLike } from '../syntax/function-likes.js';
import { bindingPropertyName } from './groups.js';

export function bindingFor(param: ts.ParameterDeclaration, property: string): ts.BindingElement | undefined {
  if (!ts.isObjectBindingPattern(param.name)) return undefined;
  return param.name.elements.find((element) => bindingPropertyName(element) === property);
}

/** The property a caller's object literal passes for `property`, or why it cannot be located. */
export function passedProperty(argument: ts.Expression | undefined, property: string): { element?: ts.ObjectLiteralElementLike; problem?: string } {
  if (!argument) return {};
  let object: ts.Expression = argument;
  while (ts.isParenthesizedExpression(object) || ts.isAsExpression(object) || ts.isSatisfiesExpression(object)) object = object.expression;
  if (!ts.isObjectLiteralExpression(object)) return { problem: 'receives an object built elsewhere, so the id inside it cannot be located' };
  if (object.properties.some((p) => ts.isSpreadAssignment(p))) return { problem: 'receives an object with spread properties, which may carry the id' };
  const element = object.properties.find((p) => {
    const name = p.name;
    return !!name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === property;
  });
  if (element && !ts.isPropertyAssignment(element) && !ts.isShorthandPropertyAssignment(element)) {
    return { problem: 'receives the id through an accessor or method' };
  }
  return { element };
}

/** The expression a passed property holds (the shorthand's name for `{ reqId }`). */
export function propertyValue(element: ts.ObjectLiteralElementLike): ts.Expression {
  return ts.isPropertyAssignment(element) ? element.initializer : (element as ts.ShorthandPropertyAssignment).name;
}

/**
 * The type member describing the id, to remove with it: in an inline type literal, or in an
 * interface / type alias used only as the type of these parameters. Optional members of shared
 * types can stay; required ones block the migration.
 */
export function typeMemberFor(
  checker: ts.TypeChecker,
  param: ts.ParameterDeclaration,
  property: string,
  groupParams: ReadonlySet<ts.ParameterDeclaration>,
  files: readonly ts.SourceFile[],
  isEditable: (file: ts.SourceFile) => boolean,
): { member?: ts.TypeElement; problem?: string } {
  const type = param.type;
  if (!type) return {};
  const memberOf = (literal: ts.NodeArray<ts.TypeElement>) =>
    literal.find((m) => ts.isPropertySignature(m) && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === property);
  if (ts.isTypeLiteralNode(type)) return { member: memberOf(type.members) };
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName)) return { problem: 'its parameter type is not a plain object type' };
  let symbol = checker.getSymbolAtLocation(type.typeName);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.declarations?.[0];
  const members = declaration && ts.isInterfaceDeclaration(declaration) ? declaration.members : declaration && ts.isTypeAliasDeclaration(declaration) && ts.isTypeLiteralNode(declaration.type) ? declaration.type.members : undefined;
  if (!declaration || !members) return { problem: `its parameter type \`${type.getText()}\` is not an interface or object type of this project` };
  const member = memberOf(members);
  if (!member) return {};
  if (!isEditable(declaration.getSourceFile())) return optionalOr(member, `\`${type.getText()}\` is declared outside the migrated files`);
  const elsewhere = otherReference(checker, symbol!, type.typeName.text, groupParams, files);
  if (elsewhere) return optionalOr(member, `\`${type.getText()}\` is also used at ${elsewhere}, so its \`${property}\` cannot go`);
  return { member };
}

function optionalOr(member: ts.TypeElement, problem: string): { member?: ts.TypeElement; problem?: string } {
  return ts.isPropertySignature(member) && member.questionToken ? {} : { problem };
}

/** A reference to the type other than its declaration and the group's parameter annotations. */
function otherReference(checker: ts.TypeChecker, symbol: ts.Symbol, name: string, groupParams: ReadonlySet<ts.ParameterDeclaration>, files: readonly ts.SourceFile[]): string | undefined {
  for (const file of files) {
    if (!file.text.includes(name)) continue;
    let found: string | undefined;
    walk(file, (node) => {
      if (found) return false;
      if (!ts.isIdentifier(node) || node.text !== name) return true;
      const parent = node.parent;
      if ((ts.isInterfaceDeclaration(parent) || ts.isTypeAliasDeclaration(parent)) && parent.name === node) return true;
      if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent)) return true;
      let resolved = checker.getSymbolAtLocation(node);
      if (resolved && resolved.flags & ts.SymbolFlags.Alias) resolved = checker.getAliasedSymbol(resolved);
      if (resolved !== symbol) return true;
      if (ts.isTypeReferenceNode(parent) && ts.isParameter(parent.parent) && groupParams.has(parent.parent)) return true;
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      found = `${file.fileName}:${line + 1}`;
      return false;
    });
    if (found) return found;
  }
  return undefined;
}

export type { FunctionLike };
