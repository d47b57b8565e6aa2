// Brings one pinned service into a scratch directory outside the repo: the fetched mirror's commit,
// extracted with `git archive`, made a git repo of its own so a rerun can reset it (installs are kept).
import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { runCommand } from './commands.mjs';

export const MIRROR_ROOT = process.env.TRACE_MIGRATE_MIRROR ?? '/work/.mirror';

export function mirrorGitDir(repo) {
  return join(MIRROR_ROOT, repo.replace('/', '+'), 'repo');
}

const gitIdentity = ['-c', 'user.name=bench-real', '-c', 'user.email=bench-real@localhost', '-c', 'commit.gpgsign=false'];

function git(cwd, args) {
  return execFileSync('git', [...gitIdentity, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Returns { dir, fresh } or throws with a message naming what is missing. */
export function checkout(service, workRoot) {
  const gitDir = mirrorGitDir(service.repo);
  if (!existsSync(gitDir)) {
    throw new Error(`${service.repo} was not fetched: no ${gitDir} (fetch it with the search tool's fetch: github:${service.repo})`);
  }
  try {
    execFileSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${service.commit}^{commit}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${service.repo}: the mirror at ${gitDir} has no commit ${service.commit} (fetch it again)`);
  }
  const dir = join(workRoot, service.name);
  const marker = join(dir, '.git', 'bench-real-commit');
  if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === service.commit) {
    // Back to the pinned tree (index included: a previous run marked new files intent-to-add);
    // ignored files (node_modules, .bench-real) stay.
    git(dir, ['reset', '-q', '--hard']);
    git(dir, ['clean', '-fdq']);
    return { dir, fresh: false };
  }
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git --git-dir="${gitDir}" archive "${service.commit}" | tar -x -C "${dir}"`], { stdio: 'inherit' });
  git(dir, ['init', '-q']);
  appendFileSync(join(dir, '.git', 'info', 'exclude'), '\nnode_modules/\n.bench-real/\n');
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-qm', `pinned ${service.repo}@${service.commit}`, '--no-verify']);
  writeFileSync(marker, service.commit + '\n');
  return { dir, fresh: true };
}

/**
 * Installs once per checkout; the marker records a successful install. What the install changed in
 * the tree (a rewritten lockfile, a dependency it had to drop from package.json) is committed, so
 * the migration's diff holds only the tool's edits and a rerun resets to the installed tree.
 */
export async function install(service, dir, timeoutMs) {
  const marker = join(dir, '.git', 'bench-real-installed');
  if (existsSync(marker)) return { ok: true, skipped: true, seconds: 0 };
  const result = await runCommand(service.install, dir, timeoutMs);
  if (result.code === 0) {
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-qm', `installed: ${service.install}`, '--no-verify', '--allow-empty']);
    writeFileSync(marker, service.install + '\n');
  }
  return { ok: result.code === 0, skipped: false, seconds: result.seconds, output: result.output, timedOut: result.timedOut };
}
