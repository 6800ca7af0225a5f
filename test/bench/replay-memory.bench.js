// Replay memory: peak RSS (from /usr/bin/time -v) of the built `lead-kit replay` over recordings of 100,000 and
// MEM_LINES (default 1,000,000) distinct deliveries, re-signed, at concurrency 64 into a bare sink. Flat means
// the larger file costs no more memory than the smaller. Target: ≤ 150 MiB at every size.
// MEM_LINES=300000 shortens the run (the 1 M-line file is ~1.1 GB on disk in the temp directory).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { int, loadLine, row, scaled, startSink, replayProcess } from './lib.js';
import { writeRecording } from './recording.js';

const SIZES = [scaled(100_000, 1000), scaled(Number(process.env.MEM_LINES ?? 1_000_000), 1000)];
const SECRET = 'bench-app-secret';
const dir = mkdtempSync(join(tmpdir(), 'lead-kit-bench-'));
const sink = await startSink('verify', { secret: SECRET });
console.log(loadLine());

const peaks = [];
for (const lines of SIZES) {
  const file = join(dir, `recording-${lines}.jsonl`);
  const { bytes } = await writeRecording(file, lines, 'the-old-secret');
  const r = await replayProcess(file, sink.url, { secret: SECRET });
  rmSync(file);
  if (r.summary.accepted !== lines) throw new Error(`replay accepted ${r.summary.accepted} of ${lines}`);
  peaks.push(r.rssMib);
  console.log(
    `  ${int(lines)} lines (${(bytes / 1e6).toFixed(0)} MB): ${r.seconds.toFixed(1)} s, ${int(r.summary.requests_per_second)} req/s, accepted ${int(r.summary.accepted)}, peak RSS ${r.rssMib.toFixed(1)} MiB`,
  );
}
const { bad } = await sink.stats();
await sink.stop();
rmSync(dir, { recursive: true, force: true });
if (bad > 0) throw new Error(`${bad} sampled signatures were wrong`);
const worst = Math.max(...peaks);
row(
  `replay peak RSS, ${int(SIZES[0])} → ${int(SIZES[1])} lines`,
  `${peaks[0].toFixed(0)} → ${peaks[1].toFixed(0)} MiB`,
  '—',
  `${(peaks[1] / peaks[0]).toFixed(2)}× growth`,
  'flat, ≤ 150 MiB',
  worst <= 150 && peaks[1] <= peaks[0] * 1.1,
);
