/**
 * Preloaded with `node --require` by the fault tests: counts file-system writes under
 * $FAULT_DIR and kills the process with SIGKILL just before write number $FAULT_KILL_AT, the
 * way a power cut or an OOM kill would stop it. With $FAULT_KILL_AT=0 it only reports the count.
 * $FAULT_LOG, when set, names a file that gets one line per counted write ("<number> <call> <path>").
 */
const fs = require('node:fs');
const path = require('node:path');

const dir = path.resolve(process.env.FAULT_DIR);
const killAt = Number(process.env.FAULT_KILL_AT);
const log = process.env.FAULT_LOG;
let count = 0;
let depth = 0;

const WRITES = ['writeFileSync', 'mkdirSync', 'mkdtempSync', 'renameSync', 'rmSync', 'rmdirSync', 'unlinkSync', 'linkSync', 'symlinkSync', 'copyFileSync', 'openSync'];

for (const name of WRITES) {
  const original = fs[name];
  fs[name] = function (target, ...rest) {
    // openSync counts only when it may create or change a file.
    const writes = name !== 'openSync' || /[wa+]/.test(String(rest[0] ?? 'r'));
    // A call made inside another counted call (writeFileSync opens its file with openSync) is part of it.
    if (depth === 0 && writes && typeof target === 'string' && path.resolve(target).startsWith(dir)) {
      count += 1;
      if (log) fs.appendFileSync(log, `${count} ${name} ${path.relative(dir, path.resolve(target))}\n`);
      if (count === killAt) process.kill(process.pid, 'SIGKILL');
    }
    depth += 1;
    try {
      return original.call(this, target, ...rest);
    } finally {
      depth -= 1;
    }
  };
}

process.on('exit', () => {
  if (killAt === 0) fs.writeSync(2, `fs-writes:${count}\n`);
});
