// Cleanup that must also happen on Ctrl-C: temporary directories and running child processes. The entry point (CLI, server, worker) creates one
// scope per process and passes it down; whoever creates a temporary directory registers it.
import fs from 'node:fs';

export class CleanupScope {
  private readonly paths = new Set<string>();
  private readonly groups = new Set<number>();

  /** Registers a process group (a detached child's pid) to kill; returns the unregister. */
  trackProcessGroup(pid: number): () => void {
    this.groups.add(pid);
    return () => this.groups.delete(pid);
  }

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
    // Processes first: a test run still writing in a worktree would race its removal.
    for (const pid of [...this.groups]) {
      this.groups.delete(pid);
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    for (const dir of [...this.paths]) {
      this.paths.delete(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  get size(): number {
    return this.paths.size;
  }
}
