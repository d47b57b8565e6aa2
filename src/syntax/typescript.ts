// The TypeScript compiler API for every stage, without ts-morph's bundle. `import { ts } from
// 'ts-morph'` from an ES module costs Node a syntax detection and an export scan of ts-morph's
// bundle, then runs ts-morph and @ts-morph/common before TypeScript itself (~0.14 s at each start),
// and its `ts` reaches each function through two getters. Nothing here needs ts-morph's own code,
// so this loads the very file ts-morph uses (@ts-morph/common's typescript.js, found from ts-morph
// the way ts-morph finds it), as require would. In one process both share one TypeScript: the same
// functions and enums, so nodes of a ts-morph Project (tests) work with the stages and back.
//
// It loads through a V8 code cache (cached-require.ts, code-cache-store.ts): compiling the 9 MB
// file is most of the cost of loading it. For @ts-morph/common (the standard lib's text, see
// project/build-program.ts) to get that same module, this must run before it does (its
// `require('./typescript')` then finds it in require.cache). saveTypeScriptCodeCache writes the
// cache after a run.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ts as TypeScript } from 'ts-morph';
import { codeCacheStatus, requireWithCodeCache, saveCodeCache, type CodeCacheStatus } from './cached-require.js';
import { codeCacheStoreFor } from './code-cache-store.js';

/** `require` as ts-morph's own code has it: resolves ts-morph's dependencies wherever npm put them. */
export const requireFromTsMorph = createRequire(createRequire(import.meta.url).resolve('ts-morph'));

const typeScriptFile = path.join(path.dirname(requireFromTsMorph.resolve('@ts-morph/common')), 'typescript.js');

function loadTypeScript(): typeof TypeScript {
  let store;
  try {
    store = codeCacheStoreFor(typeScriptFile);
  } catch {
    store = undefined;
  }
  return requireWithCodeCache(typeScriptFile, store) as typeof TypeScript;
}

export const ts: typeof TypeScript = loadTypeScript();

/**
 * Saves the code cache of TypeScript when this process had none it could use (first run, a new
 * Node or TypeScript, a rejected cache); call it after the work, so that the cache also holds the
 * functions the work compiled. Never throws.
 */
export function saveTypeScriptCodeCache(): void {
  saveCodeCache(typeScriptFile);
}

/** How this process loaded TypeScript (for tests and diagnostics). */
export function typeScriptCodeCacheStatus(): CodeCacheStatus {
  return codeCacheStatus(typeScriptFile);
}

/**
 * The types the syntax layer names as `ts.X` (a namespace of types merges with the value above; add
 * a name here when a module needs it).
 */
export declare namespace ts {
  type ArrowFunction = TypeScript.ArrowFunction;
  type BinaryExpression = TypeScript.BinaryExpression;
  type BindingElement = TypeScript.BindingElement;
  type BindingName = TypeScript.BindingName;
  type Block = TypeScript.Block;
  type CallExpression = TypeScript.CallExpression;
  type CallSignatureDeclaration = TypeScript.CallSignatureDeclaration;
  type CancellationToken = TypeScript.CancellationToken;
  type CaseOrDefaultClause = TypeScript.CaseOrDefaultClause;
  type ClassElement = TypeScript.ClassElement;
  type ClassLikeDeclaration = TypeScript.ClassLikeDeclaration;
  type CommentRange = TypeScript.CommentRange;
  type CompilerHost = TypeScript.CompilerHost;
  type CompilerOptions = TypeScript.CompilerOptions;
  type ConstructSignatureDeclaration = TypeScript.ConstructSignatureDeclaration;
  type ConstructorDeclaration = TypeScript.ConstructorDeclaration;
  type CreateSourceFileOptions = TypeScript.CreateSourceFileOptions;
  type Declaration = TypeScript.Declaration;
  type Diagnostic = TypeScript.Diagnostic;
  type DiagnosticWithLocation = TypeScript.DiagnosticWithLocation;
  type ElementAccessExpression = TypeScript.ElementAccessExpression;
  type Expression = TypeScript.Expression;
  type FunctionDeclaration = TypeScript.FunctionDeclaration;
  type FunctionExpression = TypeScript.FunctionExpression;
  type FunctionLikeDeclaration = TypeScript.FunctionLikeDeclaration;
  type FunctionTypeNode = TypeScript.FunctionTypeNode;
  type Identifier = TypeScript.Identifier;
  type IfStatement = TypeScript.IfStatement;
  type ImportSpecifier = TypeScript.ImportSpecifier;
  type InterfaceDeclaration = TypeScript.InterfaceDeclaration;
  type JSDocParsingMode = TypeScript.JSDocParsingMode;
  type MethodDeclaration = TypeScript.MethodDeclaration;
  type MethodSignature = TypeScript.MethodSignature;
  type ModuleBlock = TypeScript.ModuleBlock;
  type NamedDeclaration = TypeScript.NamedDeclaration;
  type NamedImports = TypeScript.NamedImports;
  type NewExpression = TypeScript.NewExpression;
  type NoSubstitutionTemplateLiteral = TypeScript.NoSubstitutionTemplateLiteral;
  type Node = TypeScript.Node;
  type NodeArray<T extends TypeScript.Node> = TypeScript.NodeArray<T>;
  type NodeFlags = TypeScript.NodeFlags;
  type NumericLiteral = TypeScript.NumericLiteral;
  type ObjectBindingPattern = TypeScript.ObjectBindingPattern;
  type ObjectLiteralElementLike = TypeScript.ObjectLiteralElementLike;
  type ObjectLiteralExpression = TypeScript.ObjectLiteralExpression;
  type ParameterDeclaration = TypeScript.ParameterDeclaration;
  type PrefixUnaryExpression = TypeScript.PrefixUnaryExpression;
  type PrivateIdentifier = TypeScript.PrivateIdentifier;
  type Program = TypeScript.Program;
  type PropertyAccessExpression = TypeScript.PropertyAccessExpression;
  type PropertyAssignment = TypeScript.PropertyAssignment;
  type PropertyName = TypeScript.PropertyName;
  type ScriptKind = TypeScript.ScriptKind;
  type ScriptTarget = TypeScript.ScriptTarget;
  type ShorthandPropertyAssignment = TypeScript.ShorthandPropertyAssignment;
  type Signature = TypeScript.Signature;
  type SignatureDeclaration = TypeScript.SignatureDeclaration;
  type SourceFile = TypeScript.SourceFile;
  type Statement = TypeScript.Statement;
  type StringLiteral = TypeScript.StringLiteral;
  type StringLiteralLike = TypeScript.StringLiteralLike;
  type Symbol = TypeScript.Symbol;
  type SyntaxKind = TypeScript.SyntaxKind;
  type TaggedTemplateExpression = TypeScript.TaggedTemplateExpression;
  type Type = TypeScript.Type;
  type TypeChecker = TypeScript.TypeChecker;
  type TypeElement = TypeScript.TypeElement;
  type TypeLiteralNode = TypeScript.TypeLiteralNode;
  type TypeNode = TypeScript.TypeNode;
  type VariableDeclaration = TypeScript.VariableDeclaration;
  type VariableDeclarationList = TypeScript.VariableDeclarationList;
  type VariableStatement = TypeScript.VariableStatement;
}
