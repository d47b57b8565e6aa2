// Which console member is a logging method, decided once for every parser: the TypeScript
// recognizer (src/syntax/console-calls.ts) and the jscodeshift transform read the object's and
// the member's names from their own trees and ask here. Parser-neutral: no TypeScript import.
import { CONSOLE_LEVELS } from './structured-log.js';

/** The console method that `<object>.<member>` (or `<object>['<member>']`) names, else undefined. */
export function consoleMethodNamed(objectName: string | undefined, memberName: string | undefined): string | undefined {
  if (objectName !== 'console' || memberName === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(CONSOLE_LEVELS, memberName) ? memberName : undefined;
}
