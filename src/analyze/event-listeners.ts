// EventEmitter listeners receive their arguments from `emit` calls, which run them
// synchronously (so in the emitter's trace context). A listener's trace parameter can go when
// every emit of that event is known: listeners and emits are paired by the event's constant
// name across the program, and the emits become the listeners' call sites (argument offset 1:
// the event name comes first).
import { ts } from '../syntax/typescript.js';
import { isFunctionLike, unwrapExpression, walk, type FunctionLike } from '../syntax/function-likes.js';
import { pushTo } from '../syntax/multimap.js';

const REGISTRATION_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

export interface EventWiring {
  /** Inline listeners, by event name. */
  listeners: Map<string, FunctionLike[]>;
  /** `emit` calls, by event name. */
  emits: Map<string, ts.CallExpression[]>;
  /** Listeners registered by reference, or events named by a non-constant: reason per event ('*' = all). */
  unknown: Map<string, { node: ts.Node; reason: string }>;
}

export function findEventWiring(checker: ts.TypeChecker, files: readonly ts.SourceFile[]): EventWiring {
  const wiring: EventWiring = { listeners: new Map(), emits: new Map(), unknown: new Map() };
  for (const file of files) {
    if (!file.text.includes('emit') && !file.text.includes('.on') && !file.text.includes('Listener')) continue;
    walk(file, (node) => {
      if (!ts.isCallExpression(node)) return true;
      const callee = unwrapExpression(node.expression);
      if (!ts.isPropertyAccessExpression(callee)) return true;
      const method = callee.name.text;
      const isEmit = method === 'emit';
      if (!isEmit && !REGISTRATION_METHODS.has(method)) return true;
      if (!isEventEmitter(checker, callee.expression)) return true;
      const eventArg = node.arguments[0];
      const event = eventArg && constantName(checker, eventArg);
      if (event === undefined) {
        wiring.unknown.set('*', { node, reason: `an event is ${isEmit ? 'emitted' : 'subscribed'} with a name that is not a constant` });
        return true;
      }
      if (isEmit) {
        pushTo(wiring.emits, event, node);
        return true;
      }
      const listener = node.arguments[1] && unwrapExpression(node.arguments[1]);
      if (listener && isFunctionLike(listener)) pushTo(wiring.listeners, event, listener);
      else if (listener) wiring.unknown.set(event, { node, reason: `a listener for '${event}' is registered by reference` });
      return true;
    });
  }
  return wiring;
}

function isEventEmitter(checker: ts.TypeChecker, receiver: ts.Expression): boolean {
  const type = checker.getTypeAtLocation(receiver);
  return !!type.getProperty('emit') && !!type.getProperty('on') && !!type.getProperty('removeListener');
}

function constantName(checker: ts.TypeChecker, expr: ts.Expression): string | undefined {
  const e = unwrapExpression(expr);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  const type = checker.getTypeAtLocation(e);
  if (type.isStringLiteral()) return type.value;
  if (type.flags & ts.TypeFlags.UniqueESSymbol) return `symbol:${checker.getSymbolAtLocation(e)?.name ?? '?'}`;
  return undefined;
}
