// What makes two type errors "the same error" before and after the edits. TypeScript prints a
// union's members in the order their types were created, and that order follows the order files
// are checked in: the edited program checks the edited files first, so an error the project
// already had can read `never[] | Row[]` after and `Row[] | never[]` before. Counting it as new
// would refuse edits that added nothing; so the members of every union are sorted in the key.
import { ts } from '../syntax/typescript.js';

export function diagnosticKey(d: ts.Diagnostic): string {
  return `${d.code}:${unionOrderFree(ts.flattenDiagnosticMessageText(d.messageText, '\n'))}`;
}

/** The message with the members of each union in its quoted types sorted. */
export function unionOrderFree(message: string): string {
  return message.replace(/'([^'\n]*)'/g, (_, type: string) => `'${sortUnions(type)}'`);
}

const CLOSER: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '<': '>' };

function sortUnions(type: string): string {
  let i = 0;
  // The text up to `close` (consumed), with its unions sorted, segment by segment.
  const group = (close: string | undefined): string => {
    const segments: string[] = [];
    let current = '';
    while (i < type.length) {
      if (type.startsWith('=>', i)) {
        current += '=>';
        i += 2;
        continue;
      }
      const c = type[i]!;
      i++;
      if (c === close) break;
      if (CLOSER[c]) {
        current += c + group(CLOSER[c]) + CLOSER[c];
        continue;
      }
      // `{ a: X | Y; b: Z }`, `(a: X, b: Y)`: a union never spans a separator.
      if (c === ';' || c === ',') {
        segments.push(sortedSegment(current), c);
        current = '';
        continue;
      }
      current += c;
    }
    segments.push(sortedSegment(current));
    return segments.join('');
  };
  return group(undefined);
}

/** `a: X | Y` → `a: ` and the members sorted; groups were already sorted inside. */
function sortedSegment(segment: string): string {
  const members = splitTopLevel(segment);
  if (members.length < 2) return segment;
  const first = members[0]!;
  const label = lastTopLevelColon(first);
  const prefix = label >= 0 ? first.slice(0, label + 2) : first.match(/^\s*/)![0];
  members[0] = first.slice(prefix.length);
  const suffix = members[members.length - 1]!.match(/\s*$/)![0];
  members[members.length - 1] = members[members.length - 1]!.slice(0, members[members.length - 1]!.length - suffix.length);
  return prefix + [...members].sort().join(' | ') + suffix;
}

/** The members of a segment split at ` | ` outside brackets. */
function splitTopLevel(segment: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const at of topLevelIndexes(segment, ' | ')) {
    out.push(segment.slice(start, at));
    start = at + 3;
  }
  out.push(segment.slice(start));
  return out;
}

function lastTopLevelColon(text: string): number {
  return topLevelIndexes(text, ': ').at(-1) ?? -1;
}

/** Where `token` starts outside brackets (an arrow's `>` closes none), left to right, without overlaps. */
function topLevelIndexes(text: string, token: string): number[] {
  const found: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (text.startsWith('=>', i)) {
      i++;
      continue;
    }
    if (CLOSER[c]) depth++;
    else if (c === ')' || c === ']' || c === '}' || c === '>') depth--;
    else if (depth === 0 && text.startsWith(token, i)) {
      found.push(i);
      i += token.length - 1;
    }
  }
  return found;
}
