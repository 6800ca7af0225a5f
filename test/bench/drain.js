// Runs one long-running lead-kit command (`mock`, `listen`) and reads its output in this process of its own, as
// a terminal would: the log it prints under load is then not read by the process that generates the load (which
// would slow the load generator, and so the figures, for the side that logs). Started by lib.js startLeadKit.
//   argv: the stream the URL appears on (stdout|stderr), the URL pattern (RegExp source), then the command
// IPC to the parent: { url, pid } once the URL appeared; { exit, lines } when the command exited.
// IPC from the parent: 'stop' sends Ctrl-C (SIGINT) to the command.
import { spawn } from 'node:child_process';

const [urlStream, pattern, command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
const urlPattern = new RegExp(pattern);
let lines = 0;
let seen = '';
child.stdout.on('data', (d) => {
  for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
});
child[urlStream].on('data', (d) => {
  if (seen === null) return;
  seen += d;
  const m = urlPattern.exec(seen);
  if (!m) return;
  seen = null;
  process.send({ url: m[0], pid: child.pid });
});
child.stderr.resume();
child.once('exit', (code) => process.send({ exit: code, lines, seen: seen ?? '' }, () => process.disconnect()));
process.on('message', (m) => {
  if (m === 'stop') child.kill('SIGINT');
});
