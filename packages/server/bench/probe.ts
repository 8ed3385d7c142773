/**
 * Preloaded into the Loupe server the bench measures (`node --import ./bench/probe.ts`), so
 * the server reports on itself without a line of bench code in it: event-loop delay
 * (`monitorEventLoopDelay`) and `process.memoryUsage()`, over the IPC channel the runner
 * opened. `reset` starts a new window; `stats` answers with the window's figures.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What the probe answers to `stats`. Times in milliseconds, memory in bytes. */
export interface ProbeStats {
  eventLoopDelay: { p50: number; p99: number; max: number; mean: number };
  memory: NodeJS.MemoryUsage;
}

if (process.send) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = (ns: number) => ns / 1e6;
  process.on('message', (message) => {
    if (message === 'reset') delay.reset();
    if (message === 'stats') {
      const stats: ProbeStats = {
        eventLoopDelay: {
          p50: ms(delay.percentile(50)),
          p99: ms(delay.percentile(99)),
          max: ms(delay.max),
          mean: ms(delay.mean),
        },
        memory: process.memoryUsage(),
      };
      process.send?.(stats);
    }
  });
  // The channel must not keep the server alive on its own; SIGTERM still stops it as usual.
  process.channel?.unref();
}
