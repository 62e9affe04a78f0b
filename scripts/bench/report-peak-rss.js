// Preloaded into a measured process: writes its peak resident set size (KiB) to $PEAK_RSS_FILE on exit.
const { writeFileSync } = require('node:fs');
process.on('exit', () => writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS)));
