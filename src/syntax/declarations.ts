// Facts about declarations that several analyses test the same way.
import { ts } from './typescript.js';

/**
 * `const x = …` (or a binding of a `const` destructuring): the binding is never reassigned.
 * `await using` counts too (its flags include Const, and its binding is as fixed).
 */
export function isConstDeclaration(declaration: ts.VariableDeclaration | ts.BindingElement): boolean {
  return (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
}

