import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACE_PARAM_NAMES, defineConfig } from '../../src/config/config.js';
import { loadConfig, type LoadInput } from '../../src/config/load.js';
import { OPTIONS } from '../../src/config/options.js';
import { UsageError } from '../../src/errors.js';
import { tempProject } from '../helpers/temp-project.js';

function load(cwd: string, flags: LoadInput['flags'] = {}, paths: string[] = ['src']) {
  return loadConfig({ flags, paths, cwd });
}

function loadError(cwd: string, flags: LoadInput['flags'] = {}, paths: string[] = ['src']): string {
  try {
    load(cwd, flags, paths);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('loadConfig', () => {
  it('builds a complete Config from flags alone, paths absolute, defaults filled in', () => {
    const cwd = tempProject({ 'src/a.ts': '' });
    const { config, cli } = load(cwd);
    expect(config).toEqual(defineConfig({ paths: [join(cwd, 'src')], cwd }));
    expect(config.traceParamNames).toEqual(DEFAULT_TRACE_PARAM_NAMES);
    expect(cli).toEqual({ mode: 'write', format: 'text', color: true, verbose: false, progress: true, debug: false });
  });

  it('maps every flag onto the Config and the CLI settings', () => {
    const cwd = tempProject({ 'src/a.ts': '', 'lib/b.ts': '', 'tsconfig.app.json': '{}' });
    const { config, cli } = load(
      cwd,
      {
        check: true,
        baseline: 'base.json',
        force: true,
        format: 'sarif',
        output: 'out/report.sarif',
        paramNames: ['reqId, rid', 'cid'],
        traceParams: ['rid'],
        notTraceParams: ['requestId'],
        includePublicApi: true,
        runtimePath: 'src/ctx.ts',
        idField: 'reqId',
        logger: 'pino',
        logScope: 'interpolated',
        loggerNames: ['audit, logger'],
        tsconfig: 'tsconfig.app.json',
        verify: false,
        formatEdits: false,
        include: ['**/*.ts'],
        exclude: ['**/*.test.ts', 'gen/**'],
        maxFileSize: '4096',
        color: false,
        verbose: true,
        progress: false,
        debug: true,
      },
      ['src', 'lib'],
    );
    expect(config).toEqual({
      paths: [join(cwd, 'src'), join(cwd, 'lib')],
      cwd,
      dryRun: false,
      force: true,
      traceParamNames: ['reqId', 'rid', 'cid'],
      forceTraceParams: ['rid'],
      notTraceParams: ['requestId'],
      includePublicApi: true,
      runtimeModulePath: join(cwd, 'src/ctx.ts'),
      idField: 'reqId',
      logger: 'pino',
      logScope: 'interpolated',
      loggerNames: ['audit', 'logger'],
      tsconfigPath: join(cwd, 'tsconfig.app.json'),
      verify: false,
      formatEdits: false,
      include: ['**/*.ts'],
      exclude: ['**/*.test.ts', 'gen/**'],
      maxFileBytes: 4096,
      baselinePath: join(cwd, 'base.json'),
      updateBaseline: false,
    });
    expect(cli).toEqual({ mode: 'check', format: 'sarif', outputPath: join(cwd, 'out/report.sarif'), color: false, verbose: true, progress: false, debug: true });
  });

  it('takes each option from flags first, then the config file, then package.json', () => {
    const cwd = tempProject({
      'src/a.ts': '',
      'package.json': { name: 'app', traceMigrate: { logger: 'pino', idField: 'fromPackage', paramNames: ['pkgName'], logScope: 'interpolated' } },
      'trace-migrate.config.json': { logger: 'json', idField: 'fromFile', paramNames: ['fileName'] },
    });
    const { config } = load(cwd, { paramNames: ['flagName'] });
    expect(config.traceParamNames).toEqual(['flagName']); // flag over file over package.json
    expect(config.idField).toBe('fromFile'); // file over package.json
    expect(config.logger).toBe('json');
    expect(config.logScope).toBe('interpolated'); // only package.json sets it
  });

  it('lets a flag turn off a boolean the config file turned on (and the reverse)', () => {
    const cwd = tempProject({ 'src/a.ts': '', 'trace-migrate.config.json': { verify: false, includePublicApi: true } });
    expect(load(cwd).config.verify).toBe(false);
    expect(load(cwd, { includePublicApi: false }).config.includePublicApi).toBe(false);
  });

  it('resolves paths relative to the file that declared them', () => {
    const cwd = tempProject({
      'app/src/a.ts': '',
      'app/tsconfig.json': '{}',
      'conf/tm.json': { paths: ['../app/src'], tsconfig: '../app/tsconfig.json', runtimePath: '../app/src/trace.ts', baseline: 'baseline.json' },
    });
    const { config } = load(cwd, { config: 'conf/tm.json', check: true }, []);
    expect(config.paths).toEqual([join(cwd, 'app/src')]);
    expect(config.tsconfigPath).toBe(join(cwd, 'app/tsconfig.json'));
    expect(config.runtimeModulePath).toBe(join(cwd, 'app/src/trace.ts'));
    expect(config.baselinePath).toBe(join(cwd, 'conf/baseline.json'));
  });

  it('reads "traceMigrate" from the nearest package.json, relative to that package.json', () => {
    const root = tempProject({
      'package.json': { name: 'root', traceMigrate: { paths: ['services/api/src'], idField: 'rootField' } },
      'services/api/src/a.ts': '',
      'services/web/package.json': { name: 'web' },
    });
    const fromRoot = load(join(root, 'services/api'), {}, []);
    expect(fromRoot.config.paths).toEqual([join(root, 'services/api/src')]);
    expect(fromRoot.config.idField).toBe('rootField');
    // A nearer package.json without the key ends the search: the root's settings do not leak in.
    const fromWeb = load(join(root, 'services/web'), {}, ['../api/src']);
    expect(fromWeb.config.idField).toBe('correlationId');
  });

  it('only looks for trace-migrate.config.json in the working directory', () => {
    const root = tempProject({ 'trace-migrate.config.json': { idField: 'up' }, 'sub/src/a.ts': '' });
    expect(load(join(root, 'sub')).config.idField).toBe('correlationId');
  });

  it('uses positional paths over "paths" from a file', () => {
    const cwd = tempProject({ 'src/a.ts': '', 'lib/b.ts': '', 'trace-migrate.config.json': { paths: ['src'] } });
    expect(load(cwd, {}, ['lib']).config.paths).toEqual([join(cwd, 'lib')]);
    expect(load(cwd, {}, []).config.paths).toEqual([join(cwd, 'src')]);
  });

  it('maps --dry-run to the Config and to the run mode', () => {
    const cwd = tempProject({ 'src/a.ts': '' });
    const { config, cli } = load(cwd, { dryRun: true });
    expect(config.dryRun).toBe(true);
    expect(cli.mode).toBe('dry-run');
  });
});

describe('loadConfig rejects bad configuration with the source and key named', () => {
  it('a wrong type for every option a config file may set', () => {
    const wrong = { boolean: 'yes', names: 'reqId', identifier: 7, globs: '**/*.ts', choice: 'nope', path: 42, paths: 'src', bytes: '2mb' };
    for (const option of OPTIONS) {
      if (option.commandLineOnly) continue;
      const cwd = tempProject({ 'src/a.ts': '', 'trace-migrate.config.json': { [option.key]: wrong[option.kind.type] } });
      expect(loadError(cwd), option.key).toMatch(new RegExp(`^trace-migrate\\.config\\.json: "${option.key}" must be `));
      const pkg = tempProject({ 'src/a.ts': '', 'package.json': { traceMigrate: { [option.key]: wrong[option.kind.type] } } });
      expect(loadError(pkg), option.key).toMatch(new RegExp(`^package\\.json: "traceMigrate\\.${option.key}" must be `));
    }
  });

  it('bad enum values, with the allowed ones listed', () => {
    const cwd = tempProject({ 'src/a.ts': '', 'trace-migrate.config.json': { logger: 'winston' } });
    expect(loadError(cwd)).toBe('trace-migrate.config.json: "logger" must be one of "json", "pino" (got "winston")');
    expect(loadError(tempProject({ 'src/a.ts': '' }), { format: 'xml' })).toBe(
      '--format must be one of "text", "json", "markdown", "github", "sarif" (got "xml")',
    );
    expect(loadError(tempProject({ 'src/a.ts': '' }), { logScope: 'some' })).toBe(
      '--log-scope must be one of "all", "interpolated" (got "some")',
    );
  });

  it('empty names and names that are not identifiers', () => {
    const cwd = tempProject({ 'src/a.ts': '', 'trace-migrate.config.json': { paramNames: ['reqId', ''] } });
    expect(loadError(cwd)).toBe('trace-migrate.config.json: "paramNames" must be a list of non-empty names (got an array ["reqId",""])');
    expect(loadError(tempProject({ 'src/a.ts': '' }), { traceParams: ['a,,b'] })).toBe(
      '--trace-params must be a list of non-empty names (got an array ["a,,b"])',
    );
    expect(loadError(tempProject({ 'src/a.ts': '' }), { notTraceParams: ['req-id'] })).toBe(
      '--not-trace-params must be a list of JavaScript identifiers ("req-id" is not one) (got an array ["req-id"])',
    );
    expect(loadError(tempProject({ 'src/a.ts': '' }), { idField: '' })).toBe('--id-field must be a non-empty name (got "")');
  });

  it('byte sizes that are not positive whole numbers', () => {
    const cwd = tempProject({ 'src/a.ts': '' });
    expect(loadError(cwd, { maxFileSize: '2mb' })).toBe('--max-file-size must be a whole number of bytes above 0 (got "2mb")');
    expect(loadError(cwd, { maxFileSize: '0' })).toBe('--max-file-size must be a whole number of bytes above 0 (got "0")');
    const file = tempProject({ 'src/a.ts': '', 'trace-migrate.config.json': { maxFileSize: 1.5 } });
    expect(loadError(file)).toBe('trace-migrate.config.json: "maxFileSize" must be a whole number of bytes above 0 (got number 1.5)');
  });

  it('paths and files that do not exist, saying where it looked', () => {
    const cwd = tempProject({ 'src/a.ts': '', 'conf/tm.json': { paths: ['missing'] } });
    expect(loadError(cwd, {}, ['src', 'nope'])).toBe(`path argument: "nope" does not exist (looked for ${join(cwd, 'nope')})`);
    expect(loadError(cwd, { config: 'conf/tm.json' }, [])).toBe(
      `conf/tm.json: "paths": "missing" does not exist (looked for ${join(cwd, 'conf/missing')})`,
    );
    expect(loadError(cwd, { tsconfig: 'tsconfig.json' })).toBe(`--tsconfig: file "tsconfig.json" does not exist (looked for ${join(cwd, 'tsconfig.json')})`);
    expect(loadError(cwd, { config: 'none.json' })).toBe(`--config: file "none.json" does not exist (looked for ${join(cwd, 'none.json')})`);
  });

  it('unknown keys, suggesting the closest known one', () => {
    const cwd = tempProject({ 'src/a.ts': '', 'trace-migrate.config.json': { paramName: ['reqId'] } });
    expect(loadError(cwd)).toBe('trace-migrate.config.json: unknown option "paramName"; did you mean "paramNames"?');
    const pkg = tempProject({ 'src/a.ts': '', 'package.json': { traceMigrate: { colour: 'red' } } });
    expect(loadError(pkg)).toMatch(/^package\.json: "traceMigrate": unknown option "colour"; known options: paths, baseline, format, /);
  });

  it('per-run switches in a shared file', () => {
    const cwd = tempProject({ 'src/a.ts': '', 'trace-migrate.config.json': { force: true } });
    expect(loadError(cwd)).toBe('trace-migrate.config.json: "force" can only be given on the command line (--force)');
  });

  it('config files that are not JSON objects, and code configs (never executed)', () => {
    const cwd = tempProject({
      'src/a.ts': '',
      'bad.json': '{ "logger": "json", }',
      'list.json': '["src"]',
      'tm.config.js': 'throw new Error("executed!")',
      'package.json': { traceMigrate: 'src' },
    });
    expect(loadError(cwd, { config: 'bad.json' })).toMatch(/^bad\.json: is not valid JSON \(/);
    expect(loadError(cwd, { config: 'list.json' })).toBe('list.json must be a JSON object of options (got an array ["src"])');
    expect(loadError(cwd, { config: 'tm.config.js' })).toBe(
      'tm.config.js: config files must be JSON; trace-migrate never executes code (use trace-migrate.config.json)',
    );
    expect(loadError(cwd)).toBe('package.json: "traceMigrate" must be a JSON object of options (got "src")');
  });

  it('a BOM at the start of a config file is fine', () => {
    const cwd = tempProject({ 'src/a.ts': '', 'trace-migrate.config.json': '\uFEFF{ "idField": "rid" }' });
    expect(load(cwd).config.idField).toBe('rid');
  });

  it('no paths anywhere', () => {
    const cwd = tempProject({ 'src/a.ts': '' });
    expect(loadError(cwd, {}, [])).toBe(
      'no paths given: name the files or directories to migrate, e.g. "trace-migrate ./src", or set "paths" in trace-migrate.config.json',
    );
    expect(loadError(cwd, { exclude: ['**/*.test.ts', 'src'] }, [])).toMatch(/put the paths before them, or end the globs with --\)$/);
  });

  it('options that do not go together', () => {
    const cwd = tempProject({ 'src/a.ts': '', 'trace-migrate.config.json': { baseline: 'b.json', notTraceParams: ['rid'] } });
    expect(loadError(cwd, { check: true, dryRun: true })).toBe('--check and --dry-run cannot be combined: --check never writes anyway');
    expect(loadError(cwd, { updateBaseline: true })).toBe('--update-baseline only works with --check');
    expect(loadError(tempProject({ 'src/a.ts': '' }), { check: true, updateBaseline: true })).toBe(
      '--update-baseline needs a baseline file: --baseline <file>, or "baseline" in trace-migrate.config.json',
    );
    expect(loadError(tempProject({ 'src/a.ts': '' }), { baseline: 'b.json' })).toBe('--baseline only works with --check');
    expect(loadError(cwd, { traceParams: ['rid'] })).toBe(
      '"rid" is both a trace id (--trace-params) and not one (trace-migrate.config.json: "notTraceParams")',
    );
    // A baseline in the shared file is simply not used by a migrate run.
    expect(load(cwd).config.baselinePath).toBeUndefined();
    expect(load(cwd, { check: true, updateBaseline: true }).config).toMatchObject({ baselinePath: join(cwd, 'b.json'), updateBaseline: true });
  });
});
