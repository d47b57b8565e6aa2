// origin-calls: a call that receives a trace id born right there (a header, a fresh id, a
// literal, a payload field) runs inside the trace context: `withTrace({ correlationId: <id> },
// () => call(…))`, which returns the call's value, so `await` and `return` keep their meaning.
// A middleware's `next()` after it stored the id becomes `withTrace({ correlationId: req.reqId }, next)`.
// A parameter that keeps the id gets `traceId()` in the origin's place: `withTrace({ … }, () => lock(traceId()))`.
import { traceContextLiteral } from '../syntax/trace-context-literal.js';
import type { Rule, RuleContext } from './rule.js';

export const originCalls: Rule = {
  id: 'origin-calls',
  description: 'Calls that receive a freshly born trace id run inside `withTrace({ correlationId }, () => …)`.',
  apply(ctx: RuleContext): void {
    for (const wrap of ctx.model.inlineWraps) {
      const file = wrap.call.getSourceFile();
      const edits = ctx.edits(file);
      const id = edits.render(wrap.id.getStart(file), wrap.id.end);
      const withTrace = ctx.runtimeName(file, 'withTrace');
      const start = wrap.call.getStart(file);
      if (wrap.handOn) {
        edits.add(start, wrap.call.end, `${withTrace}(${traceContextLiteral(ctx.config.idField, id)}, ${wrap.call.expression.getText(file)})`, wrap.owner);
        ctx.counts.originsWrapped++;
        continue;
      }
      if (wrap.keptArgument) {
        // The kept parameter still takes the id: inside the context it is the context's.
        const { expression, needsDefined } = wrap.keptArgument;
        edits.add(expression.getStart(file), expression.end, `${ctx.runtimeName(file, 'traceId')}()${needsDefined ? '!' : ''}`, wrap.owner);
      }
      edits.add(start, start, `${withTrace}(${traceContextLiteral(ctx.config.idField, id)}, () => `, wrap.owner);
      edits.add(wrap.call.end, wrap.call.end, ')', wrap.owner);
      ctx.counts.originsWrapped++;
    }
    // A Fastify async hook without await/return: `(request, reply, done) => { …; withTrace({ … }, done); }`.
    for (const { hook, id, owner } of ctx.model.hookHandOns) {
      const file = hook.fn.getSourceFile();
      const edits = ctx.edits(file);
      const text = file.text;
      let afterAsync = hook.asyncKeyword.end;
      while (text[afterAsync] === ' ') afterAsync++;
      edits.add(hook.asyncKeyword.getStart(file), afterAsync, '', owner);
      edits.add(hook.fn.parameters[1]!.end, hook.fn.parameters[1]!.end, ', done', owner);
      const indent = ctx.indentAt(file, hook.last.getStart(file));
      const handOn = `${ctx.runtimeName(file, 'withTrace')}(${traceContextLiteral(ctx.config.idField, edits.render(id.getStart(file), id.end))}, done);`;
      const eol = ctx.facts.editable.get(file.fileName)!.source.eol;
      edits.add(hook.last.end, hook.last.end, `${eol}${indent}${handOn}`, owner);
      ctx.counts.originsWrapped++;
    }
  },
};
