// A progress line on stderr for long commands: only on a terminal (UALIGN_PROGRESS=1 forces it,
// UALIGN_PROGRESS=0 turns it off), rewritten in place at most every 200 ms, cleared when done.

export interface Progress {
  /** Show what is being done and how far (throttled unless `now`: a new phase). */
  update(text: string, now?: boolean): void;
  /** Clear the line. */
  done(): void;
}

const INTERVAL_MS = 200;

export function progress(cmd: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const env = process.env.UALIGN_PROGRESS;
  const on = env === '1' || (env !== '0' && stream.isTTY === true);
  let last = -Infinity;
  let shown = false;
  return {
    update(text, force = false) {
      if (!on) return;
      const now = Date.now();
      if (!force && now - last < INTERVAL_MS) return;
      last = now;
      stream.write(`\r${cmd}: ${text}\x1b[K`);
      shown = true;
    },
    done() {
      if (on && shown) stream.write('\r\x1b[K');
      shown = false;
      last = -Infinity;
    },
  };
}

/** "12.3 MB" for a character count. */
export function sizeText(chars: number): string {
  return chars >= 1e6 ? `${(chars / 1e6).toFixed(1)} MB` : `${Math.ceil(chars / 1e3)} kB`;
}
