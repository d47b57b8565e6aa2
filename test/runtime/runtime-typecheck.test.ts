// The TS variants compile under the strictest options in every project setup they are meant for —
// with and without @types/node — together with a file that imports and uses them the way that
// setup imports; the compiled output then runs. The JS variants pass `checkJs` under strict.
import { describe, expect, it } from 'vitest';
import {
  STRICTEST,
  compileProject,
  jsonLines,
  render,
  runNode,
  tempProject,
  type PackageType,
  type VariantOptions,
} from './runtime-project.js';

interface Setup {
  name: string;
  moduleFormat: 'esm' | 'cjs';
  packageType: PackageType;
  compilerOptions: Record<string, unknown>;
  /** Runtime file name in the project; the consumer imports `./<specifier>`. */
  runtimeFile: string;
  specifier: string;
  /** The file that imports the runtime, and its compiled output, relative to the project. */
  consumerFile: string;
  compiledConsumer: string;
  nodeTypes: boolean;
}

const NODE_TYPES = { types: ['node'] };
const NO_NODE_TYPES = { types: [], skipLibCheck: false };

const SETUPS: Setup[] = [
  {
    name: 'ESM syntax, type module, module nodenext, verbatimModuleSyntax, erasableSyntaxOnly, isolatedDeclarations',
    moduleFormat: 'esm',
    packageType: 'module',
    compilerOptions: { ...STRICTEST, ...NODE_TYPES, target: 'es2022', module: 'nodenext', verbatimModuleSyntax: true, erasableSyntaxOnly: true, isolatedDeclarations: true },
    runtimeFile: 'trace-context.ts',
    specifier: 'trace-context.js',
    consumerFile: 'consumer.ts',
    compiledConsumer: 'dist/consumer.js',
    nodeTypes: true,
  },
  {
    name: 'ESM syntax compiled to CommonJS (module commonjs, lib es2020)',
    moduleFormat: 'esm',
    packageType: 'commonjs',
    compilerOptions: { ...STRICTEST, ...NODE_TYPES, target: 'es2020', lib: ['es2020'], module: 'commonjs' },
    runtimeFile: 'trace-context.ts',
    specifier: 'trace-context',
    consumerFile: 'consumer.ts',
    compiledConsumer: 'dist/consumer.js',
    nodeTypes: true,
  },
  {
    name: 'ESM syntax, module nodenext, no @types/node',
    moduleFormat: 'esm',
    packageType: 'module',
    compilerOptions: { ...STRICTEST, ...NO_NODE_TYPES, target: 'es2022', module: 'nodenext' },
    runtimeFile: 'trace-context.ts',
    specifier: 'trace-context.js',
    consumerFile: 'consumer.ts',
    compiledConsumer: 'dist/consumer.js',
    nodeTypes: false,
  },
  {
    name: 'CommonJS syntax, module commonjs, verbatimModuleSyntax',
    moduleFormat: 'cjs',
    packageType: 'commonjs',
    compilerOptions: { ...STRICTEST, ...NODE_TYPES, target: 'es2022', module: 'commonjs', verbatimModuleSyntax: true },
    runtimeFile: 'trace-context.ts',
    specifier: 'trace-context',
    consumerFile: 'consumer.ts',
    compiledConsumer: 'dist/consumer.js',
    nodeTypes: true,
  },
  {
    name: 'CommonJS syntax, module commonjs, no verbatimModuleSyntax, lib es2020',
    moduleFormat: 'cjs',
    packageType: 'commonjs',
    compilerOptions: { ...STRICTEST, ...NODE_TYPES, target: 'es2020', lib: ['es2020'], module: 'commonjs' },
    runtimeFile: 'trace-context.ts',
    specifier: 'trace-context',
    consumerFile: 'consumer.ts',
    compiledConsumer: 'dist/consumer.js',
    nodeTypes: true,
  },
  {
    name: 'CommonJS syntax as .cts in a type module package, module nodenext, verbatimModuleSyntax',
    moduleFormat: 'cjs',
    packageType: 'module',
    compilerOptions: { ...STRICTEST, ...NODE_TYPES, target: 'es2022', module: 'nodenext', verbatimModuleSyntax: true },
    runtimeFile: 'trace-context.cts',
    specifier: 'trace-context.cjs',
    consumerFile: 'consumer.cts',
    compiledConsumer: 'dist/consumer.cjs',
    nodeTypes: true,
  },
  {
    name: 'CommonJS syntax, module commonjs, verbatimModuleSyntax, no @types/node',
    moduleFormat: 'cjs',
    packageType: 'commonjs',
    compilerOptions: { ...STRICTEST, ...NO_NODE_TYPES, target: 'es2022', module: 'commonjs', verbatimModuleSyntax: true },
    runtimeFile: 'trace-context.ts',
    specifier: 'trace-context',
    consumerFile: 'consumer.ts',
    compiledConsumer: 'dist/consumer.js',
    nodeTypes: false,
  },
];

/** A file that uses every export with the types a migrated file relies on. */
function consumer(setup: Setup, idField: string): string {
  const id = /^\w+$/.test(idField) ? idField : `'${idField}'`;
  const use = (prefix: string): string[] => [
    `const answer: Promise<number> = ${prefix}withTrace({ ${id}: 'id-1' }, async () => {`,
    `  ${prefix}log.info('settled invoice {invoiceId}', { invoiceId: 'inv-1', total: 12 });`,
    `  ${prefix}log.error('failed', { err: new Error('x') });`,
    `  ${prefix}log.trace('t');`,
    `  ${prefix}log.debug('d', {});`,
    `  ${prefix}log.warn('w');`,
    '  await Promise.resolve();',
    '  return 1;',
    '});',
    `const text: string = ${prefix}withTrace({ ${id}: undefined }, () => 'x');`,
    `const id: string | undefined = ${prefix}traceId();`,
    `${prefix}withTrace(${prefix}currentTrace() ?? {}, () => undefined);`,
    'void answer;',
    'void text;',
    'void id;',
    '',
  ];
  if (setup.moduleFormat === 'cjs') return [`import runtime = require('./${setup.specifier}');`, '', ...use('runtime.')].join('\n');
  return [
    `import { currentTrace, log, traceId, withTrace, type LogFields, type LogLevel, type TraceContext } from './${setup.specifier}';`,
    '',
    `const context: TraceContext = { ${id}: 'typed' };`,
    "const fields: LogFields = { a: 1 };",
    "const level: LogLevel = 'warn';",
    'withTrace(context, () => log[level](\'typed\', fields));',
    ...use(''),
  ].join('\n');
}

const BACKENDS: Array<Pick<VariantOptions, 'backend' | 'openTelemetry'>> = [
  { backend: 'json' },
  { backend: 'json', openTelemetry: true },
  { backend: 'pino' },
  { backend: 'pino', openTelemetry: true },
];

describe.each(SETUPS)('TS $moduleFormat variant: $name', (setup) => {
  const backends = setup.nodeTypes ? BACKENDS : BACKENDS.filter((b) => b.backend === 'json' && !b.openTelemetry);

  it.each(backends)('compiles with backend $backend (OpenTelemetry: $openTelemetry), and the output runs', async (backend) => {
    const project = tempProject(setup.packageType, setup.nodeTypes);
    try {
      const idField = setup.nodeTypes ? 'correlationId' : 'x-request-id';
      project.write(setup.runtimeFile, render({ language: 'ts', moduleFormat: setup.moduleFormat, idField, nodeTypes: setup.nodeTypes, ...backend }));
      project.write(setup.consumerFile, consumer(setup, idField));
      const diagnostics = compileProject(project.dir, [setup.consumerFile], { ...setup.compilerOptions, outDir: 'dist' });
      expect(diagnostics).toEqual([]);

      const run = await runNode(`${project.dir}/${setup.compiledConsumer}`);
      expect(run.code, run.stderr).toBe(0);
      expect(jsonLines(run.stdout)).toContainEqual(expect.objectContaining({ msg: 'settled invoice {invoiceId}', [idField]: 'id-1', invoiceId: 'inv-1' }));
      expect(jsonLines(run.stderr)).toContainEqual(expect.objectContaining({ level: 'error', [idField]: 'id-1' }));
    } finally {
      project.remove();
    }
  });
});

describe('TS variants without @types/node', () => {
  it('would not compile without the @ts-ignore (the test setup does exclude Node typings)', () => {
    const project = tempProject('module', false);
    try {
      const text = render({ language: 'ts', moduleFormat: 'esm', backend: 'json', nodeTypes: true });
      expect(text).not.toContain('@ts-ignore');
      project.write('trace-context.ts', text);
      const diagnostics = compileProject(project.dir, ['trace-context.ts'], { ...STRICTEST, ...NO_NODE_TYPES, module: 'nodenext', noEmit: true });
      expect(diagnostics).toEqual([expect.stringMatching(/trace-context\.ts\(\d+,\d+\) TS\d+: Cannot find .*'node:async_hooks'/)]);
    } finally {
      project.remove();
    }
  });
});

const JS_CASES = BACKENDS.flatMap((backend) => ['correlationId', 'x-request-id'].map((idField) => ({ ...backend, idField })));

describe.each(['esm', 'cjs'] as const)('JS %s variant under checkJs', (moduleFormat) => {
  it.each(JS_CASES)('type-checks with backend $backend (OpenTelemetry: $openTelemetry), id field $idField', (options) => {
    const packageType: PackageType = moduleFormat === 'esm' ? 'module' : 'commonjs';
    const project = tempProject(packageType);
    try {
      project.write('trace-context.js', render({ language: 'js', moduleFormat, ...options }));
      const checkJs = { strict: true, allowJs: true, checkJs: true, noEmit: true, skipLibCheck: true, types: ['node'], target: 'es2022', module: 'nodenext' };
      expect(compileProject(project.dir, ['trace-context.js'], checkJs)).toEqual([]);
    } finally {
      project.remove();
    }
  });
});
