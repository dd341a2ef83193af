// Worker thread: runs one claim per message and posts its result (see pool.ts); also loads and probes
// claim modules and re-checks stored instances with them (host.ts). Every finished check of a plug-in
// claim posts a tick: the main thread's watchdog keeps the time limit (nothing here times itself).
import { parentPort } from 'node:worker_threads';
import { setFault } from '../winrate/faults.js';
import { claimInfo } from './contract.js';
import { failureOf, FromWorker, ToWorker } from './host.js';
import { importClaim, pluginClaim, probeClaimModule, recheck } from './plugins.js';
import { runAnyTask } from './pool.js';

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
const tick = () => post({ t: 'tick' });

port.on('message', (m: ToWorker) => {
  void (async () => {
    try {
      if (!('kind' in m)) post({ t: 'result', result: await runAnyTask(m, m.module ? tick : undefined) });
      else if (m.kind === 'probe')
        post({ t: 'info', info: await probeClaimModule(m.module, { seed: m.seed, maxK: m.maxK, onCheck: tick, onLoaded: () => post({ t: 'tick', loaded: true }) }) });
      else if (m.kind === 'describe') post({ t: 'info', info: claimInfo(await importClaim(m.module)) });
      else {
        const c = await pluginClaim(m.module, { id: m.id, onCheck: tick });
        post({ t: 'tick', loaded: true });
        setFault(m.fault);
        post({ t: 'recheck', recheck: recheck(c, m.instance, true), info: claimInfo(c) });
      }
    } catch (e) {
      post({ t: 'failed', ...failureOf('kind' in m ? m.module.path : m.id, e) });
    }
  })();
});
