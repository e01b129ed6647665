// The clustered entry point: one worker process per CPU, each running the whole service — and so each
// with its own copy of every pool the service loads (src/db.ts's among them). The server sees the
// pools' sizes times the worker count; `npx connection-hygiene budget examples --cpus 4 …` adds them up.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

if (cluster.isPrimary) {
  for (let i = 0; i < availableParallelism(); i++) cluster.fork();
  // a replacement for a worker that died: not one more worker
  cluster.on('exit', () => cluster.fork());
} else {
  await import('./app.js');
}
