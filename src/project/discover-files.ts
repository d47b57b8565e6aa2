// TEMPORARY minimal discovery (replaced by the io branch's full implementation).
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { globby } from 'globby';
import type { Config } from '../config/config.js';
import { UsageError } from '../errors.js';
import type { FileResult, Finding } from '../report/report.js';
import type { SourceText } from './source-text.js';

export interface Discovery {
  roots: string[];
  files: SourceText[];
  fileResults: FileResult[];
  findings: Finding[];
}

export async function discoverFiles(config: Config): Promise<Discovery> {
  const files: SourceText[] = [];
  for (const root of config.paths) {
    let st;
    try {
      st = statSync(root);
    } catch {
      throw new UsageError(`path does not exist: ${root}`);
    }
    const paths = st.isDirectory()
      ? (await globby(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', '!**/*.d.{ts,mts,cts}'], { cwd: root, gitignore: true, ignore: ['**/node_modules/**', '**/dist/**'] })).map((p) => resolve(root, p))
      : [root];
    for (const path of paths.sort()) {
      let text = readFileSync(path, 'utf8');
      const bom = text.charCodeAt(0) === 0xfeff;
      if (bom) text = text.slice(1);
      files.push({ path, text, bom, eol: text.includes('\r\n') ? '\r\n' : '\n', mode: statSync(path).mode });
    }
  }
  return { roots: config.paths, files, fileResults: [], findings: [] };
}
