// `lead-kit template validate` over 1,000 DISTINCT valid template files, next to an ajv script that validates
// the same files against lead-kit's own `template schema` (draft 2020-12). Both are timed as whole processes
// (start-up, reading every file, validating, printing one line per file, exit), in interleaved rounds; each
// round's figures and ratio are printed, then the medians; the row is the ratio of the median wall times.
// `npm run bench -- template-validate`; FILES=1000 and BENCH_ROUNDS (default 5 here) change the defaults. The same
// file is the ajv side when called with `--ajv` (it then loads nothing but ajv: lib.js is imported by the bench only).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Where /usr/bin/time exists, each process's CPU time (user + sys) is reported too: on a loaded machine it moves
// less than the wall time.
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

if (process.argv[2] === '--ajv') {
  // The ajv side: compile the schema once, then read, parse and validate each file, one line per file.
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const [schemaFile, ...files] = process.argv.slice(3);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  let bad = 0;
  const out = [];
  for (const f of files) {
    const ok = validate(JSON.parse(readFileSync(f, 'utf8')));
    if (!ok) bad++;
    out.push(`${ok ? '✓' : '✗'} ${f}${ok ? '' : ' ' + ajv.errorsText(validate.errors)}`);
  }
  out.push(bad === 0 ? `✓ all ${files.length} templates valid` : `✗ ${bad} of ${files.length} templates invalid`);
  process.stdout.write(out.join('\n') + '\n');
  process.exitCode = bad === 0 ? 0 : 1;
} else {
  await bench();
}

/** A valid template, different for every `i`: button, generic or text with quick replies, varying texts and ids. */
function template(i) {
  const app = 1278416343931139 + i;
  const expiration = (i % 7) + 1;
  const kind = i % 3;
  let message;
  if (kind === 0) {
    message = {
      attachment: {
        type: 'template',
        payload: {
          template_type: 'button',
          text: `Hi! Thanks for your interest in offer #${i}. How can we help you?`,
          buttons: [
            { title: `Product ${i}`.slice(0, 20), type: 'web_url', url: `https://example.com/products/${i}` },
            { title: 'Tell me more', type: 'postback', payload: `MORE_${i}` },
          ],
        },
      },
    };
  } else if (kind === 1) {
    message = {
      attachment: {
        type: 'template',
        payload: {
          template_type: 'generic',
          elements: Array.from({ length: 1 + (i % 4) }, (_, k) => ({
            title: `Store ${i}-${k}`,
            subtitle: `Open until ${(i % 12) + 8} pm`,
            image_url: `https://example.com/img/${i}/${k}.jpg`,
            default_action: { type: 'web_url', url: `https://example.com/stores/${i}/${k}` },
            buttons: [{ type: 'postback', title: 'Call me back', payload: `CALLBACK_${i}_${k}` }],
          })),
        },
      },
    };
  } else {
    message = {
      text: `Which day suits you for a call about request ${i}?`,
      quick_replies: ['Monday', 'Tuesday', 'Wednesday'].map((d) => ({
        content_type: 'text',
        title: d,
        payload: `DAY_${d.toUpperCase()}_${i}`,
      })),
    };
  }
  return { message: { ...message, receiving_app_id: app, receiving_app_control_expiration: expiration } };
}

function timed(args) {
  const [cmd, argv] = TIME ? [TIME, ['-f', 'cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
  const t = performance.now();
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.slice(0, 3).join(' ')} … exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr.toString());
  return { ms, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined };
}

async function bench() {
  const { BIN, loadLine, row } = await import('./lib.js');
  const SELF = fileURLToPath(import.meta.url);
  const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 5));
  const FILES = Number(process.env.FILES ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'lead-kit-bench-tv-'));
  try {
    const files = [];
    for (let i = 0; i < FILES; i++) {
      const f = join(dir, `template-${String(i).padStart(4, '0')}.json`);
      writeFileSync(f, JSON.stringify(template(i), null, 2) + '\n');
      files.push(f);
    }
    const schemaFile = join(dir, 'schema.json');
    const schema = spawnSync(process.execPath, [BIN, 'template', 'schema'], { encoding: 'utf8' });
    if (schema.status !== 0) throw new Error(`template schema exited ${schema.status}: ${schema.stderr}`);
    writeFileSync(schemaFile, schema.stdout);
    const leadKit = [BIN, 'template', 'validate', ...files];
    const ajv = [SELF, '--ajv', schemaFile, ...files];
    // both must agree that every file is valid before anything is timed (exit 0 from each)
    timed(leadKit);
    timed(ajv);
    const lk = [];
    const av = [];
    console.log(
      `template validate: ${FILES} distinct valid files, whole process each, ${ROUNDS} interleaved rounds (wall${TIME ? '; cpu = user + sys' : ''}); ${loadLine()}`,
    );
    const cpu = (x) => (x.cpu === undefined ? '' : ` (cpu ${x.cpu.toFixed(0)} ms)`);
    for (let r = 0; r < ROUNDS; r++) {
      // alternate which side goes first, so neither always runs on a warmer (or busier) machine
      const a = r % 2 === 0 ? timed(leadKit) : undefined;
      const b = timed(ajv);
      const c = a ?? timed(leadKit);
      lk.push(c);
      av.push(b);
      console.log(
        `  round ${r + 1}: lead-kit ${c.ms.toFixed(0)} ms${cpu(c)}, ajv ${b.ms.toFixed(0)} ms${cpu(b)}, ratio ${(c.ms / b.ms).toFixed(2)}×${c.cpu && b.cpu ? ` (cpu ${(c.cpu / b.cpu).toFixed(2)}×)` : ''}`,
      );
    }
    const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const line = (what, pick) => {
      const l = lk.map(pick);
      const a = av.map(pick);
      if (l.some((x) => x === undefined)) return;
      const ratios = l.map((x, i) => x / a[i]);
      console.log(
        `  median ${what}: lead-kit ${median(l).toFixed(0)} ms, ajv ${median(a).toFixed(0)} ms, ratio of medians ${(median(l) / median(a)).toFixed(2)}×, median of round ratios ${median(ratios).toFixed(2)}× (target ≤ 1.3×)`,
      );
    };
    line('wall', (x) => x.ms);
    line('cpu', (x) => x.cpu);
    const [l, a] = [median(lk.map((x) => x.ms)), median(av.map((x) => x.ms))];
    row(
      `template validate, ${FILES} distinct valid files, vs ajv on \`template schema\` (whole process)`,
      `${l.toFixed(0)} ms`,
      `${a.toFixed(0)} ms`,
      `${(l / a).toFixed(2)}× the time (rounds ${lk.map((x, i) => (x.ms / av[i].ms).toFixed(2)).join(', ')})`,
      '≤ 1.3×',
      l / a <= 1.3,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
