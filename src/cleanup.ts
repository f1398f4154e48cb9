// Cleanup that must also happen on Ctrl-C. The entry point (CLI, server, worker) creates one
// scope per process and passes it down; whoever creates a temporary directory registers it.
import fs from 'node:fs';

export class CleanupScope {
  private readonly paths = new Set<string>();

  /** Registers a directory to remove; returns the function that removes it now. */
  track(dir: string): () => void {
    this.paths.add(dir);
    return () => {
      this.paths.delete(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }

  /** Removes everything still registered. Synchronous so a signal handler can call it. */
  disposeAll(): void {
    for (const dir of [...this.paths]) {
      this.paths.delete(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  get size(): number {
    return this.paths.size;
  }
}
