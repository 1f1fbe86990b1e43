/**
 * Runs the CLI in process, capturing what it prints: what the CLI tests use instead of a child
 * process (faster, and the same `main` the bin calls).
 *
 * @example const { code, stdout } = await runCli('drift', '--profile', 'Ana', '--db', db, '--json')
 */
import { main } from '../../electron/cli/main';

export async function runCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}
