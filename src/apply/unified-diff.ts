// TEMPORARY (replaced by the io branch).
import { createTwoFilesPatch } from 'diff';
export function renderUnifiedDiff(changes: Array<{ path: string; before: string | null; after: string }>): string {
  return changes
    .map((c) => {
      const header = `diff --git a/${c.path} b/${c.path}\n${c.before === null ? 'new file mode 100644\n' : ''}`;
      const patch = createTwoFilesPatch(c.before === null ? '/dev/null' : `a/${c.path}`, `b/${c.path}`, c.before ?? '', c.after, undefined, undefined, { context: 3 });
      return header + patch.split('\n').slice(1).join('\n');
    })
    .join('');
}
