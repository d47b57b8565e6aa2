// Whether git ignores a directory (its own rules: .gitignore files above it, .git/info/exclude,
// core.excludesFile). Used to tell when a root the user named lies inside an ignored directory.
import { execFile } from 'node:child_process';
import path from 'node:path';

export function isIgnoredByGit(dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['check-ignore', '--quiet', '--', path.basename(dir)],
      { cwd: path.dirname(dir), env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }, windowsHide: true },
      // Exit 0: ignored; 1: not ignored; 128 or no git at all: outside a repository, so not ignored.
      (error) => resolve(error === null),
    );
  });
}
