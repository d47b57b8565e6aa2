// Renders a program model to source files (`src/<module>.<ext>` and `src/main.<ext>`). Every
// function first records the arguments it received, other than its id, through the global
// `__rec(name, args)` that the harness (run-programs.mjs) provides.
import type { Arg, Call, LogStatement, Module, Program, Unit } from './program-model.js';
import { traceParam } from './program-model.js';

export const ENTRY_BASENAME = 'main';

/** Relative path (`src/billing.js`) → text. */
export function renderProgram(program: Program): Map<string, string> {
  const files = new Map<string, string>();
  const ext = program.flavour === 'ts-esm' ? 'ts' : 'js';
  program.modules.forEach((module, index) => {
    if (program.units.some((unit) => unit.module === index)) files.set(`src/${module.name}.${ext}`, renderModule(program, index));
  });
  files.set(`src/${ENTRY_BASENAME}.${ext}`, renderEntry(program));
  return files;
}

const isTs = (program: Program) => program.flavour === 'ts-esm';
const isCjs = (program: Program) => program.flavour === 'js-cjs';
const capitalised = (name: string) => name[0].toUpperCase() + name.slice(1);
const objectName = (program: Program, module: Module) => `${module.name}Api${program.tag}`;
const className = (program: Program, module: Module) => `${capitalised(module.name)}Client${program.tag}`;
const instanceName = (program: Program, module: Module) => `${module.name}Client${program.tag}`;
const isInstanceModule = (module: Module) => module.exportStyle === 'esm-default-instance' || module.exportStyle === 'cjs-module-is-instance';

/** Imports a file needs: module index → names (named style) or the module itself. */
class ImportSet {
  readonly names = new Map<number, Set<string>>();
  use(module: number, name?: string): void {
    const names = this.names.get(module) ?? new Set<string>();
    if (name !== undefined) names.add(name);
    this.names.set(module, names);
  }
}

function renderModule(program: Program, index: number): string {
  const module = program.modules[index];
  const units = program.units.filter((unit) => unit.module === index);
  const imports = new ImportSet();
  const esmExport = module.exportStyle === 'esm-named' ? 'export ' : '';
  const out: string[] = [];

  for (const unit of units.filter((u) => u.form === 'function' || u.form === 'arrow' || u.form === 'exports-property')) {
    const body = renderBody(program, unit, imports, '  ');
    const head = unit.form === 'function' ? `${esmExport}${unit.isAsync ? 'async ' : ''}function ${unit.name}(${paramList(program, unit)}) {` : unit.form === 'arrow' ? `${esmExport}const ${unit.name} = ${unit.isAsync ? 'async ' : ''}(${paramList(program, unit)}) => {` : `${module.exportsAlias}.${unit.name} = ${functionExpressionHead(program, unit)}`;
    out.push(head, ...body, unit.form === 'function' ? '}' : '};', '');
  }
  const methods = units.filter((u) => u.form === 'object-method');
  if (methods.length > 0) {
    out.push(`${esmExport}const ${objectName(program, module)} = {`);
    for (const unit of methods) out.push(`  ${unit.isAsync ? 'async ' : ''}${unit.name}(${paramList(program, unit)}) {`, ...renderBody(program, unit, imports, '    '), '  },');
    out.push('};', '');
  }
  const classMethods = units.filter((u) => u.form === 'class-method');
  const expandos = units.filter((u) => u.form === 'expando');
  if (classMethods.length > 0 || expandos.length > 0) {
    out.push(`class ${className(program, module)} {`, isTs(program) ? '  client: unknown = null;' : '  constructor() {\n    this.client = null;\n  }');
    for (const unit of classMethods) out.push('', `  ${unit.isAsync ? 'async ' : ''}${unit.name}(${paramList(program, unit)}) {`, ...renderBody(program, unit, imports, '    '), '  }');
    out.push('}', `${esmExport}const ${instanceName(program, module)} = new ${className(program, module)}();`, '');
    for (const unit of expandos) out.push(`${instanceName(program, module)}.${unit.name} = ${functionExpressionHead(program, unit)}`, ...renderBody(program, unit, imports, '  '), '};', '');
  }
  out.push(...exportLines(program, module, units));
  return [...importLines(program, imports, index), ...out].join('\n').replace(/\n+$/, '\n');
}

function functionExpressionHead(program: Program, unit: Unit): string {
  const async = unit.isAsync ? 'async ' : '';
  return unit.expression === 'function' ? `${async}function (${paramList(program, unit)}) {` : `${async}(${paramList(program, unit)}) => {`;
}

function exportLines(program: Program, module: Module, units: Unit[]): string[] {
  const containers = [
    ...(units.some((u) => u.form === 'object-method') ? [objectName(program, module)] : []),
    ...(units.some((u) => u.form === 'class-method' || u.form === 'expando') ? [instanceName(program, module)] : []),
  ];
  switch (module.exportStyle) {
    case 'esm-named':
      return [];
    case 'esm-default-instance':
      return [`export default ${instanceName(program, module)};`];
    case 'cjs-module-is-instance':
      return [`module.exports = ${instanceName(program, module)};`];
    case 'cjs-exports-assign':
      return containers.map((name) => `${module.exportsAlias}.${name} = ${name};`);
    case 'cjs-object-literal': {
      const names = [...units.filter((u) => u.form === 'function' || u.form === 'arrow').map((u) => u.name), ...containers];
      return [`module.exports = { ${names.join(', ')} };`];
    }
  }
}

function paramList(program: Program, unit: Unit): string {
  return unit.params.map((param) => (isTs(program) ? `${param.name}: ${param.type}` : param.name)).join(', ');
}

function renderBody(program: Program, unit: Unit, imports: ImportSet, indent: string): string[] {
  const trace = traceParam(unit);
  const recorded = unit.params.filter((param) => !param.trace).map((param) => param.name);
  const lines = [`__rec('${unit.name}', ${recorded.length > 0 ? `{ ${recorded.join(', ')} }` : '{}'});`];
  if (unit.keyUse && trace) lines.push(`const lockKey = \`lock:\${${trace.name}}\`;`, `__rec('${unit.name}:key', { lockKey });`);
  unit.logs.forEach((log, i) => lines.push(renderLog(log, `${unit.name} step ${i + 1}`, trace?.name)));
  lines.push(...renderCalls(program, unit.calls, unit, imports, (arg) => renderArg(arg)));
  return lines.map((line) => indent + line.replace(/\n/g, `\n${indent}`));
}

function renderLog(log: LogStatement, text: string, trace: string | undefined): string {
  const withId = log.withId && trace !== undefined;
  if (log.style === 'template') {
    const prefix = withId ? `[\${${trace}}] ` : '';
    const value = log.value ? ` ${log.value}=\${${log.value}}` : '';
    return `console.${log.method}(\`${prefix}${text}${value}\`);`;
  }
  const parts = [...(withId ? [`'['`, trace, `'] ${text}${log.value ? ` ${log.value}=` : ''}'`] : [`'${text}${log.value ? ` ${log.value}=` : ''}'`]), ...(log.value ? [log.value] : [])];
  return `console.${log.method}(${parts.join(' + ')});`;
}

function renderArg(arg: Arg): string {
  return arg.kind === 'forward' ? arg.name : JSON.stringify(arg.value);
}

/** The calls of a function or request; `all-with-next` joins a call and the next in one Promise.all. */
function renderCalls(program: Program, calls: readonly Call[], caller: Unit | null, imports: ImportSet, arg: (arg: Arg) => string): string[] {
  const fromModule = caller?.module ?? -1;
  const invoke = (call: Call) => `${calleeReference(program, fromModule, call, imports)}(${call.args.map(arg).join(', ')})`;
  const lines: string[] = [];
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i];
    const callee = program.units[call.callee];
    switch (call.style) {
      case 'await':
        lines.push(callee.isAsync ? `await ${invoke(call)};` : `${invoke(call)};`);
        break;
      case 'timeout':
        lines.push(`await new Promise${isTs(program) ? '<void>' : ''}((resolve) => setTimeout(() => resolve(${invoke(call)}), 1));`);
        break;
      case 'then':
        lines.push(`await Promise.resolve().then(() => ${invoke(call)});`);
        break;
      case 'all-with-next': {
        const next = calls[i + 1];
        lines.push(next ? `await Promise.all([${invoke(call)}, ${invoke(next)}]);` : `await Promise.all([${invoke(call)}]);`);
        if (next) i++;
        break;
      }
    }
  }
  return lines;
}

/** How code in module `from` (-1: the entry file) names the callee, recording the import it needs. */
function calleeReference(program: Program, from: number, call: Call, imports: ImportSet): string {
  const unit = program.units[call.callee];
  const module = program.modules[unit.module];
  const container =
    unit.form === 'object-method' ? objectName(program, module) : unit.form === 'class-method' || unit.form === 'expando' ? instanceName(program, module) : undefined;
  if (unit.module === from) {
    if (call.viaThis) return `this.${unit.name}`;
    if (unit.form === 'exports-property') return `${module.exportsAlias}.${unit.name}`;
    return container ? `${container}.${unit.name}` : unit.name;
  }
  const inlineRequire = `require('./${module.name}')`;
  if (isInstanceModule(module)) {
    if (module.importStyle === 'inline' && isCjs(program)) return `${inlineRequire}.${unit.name}`;
    imports.use(unit.module);
    return `${module.name}.${unit.name}`;
  }
  const exported = container ?? unit.name;
  const member = container ? `.${unit.name}` : '';
  switch (module.importStyle) {
    case 'named':
      imports.use(unit.module, exported);
      return exported + member;
    case 'namespace':
      imports.use(unit.module);
      return `${module.name}.${exported}${member}`;
    case 'inline':
      return `${inlineRequire}.${exported}${member}`;
  }
}

function importLines(program: Program, imports: ImportSet, from: number): string[] {
  const lines: string[] = [];
  for (const [index, names] of [...imports.names].sort(([a], [b]) => a - b)) {
    if (index === from) continue;
    const module = program.modules[index];
    const named = !isInstanceModule(module) && module.importStyle === 'named';
    if (isCjs(program)) {
      lines.push(named ? `const { ${[...names].join(', ')} } = require('./${module.name}');` : `const ${module.name} = require('./${module.name}');`);
    } else if (isInstanceModule(module)) {
      lines.push(`import ${module.name} from './${module.name}.js';`);
    } else {
      lines.push(named ? `import { ${[...names].join(', ')} } from './${module.name}.js';` : `import * as ${module.name} from './${module.name}.js';`);
    }
  }
  return lines.length > 0 ? [...lines, ''] : [];
}

function renderEntry(program: Program): string {
  const imports = new ImportSet();
  const body: string[] = [];
  program.requests.forEach((request, k) => {
    const idVar = request.idVar;
    const arg = (a: Arg) => (a.kind === 'forward' ? (idVar ?? 'randomUUID()') : renderArg(a));
    body.push(`async function handleRequest${k + 1}${program.tag}(n${isTs(program) ? ': number' : ''}) {`);
    if (idVar) body.push(`  const ${idVar} = randomUUID();`);
    body.push(`  console.log(\`${request.logsStart && idVar ? `[\${${idVar}}] ` : ''}request ${k + 1} #\${n}\`);`);
    body.push(...renderCalls(program, request.calls, null, imports, arg).map((line) => `  ${line}`));
    body.push('}', '');
  });
  const runs = program.requests.flatMap((_, k) => [1, 2].map((n) => `await handleRequest${k + 1}${program.tag}(${n});`));
  const head = isCjs(program) ? [`const { randomUUID } = require('node:crypto');`] : [`import { randomUUID } from 'node:crypto';`];
  const tail = isCjs(program) ? ['// The harness waits for this promise.', 'module.exports = (async () => {', ...runs.map((r) => `  ${r}`), '})();'] : runs;
  return [...head, ...importLines(program, imports, -1), ...body, ...tail, ''].join('\n');
}
