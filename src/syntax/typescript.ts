// The TypeScript compiler API for the syntax layer, without ts-morph. `import { ts } from 'ts-morph'`
// from an ES module costs Node a syntax detection and an export scan of ts-morph's bundle, then runs
// ts-morph and @ts-morph/common before TypeScript itself; the --check scan needs only the parser,
// so this loads the very file ts-morph uses (@ts-morph/common's typescript.js, found from ts-morph
// the way ts-morph finds it), as require would. In one process both share one TypeScript: the same
// functions and enums, so nodes of a ts-morph Project work with the syntax layer and back.
//
// It loads through a V8 code cache (cached-require.ts, code-cache-store.ts): compiling the 9 MB
// file is most of the cost of loading it. For ts-morph to get that same module, this must run
// before ts-morph does (ts-morph's `require('./typescript')` then finds it in require.cache): the
// migration imports this module first. saveTypeScriptCodeCache writes the cache after a run.
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
  type CaseOrDefaultClause = TypeScript.CaseOrDefaultClause;
  type CommentRange = TypeScript.CommentRange;
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
  type IfStatement = TypeScript.IfStatement;
  type InterfaceDeclaration = TypeScript.InterfaceDeclaration;
  type JSDocParsingMode = TypeScript.JSDocParsingMode;
  type MethodDeclaration = TypeScript.MethodDeclaration;
  type MethodSignature = TypeScript.MethodSignature;
  type ModuleBlock = TypeScript.ModuleBlock;
  type NamedDeclaration = TypeScript.NamedDeclaration;
  type NewExpression = TypeScript.NewExpression;
  type Node = TypeScript.Node;
  type NodeArray<T extends TypeScript.Node> = TypeScript.NodeArray<T>;
  type NodeFlags = TypeScript.NodeFlags;
  type NoSubstitutionTemplateLiteral = TypeScript.NoSubstitutionTemplateLiteral;
  type ObjectLiteralExpression = TypeScript.ObjectLiteralExpression;
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
