/**
 * Preloaded with `node --require` by the fault tests: counts file-system writes under
 * $FAULT_DIR and kills the process with SIGKILL just before write number $FAULT_KILL_AT, the
 * way a power cut or an OOM kill would stop it. With $FAULT_KILL_AT=0 it only reports the count.
 */
const fs = require('node:fs');
const path = require('node:path');

const dir = path.resolve(process.env.FAULT_DIR);
const killAt = Number(process.env.FAULT_KILL_AT);
let count = 0;

for (const name of ['writeFileSync', 'mkdirSync', 'mkdtempSync', 'renameSync', 'rmSync']) {
  const original = fs[name];
  fs[name] = function (target, ...rest) {
    if (typeof target === 'string' && path.resolve(target).startsWith(dir)) {
      count += 1;
      if (count === killAt) process.kill(process.pid, 'SIGKILL');
    }
    return original.call(this, target, ...rest);
  };
}

process.on('exit', () => {
  if (killAt === 0) fs.writeSync(2, `fs-writes:${count}\n`);
});
