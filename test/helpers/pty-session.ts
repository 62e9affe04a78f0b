/**
 * Drives the built CLI in a real pseudo-terminal (through python3's pty module) and types at it.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { CLI_PATH } from './run-built-cli';

export const KEYS = { enter: '\r', down: '\x1b[B', escape: '\x1b', ctrlC: '\x03', ctrlU: '\x15' };

// Colors and cursor movement, so tests read the screen as text.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]/g;

export class PtySession {
  private static readonly running = new Set<ChildProcessWithoutNullStreams>();

  /** Kills every session still running (for afterEach), so a failed test leaves no process behind. */
  static killAll(): void {
    for (const child of PtySession.running) child.kill('SIGKILL');
    PtySession.running.clear();
  }

  private readonly child: ChildProcessWithoutNullStreams;
  private raw = '';
  /** How far the screen has been read by answer(): each prompt is looked for after the last. */
  private cursor = 0;
  private readonly exited: Promise<number | null>;

  constructor(args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
    // CI is set when this suite runs in CI; the session sees it only when a test asks for it.
    const env: NodeJS.ProcessEnv = { ...process.env, CI: undefined, ...options.env, TERM: 'xterm-256color' };
    if (env.CI === undefined) delete env.CI;
    this.child = spawn('python3', [join(__dirname, 'pty-relay.py'), process.execPath, CLI_PATH, ...args], { cwd: options.cwd, env });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString('utf8');
    });
    PtySession.running.add(this.child);
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code) => {
        PtySession.running.delete(this.child);
        resolve(code);
      }),
    );
  }

  /** Everything the CLI has written to the terminal so far, escape sequences included. */
  get output(): string {
    return this.raw;
  }

  /** Everything the terminal has shown so far, without escape sequences. */
  get screen(): string {
    return this.raw.replace(ANSI, '');
  }

  /** Waits until the screen shows `text` after position `from`; returns where it was found. */
  async waitFor(text: string | RegExp, timeoutMs = 10000, from = 0): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rest = this.screen.slice(from);
      const index = typeof text === 'string' ? rest.indexOf(text) : rest.search(text);
      if (index >= 0) return from + index;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; the screen shows:\n${this.screen}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Waits for a prompt, then types the keys. */
  async answer(prompt: string | RegExp, keys: string): Promise<void> {
    this.cursor = (await this.waitFor(prompt, 10000, this.cursor)) + 1;
    await new Promise((resolve) => setTimeout(resolve, 60));
    this.type(keys);
  }

  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Waits for the CLI to end; returns its exit code. */
  async exitCode(timeoutMs = 15000): Promise<number | null> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
