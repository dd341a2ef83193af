// The command line of a `cmd:` plug-in, split without a shell: words are separated by whitespace;
// '…' quotes literally; "…" quotes with \" and \\ as escapes; outside quotes a backslash makes the
// next character literal. No variables, globs, pipes or redirections.
import { InputError } from '../../model/errors.js';

export function splitCommandLine(s: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  const add = (c: string) => (word = (word ?? '') + c);
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new InputError(`cmd: unterminated ' in ${JSON.stringify(s)}`);
      add(s.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      add('');
      i++;
      for (;;) {
        if (i >= s.length) throw new InputError(`cmd: unterminated " in ${JSON.stringify(s)}`);
        const d = s[i];
        if (d === '"') break;
        if (d === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) {
          add(s[i + 1]);
          i += 2;
        } else {
          add(d);
          i++;
        }
      }
      i++;
    } else if (c === '\\') {
      if (i + 1 >= s.length) throw new InputError(`cmd: trailing backslash in ${JSON.stringify(s)}`);
      add(s[i + 1]);
      i += 2;
    } else {
      add(c);
      i++;
    }
  }
  if (word !== null) words.push(word);
  if (words.length === 0) throw new InputError('cmd: no command given (expected cmd:COMMAND ARGS…)');
  return words;
}
