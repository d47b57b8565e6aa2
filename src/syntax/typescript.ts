// The TypeScript compiler API for the syntax layer, without ts-morph. `import { ts } from 'ts-morph'`
// from an ES module costs Node a syntax detection and an export scan of ts-morph's bundle, then runs
// ts-morph and @ts-morph/common before TypeScript itself; the --check scan needs only the parser,
// so this loads the very file ts-morph uses (@ts-morph/common's typescript.js, found from ts-morph
// the way ts-morph finds it), through require. In one process both share one TypeScript: the same
// functions and enums, so nodes of a ts-morph Project work with the syntax layer and back.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ts as TypeScript } from 'ts-morph';

/** `require` as ts-morph's own code has it: resolves ts-morph's dependencies wherever npm put them. */
export const requireFromTsMorph = createRequire(createRequire(import.meta.url).resolve('ts-morph'));

function loadTypeScript(): typeof TypeScript {
  const common = requireFromTsMorph.resolve('@ts-morph/common');
  return requireFromTsMorph(path.join(path.dirname(common), 'typescript.js')) as typeof TypeScript;
}

export const ts: typeof TypeScript = loadTypeScript();

/**
 * The types the syntax layer names as `ts.X` (a namespace of types merges with the value above; add
 * a name here when a module needs it).
 */
export declare namespace ts {
  type ArrowFunction = TypeScript.ArrowFunction;
  type BinaryExpression = TypeScript.BinaryExpression;
  type BindingName = TypeScript.BindingName;
  type CallExpression = TypeScript.CallExpression;
  type CallSignatureDeclaration = TypeScript.CallSignatureDeclaration;
  type ConstructorDeclaration = TypeScript.ConstructorDeclaration;
  type ConstructSignatureDeclaration = TypeScript.ConstructSignatureDeclaration;
  type CreateSourceFileOptions = TypeScript.CreateSourceFileOptions;
  type DiagnosticWithLocation = TypeScript.DiagnosticWithLocation;
  type Expression = TypeScript.Expression;
  type FunctionDeclaration = TypeScript.FunctionDeclaration;
  type FunctionExpression = TypeScript.FunctionExpression;
  type FunctionLikeDeclaration = TypeScript.FunctionLikeDeclaration;
  type FunctionTypeNode = TypeScript.FunctionTypeNode;
  type Identifier = TypeScript.Identifier;
  type JSDocParsingMode = TypeScript.JSDocParsingMode;
  type MethodDeclaration = TypeScript.MethodDeclaration;
  type MethodSignature = TypeScript.MethodSignature;
  type NamedDeclaration = TypeScript.NamedDeclaration;
  type NewExpression = TypeScript.NewExpression;
  type Node = TypeScript.Node;
  type NodeArray<T extends TypeScript.Node> = TypeScript.NodeArray<T>;
  type NodeFlags = TypeScript.NodeFlags;
  type NoSubstitutionTemplateLiteral = TypeScript.NoSubstitutionTemplateLiteral;
  type ParameterDeclaration = TypeScript.ParameterDeclaration;
  type PropertyAssignment = TypeScript.PropertyAssignment;
  type ScriptKind = TypeScript.ScriptKind;
  type ScriptTarget = TypeScript.ScriptTarget;
  type ShorthandPropertyAssignment = TypeScript.ShorthandPropertyAssignment;
  type SignatureDeclaration = TypeScript.SignatureDeclaration;
  type SourceFile = TypeScript.SourceFile;
  type StringLiteral = TypeScript.StringLiteral;
  type SyntaxKind = TypeScript.SyntaxKind;
  type TaggedTemplateExpression = TypeScript.TaggedTemplateExpression;
  type VariableDeclaration = TypeScript.VariableDeclaration;
}
