// The bench scripts' inputs: a file's text, or a message naming the file and exit status 2
// before anything is written.
import fs from 'node:fs';

export function readInput(script, file, what) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${script}: cannot read the ${what} ${file} (${error.code ?? error.message})`);
    process.exit(2);
  }
}
