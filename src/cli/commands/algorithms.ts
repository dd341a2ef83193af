import { BUILTINS } from '../../algorithms/registry.js';
import { toJsonText } from '../../report/atomic.js';
import { parseArgs } from '../args.js';
import { Command } from '../command.js';

const help = `ualign algorithms [--json]

The built-in alignment algorithms of \`ualign check --algorithm builtin:NAME[:key=value,...]\`.
  --json        [{"name", "description", "params": {key: {"default", "doc"}}}]`;

export const algorithmsCommand: Command = {
  name: 'algorithms',
  summary: 'list the built-in alignment algorithms for ualign check',
  help,
  run(argv) {
    const a = parseArgs(argv, [], ['json'], 'algorithms', { positionals: 0 });
    if (a.flags.has('json')) {
      process.stdout.write(
        toJsonText(BUILTINS.map((b) => ({ name: b.name, description: b.description, params: Object.fromEntries(Object.entries(b.params ?? {}).map(([k, p]) => [k, { default: p.default, doc: p.doc }])) }))),
      );
      return 0;
    }
    const w = Math.max(...BUILTINS.map((b) => b.name.length));
    const lines = BUILTINS.map((b) => {
      const ps = Object.entries(b.params ?? {}).map(([k, p]) => `${k}=${p.default}`);
      return `  ${b.name.padEnd(w)}  ${b.description}${ps.length ? ` [${ps.join(', ')}]` : ''}`;
    });
    process.stdout.write(`built-in algorithms (ualign check --algorithm builtin:NAME[:key=value,...]):\n${lines.join('\n')}\n`);
    return 0;
  },
};
