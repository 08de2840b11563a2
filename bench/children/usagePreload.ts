// Loaded with `node --require` in front of any measured program (our CLI included, unchanged): at exit it
// records the process's peak resident set size, which only the process itself can read once it is gone.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', (code) => {
    // maxRSS is in kilobytes on Linux and macOS.
    writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, code }));
  });
}
